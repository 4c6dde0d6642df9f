// The email settings form (owner only): one zod schema shared by the browser
// (Conform) and the server. Messages are i18n keys. The SMTP server and its
// credentials are not here: secrets come only from the environment.
import { z } from "zod";
import type { EmailSettings } from "./settings";

const optional = (max: number) => z.string().trim().max(max, `errors.tooLong|${max}`).optional();

export const EmailSettingsFormSchema = z.object({
  senderName: optional(80).refine((v) => !v || /^[^<>"\r\n]*$/.test(v), "settings.email.badSenderName"),
  replyTo: z.string().trim().max(254, "errors.tooLong|254").email("errors.email").optional(),
  signatureIt: optional(500),
  signatureEn: optional(500),
});

export type EmailSettingsForm = z.infer<typeof EmailSettingsFormSchema>;

export function emailSettingsFromForm(form: EmailSettingsForm): EmailSettings {
  return {
    senderName: form.senderName ?? "",
    replyTo: form.replyTo || null,
    signature: { it: form.signatureIt ?? "", en: form.signatureEn ?? "" },
  };
}

export function emailSettingsToForm(settings: EmailSettings): Record<string, string> {
  return { senderName: settings.senderName, replyTo: settings.replyTo ?? "", signatureIt: settings.signature.it, signatureEn: settings.signature.en };
}
