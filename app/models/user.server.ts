import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

/** Creates the account or resets its password and role (used by the seed and the CLI). */
export async function upsertOwner({ email, name, password }: { email: string; name: string; password: string }) {
  const passwordHash = await hashPassword(password);
  const normalised = email.trim().toLowerCase();
  return prisma.user.upsert({
    where: { email: normalised },
    create: { email: normalised, name, passwordHash, role: "owner" },
    update: { name, passwordHash, role: "owner" },
    select: { id: true, email: true },
  });
}
