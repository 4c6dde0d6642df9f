// The owner's email settings (sender name, reply-to, signature per language),
// logo and main colour, as every outgoing message applies them. The SMTP server and its
// credentials stay in the environment (SMTP_URL, EMAIL_FROM).
import { defaultEmailBrand, type EmailBrand } from "~/emails/brand";
import { readableBrand } from "~/domain/brand";
import type { Locale } from "~/i18n/i18n";
import { defaultEmailSettings, type EmailSettings } from "~/domain/strategy/settings";
import { getBrandLogoVersion, logoUrl } from "~/models/brand-logo.server";
import { getOwnerSettings } from "~/models/settings.server";
import { logger } from "./logger.server";

/** What the owner set, or the defaults (which change nothing) when it cannot be read: an email is never held up by its branding. */
export async function getEmailBrand(locale: Locale): Promise<EmailBrand & { settings: EmailSettings }> {
  let settings = defaultEmailSettings;
  let logo: string | null = null;
  let color = defaultEmailBrand.color;
  try {
    const owner = await getOwnerSettings();
    settings = owner.email;
    color = readableBrand(owner.branding).primaryColor;
    const version = await getBrandLogoVersion();
    logo = version ? logoUrl(version) : null;
  } catch (error) {
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, "email settings unreadable: defaults used");
  }
  return { settings, senderName: settings.senderName, replyTo: settings.replyTo, signature: settings.signature[locale], logoUrl: logo, color };
}

/** EMAIL_FROM ("Name <address>" or a bare address) with the owner's sender name in place of its name. */
export function senderFrom(emailFrom: string, senderName: string): string | { name: string; address: string } {
  const name = senderName.replace(/[\r\n<>"]/g, "").trim();
  if (!name) return emailFrom;
  const address = /<([^<>]+)>\s*$/.exec(emailFrom)?.[1] ?? emailFrom.trim();
  return { name, address };
}
