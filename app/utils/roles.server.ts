// What a member (not an owner) may not see or do, beyond the owner-only
// routes that call requireRole(…, "owner").
import type { SessionUser as User } from "./session.server";

/**
 * Emails that carry a credential: a password reset link or an invitation
 * (which can make an owner account). In the outbox a member sees only their
 * own; otherwise a member could take over an owner's account.
 */
export const credentialEmailKinds: readonly string[] = ["password_reset", "invite"];

export function canReadEmail(user: Pick<User, "role" | "email">, message: { kind: string; to: string }): boolean {
  if (user.role === "owner") return true;
  return !credentialEmailKinds.includes(message.kind) || message.to.toLowerCase() === user.email.toLowerCase();
}

/** Prices live in settings (owner only); a member may send a proposal but not change what it costs. */
export function samePrices(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}
