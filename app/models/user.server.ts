import type { Locale } from "~/i18n/i18n";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

/**
 * Creates the account or resets its password and role (used by the seed and the CLI).
 * `locale` is the language of the account's emails: Italian for a new account unless
 * given; an existing account keeps its own unless given.
 */
export async function upsertOwner({ email, name, password, locale }: { email: string; name: string; password: string; locale?: Locale }) {
  const passwordHash = await hashPassword(password);
  const normalised = email.trim().toLowerCase();
  return prisma.user.upsert({
    where: { email: normalised },
    create: { email: normalised, name, passwordHash, role: "owner", ...(locale ? { locale } : {}) },
    update: { name, passwordHash, role: "owner", ...(locale ? { locale } : {}) },
    select: { id: true, email: true, locale: true },
  });
}
