// Accounts: login lockout, password reset by email, the user's own sessions,
// and the team (invites, roles, disabling). Every function that depends on the
// time takes `now`, so tests can move the clock instead of sleeping.
// Emailed secrets are 32 random bytes (base64url); only their SHA-256 is stored.
import { createHash, randomBytes } from "node:crypto";
import { deviceLabel, type DeviceLabel } from "~/domain/user-agent";
import type { TeamRole } from "~/domain/account-schemas";
import { inviteEmail, passwordResetEmail } from "~/emails/templates";
import type { Locale } from "~/i18n/i18n";
import { createSessionCookie } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { recordAudit } from "./audit.server";

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface SessionMeta {
  userAgent: string | null;
  ip: string | null;
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// ---------------------------------------------------------------- login

// Verified against when the email is unknown or the account is disabled, so
// the time taken does not say which emails have (working) accounts.
let dummyHash: Promise<string> | undefined;
async function burnDummyHash(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-password");
  await verifyPassword(password, await dummyHash);
}

export type LoginResult = { status: "ok"; userId: string } | { status: "invalid" } | { status: "locked"; until: Date };

/**
 * Checks a login. After MAX_FAILED_LOGINS failures in a row the account is
 * locked for LOCK_MS: while locked every attempt answers "locked", whether the
 * password is right or not (the password is still hashed, so the answer takes
 * the same time). A success clears the counter.
 */
export async function attemptLogin(email: string, password: string, now: Date = new Date()): Promise<LoginResult> {
  const user = await prisma.user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { id: true, passwordHash: true, lockedUntil: true, disabledAt: true },
  });
  if (!user || user.disabledAt) {
    await burnDummyHash(password);
    return { status: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await burnDummyHash(password);
    return { status: "locked", until: user.lockedUntil };
  }
  if (await verifyPassword(password, user.passwordHash)) {
    await prisma.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
    return { status: "ok", userId: user.id };
  }
  const { failedLogins } = await prisma.user.update({
    where: { id: user.id },
    data: { failedLogins: { increment: 1 } },
    select: { failedLogins: true },
  });
  if (failedLogins < MAX_FAILED_LOGINS) return { status: "invalid" };
  const until = new Date(now.getTime() + LOCK_MS);
  await prisma.$transaction(async (tx) => {
    // The counter starts again, so the window after the lock allows MAX_FAILED_LOGINS more tries.
    await tx.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: until } });
    await recordAudit({ action: "user.locked", actorId: user.id, data: { until: until.toISOString(), failures: failedLogins } }, tx);
  });
  return { status: "locked", until };
}

// ---------------------------------------------------------------- password reset

/**
 * Emails a reset link when the address belongs to an active account; does
 * nothing otherwise. The caller answers the same either way.
 */
export async function requestPasswordReset({ email, locale, now = new Date() }: { email: string; locale: Locale; now?: Date }): Promise<void> {
  const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, email: true, disabledAt: true } });
  if (!user || user.disabledAt) return;
  const token = newToken();
  const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
  await prisma.$transaction(async (tx) => {
    // Only the newest link works.
    await tx.passwordReset.deleteMany({ where: { userId: user.id, usedAt: null } });
    await tx.passwordReset.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt, createdAt: now } });
  });
  const url = `${getEnv().APP_URL}/${locale}/reset/${token}`;
  await sendEmail({ kind: "password_reset", to: user.email, locale, ...passwordResetEmail({ locale, url, expiresAt }) });
}

export type TokenCheck<T> = { status: "ok"; value: T } | { status: "gone" } | { status: "unknown" };

/** Whether a reset link can still be used (does not use it). */
export async function checkResetToken(token: string, now: Date = new Date()): Promise<TokenCheck<{ email: string }>> {
  const row = await prisma.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { expiresAt: true, usedAt: true, user: { select: { email: true, disabledAt: true } } },
  });
  if (!row) return { status: "unknown" };
  if (row.usedAt || row.expiresAt <= now || row.user.disabledAt) return { status: "gone" };
  return { status: "ok", value: { email: row.user.email } };
}

/**
 * Uses a reset link: sets the password, signs out every session of the user,
 * clears the lockout and signs in here. Single use even under concurrent requests.
 */
export async function resetPassword(
  token: string,
  password: string,
  meta: SessionMeta,
  now: Date = new Date(),
): Promise<{ status: "ok"; cookie: string; userId: string } | { status: "gone" }> {
  const passwordHash = await hashPassword(password);
  const tokenHash = hashToken(token);
  const userId = await prisma.$transaction(async (tx) => {
    const row = await tx.passwordReset.findUnique({ where: { tokenHash }, select: { id: true, userId: true, user: { select: { disabledAt: true } } } });
    if (!row || row.user.disabledAt) return null;
    const claimed = await tx.passwordReset.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) return null;
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, failedLogins: 0, lockedUntil: null } });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    await recordAudit({ action: "user.password_reset", actorId: row.userId }, tx);
    return row.userId;
  });
  if (!userId) return { status: "gone" };
  return { status: "ok", userId, cookie: await createSessionCookie(userId, meta) };
}

// ---------------------------------------------------------------- own sessions

/**
 * The id shown in pages and forms for a session: a digest of the real id, so
 * the page never carries a usable session secret.
 */
export function sessionPublicId(sessionId: string): string {
  return createHash("sha256").update(`session:${sessionId}`).digest("base64url").slice(0, 24);
}

export interface SessionListItem {
  id: string;
  device: DeviceLabel;
  ip: string | null;
  createdAt: Date;
  current: boolean;
}

/** The user's unexpired sessions, the current one first, then newest first. */
export async function listSessions(userId: string, currentSessionId: string, now: Date = new Date()): Promise<SessionListItem[]> {
  const rows = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: now } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { id: true, userAgent: true, ip: true, createdAt: true },
  });
  return rows
    .map((row) => ({
      id: sessionPublicId(row.id),
      device: deviceLabel(row.userAgent),
      ip: row.ip || null,
      createdAt: row.createdAt,
      current: row.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/**
 * Deletes one of the user's own sessions by its public id. Only the user's
 * sessions are searched, so another user's session is never found (false).
 */
export async function revokeSession(userId: string, publicId: string): Promise<{ revoked: false } | { revoked: true; sessionId: string }> {
  const rows = await prisma.session.findMany({ where: { userId }, select: { id: true } });
  const match = rows.find((row) => sessionPublicId(row.id) === publicId);
  if (!match) return { revoked: false };
  await prisma.session.deleteMany({ where: { id: match.id, userId } });
  return { revoked: true, sessionId: match.id };
}

/** Signs out everywhere but here; returns how many sessions ended. */
export async function revokeOtherSessions(userId: string, currentSessionId: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId, id: { not: currentSessionId } } });
  return count;
}

/** Changes the password after checking the current one; other sessions are signed out. */
export async function changePassword(userId: string, currentSessionId: string, current: string, next: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(current, user.passwordHash))) return false;
  const passwordHash = await hashPassword(next);
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { passwordHash, failedLogins: 0, lockedUntil: null } }),
    prisma.session.deleteMany({ where: { userId, id: { not: currentSessionId } } }),
  ]);
  return true;
}

// ---------------------------------------------------------------- team

export async function listTeam(now: Date = new Date()) {
  const [users, invites] = await Promise.all([
    prisma.user.findMany({
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, name: true, email: true, role: true, disabledAt: true, createdAt: true },
    }),
    prisma.invite.findMany({
      where: { acceptedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, name: true, role: true, expiresAt: true, createdAt: true },
    }),
  ]);
  return { users, invites };
}

export type InviteResult = { status: "sent"; inviteId: string } | { status: "exists" };

/** Invites someone by email (a new link replaces any pending one to the same address). */
export async function createInvite({
  email,
  name,
  role,
  invitedBy,
  locale,
  now = new Date(),
}: {
  email: string;
  name: string;
  role: TeamRole;
  invitedBy: { id: string; name: string };
  locale: Locale;
  now?: Date;
}): Promise<InviteResult> {
  const address = normaliseEmail(email);
  if (await prisma.user.findUnique({ where: { email: address }, select: { id: true } })) return { status: "exists" };
  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  const invite = await prisma.$transaction(async (tx) => {
    await tx.invite.deleteMany({ where: { email: address, acceptedAt: null } });
    const created = await tx.invite.create({
      data: { email: address, name: name.trim(), role, tokenHash: hashToken(token), invitedById: invitedBy.id, expiresAt, createdAt: now },
      select: { id: true },
    });
    await recordAudit({ action: "user.invited", actorId: invitedBy.id, data: { inviteId: created.id, email: address, role } }, tx);
    return created;
  });
  const url = `${getEnv().APP_URL}/${locale}/invite/${token}`;
  await sendEmail({
    kind: "invite",
    to: address,
    locale,
    ...inviteEmail({ locale, url, name: name.trim(), inviterName: invitedBy.name, role, expiresAt }),
  });
  return { status: "sent", inviteId: invite.id };
}

/**
 * Cancels a pending invitation: its link stops working at once (it reads as
 * expired, 410) and it leaves the list. False when there is no pending one.
 */
export async function cancelInvite(actorId: string, inviteId: string, now: Date = new Date()): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.invite.updateMany({ where: { id: inviteId, acceptedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    if (count !== 1) return false;
    await recordAudit({ action: "user.invite_cancelled", actorId, data: { inviteId } }, tx);
    return true;
  });
}

export async function checkInvite(token: string, now: Date = new Date()): Promise<TokenCheck<{ email: string; name: string; role: string }>> {
  const row = await prisma.invite.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { email: true, name: true, role: true, expiresAt: true, acceptedAt: true },
  });
  if (!row) return { status: "unknown" };
  if (row.acceptedAt || row.expiresAt <= now) return { status: "gone" };
  return { status: "ok", value: { email: row.email, name: row.name, role: row.role } };
}

/** Accepts an invitation: creates the account with the invited role and signs in. Single use. */
export async function acceptInvite(
  token: string,
  input: { name: string; password: string },
  meta: SessionMeta,
  now: Date = new Date(),
): Promise<{ status: "ok"; cookie: string; userId: string } | { status: "gone" } | { status: "exists" }> {
  const passwordHash = await hashPassword(input.password);
  const tokenHash = hashToken(token);
  const outcome = await prisma.$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({ where: { tokenHash }, select: { id: true, email: true, role: true } });
    if (!invite) return { status: "gone" as const };
    if (await tx.user.findUnique({ where: { email: invite.email }, select: { id: true } })) return { status: "exists" as const };
    const claimed = await tx.invite.updateMany({ where: { id: invite.id, acceptedAt: null, expiresAt: { gt: now } }, data: { acceptedAt: now } });
    if (claimed.count !== 1) return { status: "gone" as const };
    const role: TeamRole = invite.role === "owner" ? "owner" : "member";
    const user = await tx.user.create({ data: { email: invite.email, name: input.name.trim(), passwordHash, role }, select: { id: true } });
    await recordAudit({ action: "user.joined", actorId: user.id, data: { inviteId: invite.id, role } }, tx);
    return { status: "ok" as const, userId: user.id };
  });
  if (outcome.status !== "ok") return outcome;
  return { status: "ok", userId: outcome.userId, cookie: await createSessionCookie(outcome.userId, meta) };
}

export type TeamChange = "ok" | "not_found" | "last_owner";

/** True when taking `userId` out of the active owners would leave none. */
async function isLastActiveOwner(tx: Pick<typeof prisma, "user">, userId: string): Promise<boolean> {
  const others = await tx.user.count({ where: { role: "owner", disabledAt: null, id: { not: userId } } });
  return others === 0;
}

/** Gives a user another role; the last active owner cannot be demoted. */
export async function changeRole(actorId: string, userId: string, role: TeamRole): Promise<TeamChange> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
    if (!user) return "not_found";
    if (user.role === role) return "ok";
    if (user.role === "owner" && !user.disabledAt && role !== "owner" && (await isLastActiveOwner(tx, userId))) return "last_owner";
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit({ action: "user.role_changed", actorId, data: { userId, from: user.role, to: role } }, tx);
    return "ok";
  });
}

/** Disables a user (they cannot log in; their sessions end) or enables them again. */
export async function setDisabled(actorId: string, userId: string, disabled: boolean, now: Date = new Date()): Promise<TeamChange> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
    if (!user) return "not_found";
    if (disabled === Boolean(user.disabledAt)) return "ok";
    if (disabled) {
      if (user.role === "owner" && (await isLastActiveOwner(tx, userId))) return "last_owner";
      await tx.user.update({ where: { id: userId }, data: { disabledAt: now } });
      await tx.session.deleteMany({ where: { userId } });
      await recordAudit({ action: "user.disabled", actorId, data: { userId } }, tx);
    } else {
      await tx.user.update({ where: { id: userId }, data: { disabledAt: null, failedLogins: 0, lockedUntil: null } });
      await recordAudit({ action: "user.enabled", actorId, data: { userId } }, tx);
    }
    return "ok";
  });
}
