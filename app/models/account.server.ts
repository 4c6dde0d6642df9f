// Accounts: login throttling (never a lockout), password reset by email, the user's own sessions,
// and the team (invites, roles, disabling). Every function that depends on the
// time takes `now`, so tests can move the clock instead of sleeping.
// Emailed secrets are 32 random bytes (base64url); only their SHA-256 is stored.
// The emails are jobs written with the row they are about (app/jobs); the job
// draws the secret it mails, so none waits in a job's payload.
import { createHash, randomBytes } from "node:crypto";
import { deviceLabel, type DeviceLabel } from "~/domain/user-agent";
import type { TeamRole } from "~/domain/account-schemas";
import { userLocale } from "~/domain/user-locale";
import { inviteEmail, loginAlertEmail, passwordResetEmail } from "~/emails/templates";
import type { Locale } from "~/i18n/i18n";
import { createSessionCookie } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { emailExists, sendEmail } from "~/utils/email.server";
import { enqueue } from "~/jobs/queue.server";
import { getEnv } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { recordAudit } from "./audit.server";

/** Failed logins to one account from one address before that address has to wait. */
export const FREE_FAILURES = 5;
/** The first wait; each further failure doubles it, up to MAX_DELAY_MS. */
export const FIRST_DELAY_MS = 60 * 1000;
export const MAX_DELAY_MS = 60 * 60 * 1000;
/** An address's failures are forgotten this long after its last one. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;
/** Failures to an account (from every address, within FAILURE_MEMORY_MS) that email its owner. */
export const ALERT_AFTER_FAILURES = 5;
export const ALERT_INTERVAL_MS = 60 * 60 * 1000;
/** Failures in a row after which a known device is throttled like any other (its cookie may have been stolen). */
export const MAX_DEVICE_FAILURES = 10;
/** The known-device cookie lives a year. */
export const DEVICE_TTL_MS = 365 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;
/** Reset links of one account that work at the same time. */
export const MAX_LIVE_RESETS = 3;
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

export type LoginResult =
  | { status: "ok"; userId: string; /** A new known-device token to set as a cookie (none when the device was already known). */ deviceToken: string | null }
  | { status: "invalid" }
  | { status: "throttled"; until: Date | null };

export interface LoginContext {
  /** The client's address; failures are counted per account and address. */
  ip: string | null;
  /** The known-device cookie the browser sent, if any. */
  deviceToken?: string | null;
  /** The server's per-address limiter says this address has failed too often (on every account). */
  ipLimited?: boolean;
}

/** The wait after the `failures`-th failure from one address: none up to FREE_FAILURES-1, then 1, 2, 4… minutes. */
export function throttleDelay(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(failures - FREE_FAILURES, 20), MAX_DELAY_MS);
}

/** The known device's token hash when `token` is one of this user's (recent, not failing over and over), else null. */
async function knownDevice(userId: string, token: string | null | undefined, now: Date): Promise<string | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const { count } = await prisma.knownDevice.updateMany({
    where: { userId, tokenHash, failures: { lt: MAX_DEVICE_FAILURES }, lastUsedAt: { gt: new Date(now.getTime() - DEVICE_TTL_MS) } },
    data: { lastUsedAt: now },
  });
  return count === 1 ? tokenHash : null;
}

/** Counts a failure for the account and address; returns the address's new wait (if any). */
async function recordFailure(userId: string, ip: string, now: Date): Promise<Date | null> {
  const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_MS);
  const failures = await prisma.$transaction(async (tx) => {
    const row = await tx.loginThrottle.findUnique({ where: { userId_ip: { userId, ip } }, select: { failures: true, lastFailureAt: true } });
    const next = row && row.lastFailureAt > forgetBefore ? row.failures + 1 : 1;
    const delay = throttleDelay(next);
    const blockedUntil = delay ? new Date(now.getTime() + delay) : null;
    await tx.loginThrottle.upsert({
      where: { userId_ip: { userId, ip } },
      create: { userId, ip, failures: next, blockedUntil, lastFailureAt: now },
      update: { failures: next, blockedUntil, lastFailureAt: now },
    });
    if (next === FREE_FAILURES) await recordAudit({ action: "user.login_throttled", actorId: userId, data: { ip, failures: next } }, tx);
    return next;
  });
  return throttleDelay(failures) ? new Date(now.getTime() + throttleDelay(failures)) : null;
}

/** Emails the account's owner when it has seen repeated failures, at most once per ALERT_INTERVAL_MS. */
async function alertOnRepeatedFailures(user: { id: string; email: string }, now: Date): Promise<void> {
  const recent = await prisma.loginThrottle.aggregate({
    where: { userId: user.id, lastFailureAt: { gt: new Date(now.getTime() - FAILURE_MEMORY_MS) } },
    _sum: { failures: true },
  });
  const failures = recent._sum.failures ?? 0;
  if (failures < ALERT_AFTER_FAILURES) return;
  const since = new Date(now.getTime() - ALERT_INTERVAL_MS);
  // Claimed atomically with its job, so concurrent failures send one email.
  await prisma.$transaction(async (tx) => {
    const claimed = await tx.user.updateMany({
      where: { id: user.id, OR: [{ loginAlertAt: null }, { loginAlertAt: { lte: since } }] },
      data: { loginAlertAt: now },
    });
    if (claimed.count !== 1) return;
    await enqueue(tx, { kind: "login_alert", key: `login_alert:${user.id}:${now.getTime()}`, payload: { userId: user.id, failures, when: now.toISOString() } });
  });
}

/** The job "login_alert": the email to the account's owner. */
export async function sendLoginAlert(job: { userId: string; failures: number; when: string }, jobKey: string): Promise<void> {
  const user = await prisma.user.findUnique({ where: { id: job.userId }, select: { email: true, locale: true } });
  if (!user) return;
  const locale = userLocale(user.locale);
  const url = `${getEnv().APP_URL}/${locale}/forgot`;
  const result = await sendEmail({ kind: "login_alert", to: user.email, locale, jobKey, ...loginAlertEmail({ locale, failures: job.failures, resetUrl: url, when: new Date(job.when) }) });
  if (result.status === "failed") throw new Error("the sign-in alert could not be sent (see the outbox)");
}

/**
 * Checks a login without ever locking the account: failures are counted per
 * account and client address, and after FREE_FAILURES from one address that
 * address waits 1, 2, 4… minutes (throttleDelay) before its next try is even
 * checked. Other addresses are not affected, and a known device (a browser
 * that signed in to this account before, by its cookie) is never throttled, so
 * the right password from it always works. The owner is emailed once
 * repeated failures show up (at most once an hour). A success from an address
 * clears that address's failures.
 */
export async function attemptLogin(email: string, password: string, context: LoginContext, now: Date = new Date()): Promise<LoginResult> {
  const user = await prisma.user.findUnique({
    where: { email: normaliseEmail(email) },
    select: { id: true, email: true, passwordHash: true, disabledAt: true },
  });
  if (!user || user.disabledAt) {
    await burnDummyHash(password);
    return context.ipLimited ? { status: "throttled", until: null } : { status: "invalid" };
  }
  const ip = (context.ip ?? "").slice(0, 100) || "unknown";
  const device = await knownDevice(user.id, context.deviceToken, now);
  const known = device !== null;
  if (!known) {
    if (context.ipLimited) {
      await burnDummyHash(password);
      return { status: "throttled", until: null };
    }
    const throttle = await prisma.loginThrottle.findUnique({ where: { userId_ip: { userId: user.id, ip } }, select: { blockedUntil: true } });
    if (throttle?.blockedUntil && throttle.blockedUntil > now) {
      // Not checked at all while waiting (hashed anyway, so the answer takes the same time).
      await burnDummyHash(password);
      return { status: "throttled", until: throttle.blockedUntil };
    }
  }
  if (await verifyPassword(password, user.passwordHash)) {
    await prisma.loginThrottle.deleteMany({ where: { userId: user.id, ip } });
    let deviceToken: string | null = null;
    if (device) await prisma.knownDevice.update({ where: { tokenHash: device }, data: { failures: 0 } });
    else {
      deviceToken = newToken();
      await prisma.knownDevice.create({ data: { userId: user.id, tokenHash: hashToken(deviceToken), createdAt: now, lastUsedAt: now } });
    }
    return { status: "ok", userId: user.id, deviceToken };
  }
  if (device) await prisma.knownDevice.update({ where: { tokenHash: device }, data: { failures: { increment: 1 } } });
  const until = await recordFailure(user.id, ip, now);
  try {
    await alertOnRepeatedFailures(user, now);
  } catch (error) {
    logger.error({ err: error, userId: user.id }, "login alert not sent");
  }
  if (!known && until) return { status: "throttled", until };
  return { status: "invalid" };
}

// ---------------------------------------------------------------- password reset

/**
 * Emails a reset link when the address belongs to an active account; does
 * nothing otherwise. The caller answers the same either way. The email and its
 * link are in the account's own language (User.locale), whatever page asked.
 */
export async function requestPasswordReset({ email, now = new Date() }: { email: string; now?: Date }): Promise<void> {
  const user = await prisma.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, email: true, disabledAt: true } });
  if (!user || user.disabledAt) return;
  const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
  await prisma.$transaction(async (tx) => {
    // A new link does not cancel earlier ones still valid (an email may arrive
    // late, or a second request cross the first): up to MAX_LIVE_RESETS work at
    // once, the oldest giving way (it then reads as expired, 410); links expired
    // for over an hour go.
    await tx.passwordReset.deleteMany({ where: { userId: user.id, usedAt: null, expiresAt: { lt: new Date(now.getTime() - RESET_TTL_MS) } } });
    const live = await tx.passwordReset.findMany({
      where: { userId: user.id, usedAt: null, expiresAt: { gt: now } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    const surplus = live.slice(MAX_LIVE_RESETS - 1).map((row) => row.id);
    if (surplus.length) await tx.passwordReset.updateMany({ where: { id: { in: surplus } }, data: { expiresAt: now } });
    // Its token is drawn by the job that emails it (no secret waits in the job): until then nobody holds this one.
    const reset = await tx.passwordReset.create({ data: { userId: user.id, tokenHash: hashToken(newToken()), expiresAt, createdAt: now }, select: { id: true } });
    await enqueue(tx, { kind: "password_reset_email", key: `password_reset_email:${reset.id}`, payload: { resetId: reset.id } });
  });
}

/** The job "password_reset_email": a fresh token for the reset row, and the email with its link (nothing once that email is stored). */
export async function sendPasswordResetEmail(job: { resetId: string }, jobKey: string): Promise<void> {
  const reset = await prisma.passwordReset.findUnique({ where: { id: job.resetId }, select: { usedAt: true, expiresAt: true, user: { select: { email: true, locale: true, disabledAt: true } } } });
  // Used, purged or the account disabled meanwhile. (One that expired meanwhile still goes: its page says so and offers a new one.)
  if (!reset || reset.usedAt || reset.user.disabledAt) return;
  if (await emailExists(jobKey)) return;
  const token = newToken();
  await prisma.passwordReset.update({ where: { id: job.resetId }, data: { tokenHash: hashToken(token) } });
  const locale = userLocale(reset.user.locale);
  const url = `${getEnv().APP_URL}/${locale}/reset/${token}`;
  const result = await sendEmail({ kind: "password_reset", to: reset.user.email, locale, jobKey, ...passwordResetEmail({ locale, url, expiresAt: reset.expiresAt }) });
  if (result.status === "failed") throw new Error("the password reset email could not be sent (see the outbox)");
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
 * clears the failed-login waits and signs in here. Single use even under concurrent requests.
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
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await tx.loginThrottle.deleteMany({ where: { userId: row.userId } });
    // The password has changed: the account's other links stop working.
    await tx.passwordReset.updateMany({ where: { userId: row.userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
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
  /** Last request seen (to within five minutes); sessions from before it was kept show their start. */
  lastSeenAt: Date;
  current: boolean;
}

/** The user's unexpired sessions, the current one first, then newest first. */
export async function listSessions(userId: string, currentSessionId: string, now: Date = new Date()): Promise<SessionListItem[]> {
  const rows = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: now } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true },
  });
  return rows
    .map((row) => ({
      id: sessionPublicId(row.id),
      device: deviceLabel(row.userAgent),
      ip: row.ip || null,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt ?? row.createdAt,
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
    prisma.user.update({ where: { id: userId }, data: { passwordHash } }),
    prisma.session.deleteMany({ where: { userId, id: { not: currentSessionId } } }),
  ]);
  return true;
}

// ---------------------------------------------------------------- team

export async function listTeam(now: Date = new Date()) {
  const [users, invites] = await Promise.all([
    prisma.user.findMany({
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, name: true, email: true, role: true, locale: true, disabledAt: true, createdAt: true },
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
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  const invite = await prisma.$transaction(async (tx) => {
    await tx.invite.deleteMany({ where: { email: address, acceptedAt: null } });
    // Its token is drawn by the job that emails it (no secret waits in the job): until then nobody holds this one.
    const created = await tx.invite.create({
      data: { email: address, name: name.trim(), role, tokenHash: hashToken(newToken()), invitedById: invitedBy.id, expiresAt, createdAt: now },
      select: { id: true },
    });
    await recordAudit({ action: "user.invited", actorId: invitedBy.id, data: { inviteId: created.id, email: address, role } }, tx);
    await enqueue(tx, { kind: "invite_email", key: `invite_email:${created.id}`, payload: { inviteId: created.id, locale, inviterName: invitedBy.name } });
    return created;
  });
  return { status: "sent", inviteId: invite.id };
}

/** The job "invite_email": a fresh token for the invitation, and the email with its link (nothing once that email is stored). */
export async function sendInviteEmail(job: { inviteId: string; locale: Locale; inviterName: string }, jobKey: string, now: Date = new Date()): Promise<void> {
  const invite = await prisma.invite.findUnique({ where: { id: job.inviteId }, select: { email: true, name: true, role: true, expiresAt: true, acceptedAt: true } });
  if (!invite || invite.acceptedAt || invite.expiresAt <= now) return; // replaced, cancelled or accepted meanwhile
  if (await emailExists(jobKey)) return;
  const token = newToken();
  await prisma.invite.update({ where: { id: job.inviteId }, data: { tokenHash: hashToken(token) } });
  const { locale } = job;
  const url = `${getEnv().APP_URL}/${locale}/invite/${token}`;
  const result = await sendEmail({ kind: "invite", to: invite.email, locale, jobKey, ...inviteEmail({ locale, url, name: invite.name, inviterName: job.inviterName, role: invite.role, expiresAt: invite.expiresAt }) });
  if (result.status === "failed") throw new Error("the invitation email could not be sent (see the outbox)");
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

/**
 * Accepts an invitation: creates the account with the invited role, in the
 * language of the page it was accepted on (its emails' language), and signs in. Single use.
 */
export async function acceptInvite(
  token: string,
  input: { name: string; password: string; locale: Locale },
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
    const user = await tx.user.create({ data: { email: invite.email, name: input.name.trim(), passwordHash, role, locale: input.locale }, select: { id: true } });
    await recordAudit({ action: "user.joined", actorId: user.id, data: { inviteId: invite.id, role } }, tx);
    return { status: "ok" as const, userId: user.id };
  });
  if (outcome.status !== "ok") return outcome;
  return { status: "ok", userId: outcome.userId, cookie: await createSessionCookie(outcome.userId, meta) };
}

/** Sets the language of the user's own emails; false when the account is gone. */
export async function setUserLocale(userId: string, locale: Locale): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { locale: true } });
    if (!user) return false;
    if (user.locale === locale) return true;
    await tx.user.update({ where: { id: userId }, data: { locale }, select: { id: true } });
    await recordAudit({ action: "user.locale_changed", actorId: userId, data: { from: user.locale, to: locale } }, tx);
    return true;
  });
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
      await tx.user.update({ where: { id: userId }, data: { disabledAt: null } });
      await recordAudit({ action: "user.enabled", actorId, data: { userId } }, tx);
    }
    return "ok";
  });
}
