// The studio's branding as every email receives it (a prop of the layout and
// of the plain-text part), and what follows from it for the sign-off.
import { getT, type Locale } from "~/i18n/i18n";
import { oneLine } from "./templates";

/** How the owner's settings present every email: sender name, reply-to, signature, logo, main colour. */
export interface EmailBrand {
  /** Shown in the message's header (and the From name); empty = "Socialbrief". */
  senderName: string;
  replyTo: string | null;
  /** The owner's signature in the message's language; empty = the standard one. */
  signature: string;
  /** Absolute URL of the logo, or null. */
  logoUrl: string | null;
  /** The studio's main colour (white text reads on it: the settings check it). */
  color: string;
}

/** The product's own look: what a message carries when the owner has set nothing. */
export const defaultEmailBrand: EmailBrand = { senderName: "", replyTo: null, signature: "", logoUrl: null, color: "#1f3a5f" };

/** The header's name, the signature's lines and the footer, in the message's language. */
export function signOff(locale: Locale, brand: EmailBrand): { name: string; signature: string[]; footer: string } {
  const t = getT(locale);
  const signature = brand.signature.trim();
  const replyTo = brand.replyTo ? oneLine(brand.replyTo) : null;
  const automatic = t("email.common.automatic");
  return {
    name: oneLine(brand.senderName) || "Socialbrief",
    signature: signature ? signature.split(/\r?\n/).map((line) => line.trim()) : [t("email.common.signature")],
    footer: replyTo ? `${automatic} ${t("settings.email.replyNote", { email: replyTo })}` : automatic,
  };
}
