// The team's payment forms (a bank transfer received, accepting a differing
// amount): checked on the server, messages are i18n keys.
import { z } from "zod";
import { parseEuroToCents } from "./money";

const note = z.string({ required_error: "payment.panel.errors.note" }).trim().min(1, "payment.panel.errors.note").max(500, "payment.panel.errors.note");

/** `today` is YYYY-MM-DD in Rome: a transfer cannot be credited in the future. */
export function manualPaymentSchema(locale: "it" | "en", today: string) {
  return z.object({
    intent: z.literal("manual"),
    amount: z
      .string({ required_error: "payment.panel.errors.amount" })
      .transform((v) => parseEuroToCents(v, locale))
      .refine((v): v is number => v !== null && v > 0, "payment.panel.errors.amount")
      .transform((v) => v as number),
    paidOn: z
      .string({ required_error: "payment.panel.errors.date" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "payment.panel.errors.date")
      .refine((v) => !Number.isNaN(Date.parse(`${v}T12:00:00Z`)) && v <= today && v >= "2000-01-01", "payment.panel.errors.date"),
    note,
  });
}

export const reviewPaymentSchema = z.object({
  intent: z.literal("review"),
  paymentId: z.string().min(1).max(100),
  note,
});

/** The first message per field, for the form. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
