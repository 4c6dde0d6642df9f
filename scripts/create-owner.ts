// Creates the first owner account (or resets an owner's password):
//   npm run owner:create -- --email titolare@example.it --name "Nome Cognome" [--locale it|en]
// --locale is the language of the account's emails (Italian for a new account; an existing one keeps its own unless given).
// The password comes from OWNER_PASSWORD, or a random one is generated and printed once.
import "dotenv/config";
import { parseArgs } from "node:util";
import { z } from "zod";
import { locales } from "~/i18n/i18n";
import { upsertOwner } from "~/models/user.server";
import { disconnectDb } from "~/utils/db.server";
import { generatePassword } from "~/utils/password.server";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, locale: { type: "string" } } });
const parsed = z
  .object({
    email: z.string({ required_error: "--email is required" }).email("--email must be an email address"),
    name: z.string({ required_error: "--name is required" }).trim().min(1, "--name is required"),
    locale: z.enum(locales, { errorMap: () => ({ message: `--locale must be one of: ${locales.join(", ")}` }) }).optional(),
    password: z.string().min(12, "OWNER_PASSWORD must be at least 12 characters").optional(),
  })
  .safeParse({ ...values, password: process.env.OWNER_PASSWORD || undefined });
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => i.message).join("\n"));
  console.error('Usage: npm run owner:create -- --email you@example.it --name "Your Name" [--locale it|en]');
  process.exit(1);
}
const password = parsed.data.password ?? generatePassword();
const user = await upsertOwner({ email: parsed.data.email, name: parsed.data.name, password, ...(parsed.data.locale ? { locale: parsed.data.locale } : {}) });
await disconnectDb();
console.log(`Owner ${user.email} is ready (emails in ${user.locale === "en" ? "English" : "Italian"}).`);
if (!parsed.data.password) console.log(`Password (shown once): ${password}`);
