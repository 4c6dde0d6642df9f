// The account forms' zod schemas, shared by browser and server. Messages are
// i18n keys (see translateError in app/components/field.tsx).
import { z } from "zod";
import { locales } from "~/i18n/i18n";
import { byIntent } from "./form-intent";

export const MIN_PASSWORD = 12;
export const roles = ["owner", "member"] as const;
export type TeamRole = (typeof roles)[number];

const email = z.string({ required_error: "errors.required" }).trim().toLowerCase().max(254, "errors.tooLong|254").email("errors.email");
const name = z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(120, "errors.tooLong|120");
const newPassword = z
  .string({ required_error: "errors.required" })
  .min(MIN_PASSWORD, "account.errors.passwordShort")
  .max(200, "errors.tooLong|200");
const confirm = z.string({ required_error: "errors.required" });

/** The new password typed twice the same (said beside the confirmation). */
function confirmed(value: { password: string; confirm: string }, ctx: z.RefinementCtx) {
  if (value.password !== value.confirm) ctx.addIssue({ code: "custom", message: "account.errors.passwordMismatch", path: ["confirm"] });
}

function matching<T extends z.ZodRawShape & { password: typeof newPassword; confirm: typeof confirm }>(shape: T) {
  return z.object(shape).refine((v) => v.password === v.confirm, { message: "account.errors.passwordMismatch", path: ["confirm"] });
}

export const ForgotSchema = z.object({ email });

export const ResetSchema = matching({ password: newPassword, confirm });

const changePassword = z.object({
  intent: z.literal("password"),
  current: z.string({ required_error: "errors.required" }).min(1, "errors.required").max(200, "errors.tooLong|200"),
  password: newPassword,
  confirm,
});

export const ChangePasswordSchema = changePassword.superRefine(confirmed);

/** The language of your own emails: Italian or English; anything else (missing, empty, another language) is refused. */
export const LanguageSchema = z.object({
  intent: z.literal("language"),
  locale: z.enum(locales, { errorMap: () => ({ message: "account.errors.localeInvalid" }) }),
});

/**
 * The account page's forms, one union on `intent`: end one of your sessions
 * (its public id), end all the others, change your password, choose the
 * language of your emails. A missing or unknown intent fails on `intent`.
 */
export const AccountActionSchema = byIntent(
  z
    .discriminatedUnion("intent", [
      z.object({ intent: z.literal("revoke"), session: z.string().max(100) }),
      z.object({ intent: z.literal("revoke-others") }),
      changePassword,
      LanguageSchema,
    ])
    .superRefine((value, ctx) => {
      if (value.intent === "password") confirmed(value, ctx);
    }),
);

export const InviteSchema = z.object({
  intent: z.literal("invite"),
  email,
  name,
  role: z.enum(roles, { errorMap: () => ({ message: "errors.choose" }) }),
});

export const AcceptInviteSchema = matching({ name, password: newPassword, confirm });

const userId = z.string().min(1).max(100);

/**
 * The team page's forms, one union on `intent`: the invitation (a Conform
 * form), cancelling a pending invitation, and the table's row actions (plain
 * forms: a hidden user id, and a role for "role"). A missing or unknown intent
 * fails on `intent`.
 */
export const TeamActionSchema = byIntent(
  z.discriminatedUnion("intent", [
    InviteSchema,
    z.object({ intent: z.literal("cancel-invite"), inviteId: z.string().max(100) }),
    z.object({ intent: z.literal("role"), userId, role: z.enum(roles) }),
    z.object({ intent: z.literal("disable"), userId }),
    z.object({ intent: z.literal("enable"), userId }),
  ]),
);
