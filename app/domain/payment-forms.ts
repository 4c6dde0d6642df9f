// The team's payment forms (a bank transfer received, accepting a differing
// amount), one zod schema each, shared by the browser (Conform) and the
// server; the action parses both as one union on `intent`. Messages are i18n keys.
import { z } from "zod";
import { parseEuroToCents } from "./money";

const note = z.string({ required_error: "payment.panel.errors.note" }).trim().min(1, "payment.panel.errors.note").max(500, "payment.panel.errors.note");

/** Every panel form also says where to go back to without JavaScript, and whether a script sent it (then it answers JSON). */
const common = { redirectTo: z.string().max(500).optional(), js: z.literal("1").optional() };

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
    ...common,
  });
}

export const reviewPaymentSchema = z.object({
  intent: z.literal("review"),
  paymentId: z.string().min(1).max(100),
  note,
  ...common,
});

/** The panel's action: a bank transfer unless the form says it reviews a difference (as before the union). */
export function paymentActionSchema(locale: "it" | "en", today: string) {
  return z.preprocess(
    (v) => (v && typeof v === "object" ? { ...v, intent: (v as { intent?: unknown }).intent === "review" ? "review" : "manual" } : v),
    z.discriminatedUnion("intent", [manualPaymentSchema(locale, today), reviewPaymentSchema]),
  );
}
