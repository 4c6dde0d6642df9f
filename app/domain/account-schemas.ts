// The account forms' zod schemas, shared by browser and server. Messages are
// i18n keys (see translateError in app/components/field.tsx).
import { z } from "zod";

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

function matching<T extends z.ZodRawShape & { password: typeof newPassword; confirm: typeof confirm }>(shape: T) {
  return z.object(shape).refine((v) => v.password === v.confirm, { message: "account.errors.passwordMismatch", path: ["confirm"] });
}

export const ForgotSchema = z.object({ email });

export const ResetSchema = matching({ password: newPassword, confirm });

export const ChangePasswordSchema = z
  .object({
    intent: z.literal("password"),
    current: z.string({ required_error: "errors.required" }).min(1, "errors.required").max(200, "errors.tooLong|200"),
    password: newPassword,
    confirm,
  })
  .refine((v) => v.password === v.confirm, { message: "account.errors.passwordMismatch", path: ["confirm"] });

export const InviteSchema = z.object({
  intent: z.literal("invite"),
  email,
  name,
  role: z.enum(roles, { errorMap: () => ({ message: "errors.choose" }) }),
});

export const AcceptInviteSchema = matching({ name, password: newPassword, confirm });

/** The team table's row actions (plain forms: a hidden user id, and a role for "role"). */
export const TeamRowSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("role"), userId: z.string().min(1).max(100), role: z.enum(roles) }),
  z.object({ intent: z.literal("disable"), userId: z.string().min(1).max(100) }),
  z.object({ intent: z.literal("enable"), userId: z.string().min(1).max(100) }),
]);
