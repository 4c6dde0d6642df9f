// The owner's public profile as edited in settings: one zod schema shared by
// the browser (Conform) and the server. Messages are i18n keys.
import { z } from "zod";
import { channels } from "./intake/definition";
import { isValidPartitaIva } from "./italian-ids";

const text = (max: number) => z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(max, `errors.tooLong|${max}`);
const optionalText = (max: number) => z.string().trim().max(max, `errors.tooLong|${max}`).optional();

const followers = z
  .string()
  .trim()
  .regex(/^\d{1,3}([.,' ]\d{3})*$|^\d+$/, "errors.number")
  .transform((v) => Number(v.replace(/\D/g, "")))
  .pipe(z.number().int().max(1_000_000_000, "errors.number"))
  .optional();

const audienceShape = Object.fromEntries(channels.map((c) => [`audience_${c}`, followers])) as Record<`audience_${(typeof channels)[number]}`, typeof followers>;

export const ProfileSchema = z.object({
  displayName: text(120),
  headlineIt: text(200),
  headlineEn: text(200),
  bioIt: text(1500),
  bioEn: text(1500),
  photoUrl: optionalText(300).refine((v) => !v || /^\/[\w./-]+$/.test(v) || /^https:\/\/[^\s]+$/.test(v), "errors.url"),
  email: z.string().trim().max(254, "errors.tooLong|254").email("errors.email").optional(),
  phone: optionalText(30).refine((v) => !v || /^\+?[0-9][0-9\s().\-/]{5,29}$/.test(v), "errors.phone"),
  city: optionalText(80),
  vatNumber: optionalText(20).refine((v) => !v || isValidPartitaIva(v), "errors.partitaIva"),
  ...audienceShape,
});

export type ProfileInput = z.infer<typeof ProfileSchema>;

/** Audience figures from the form, largest first, channels left empty dropped. */
export function audienceFrom(input: ProfileInput): Array<{ channel: (typeof channels)[number]; followers: number }> {
  return channels
    .map((channel) => ({ channel, followers: input[`audience_${channel}`] }))
    .filter((a): a is { channel: (typeof channels)[number]; followers: number } => typeof a.followers === "number")
    .sort((a, b) => b.followers - a.followers);
}
