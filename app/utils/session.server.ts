// Staff sessions of our own, the way Lucia's author recommends since he
// deprecated the library ("Migrate from Lucia v3", lucia-auth.com/sessions):
// - the cookie carries a random token (160 bits, base32, lower case);
// - the database keeps only its SHA-256 (hex) as the session id, so a read of
//   the Session table (a backup, a log of queries) yields no usable cookie;
// - 30 days of life, sliding: a session used in its second half is extended
//   to 30 days again and the cookie re-sent;
// - an expired row is deleted when it is presented, and every expired row is
//   purged by purgeExpiredSessions() (at each sign-in and in the hourly sweep).
// Pure helpers (token, hash, dates, cookie text) are exported for tests; the
// rest talks to the database through the shared Prisma client.
import { createHash, randomBytes } from "node:crypto";
import { userLocale } from "~/domain/user-locale";
import type { Locale } from "~/i18n/i18n";
import { prisma } from "./db.server";

export const SESSION_COOKIE = "sb_session";
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** A session used when less than this is left is extended (the second half of its life). */
export const SESSION_RENEW_BEFORE_MS = SESSION_LIFETIME_MS / 2;
/** How often a session's "last seen" time is written, at most. */
const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** 20 random bytes as 32 base32 characters: what the cookie carries. */
export function generateSessionToken(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** Whether a cookie value can be one of our tokens (anything else is not looked up). */
export function isSessionToken(value: string | null | undefined): value is string {
  return typeof value === "string" && /^[a-z2-7]{32}$/.test(value);
}

/** The session id stored in the database for a token: SHA-256, hex. */
export function sessionIdFor(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: string;
  /** The language of the user's emails (User.locale). */
  locale: Locale;
}

export interface Session {
  /** The SHA-256 of the token: safe to keep in memory and compare, useless as a cookie. */
  id: string;
  userId: string;
  expiresAt: Date;
  /** True when this request extended the session: the cookie must be sent again. */
  fresh: boolean;
}

export type Renewal = { action: "keep" } | { action: "expired" } | { action: "extend"; expiresAt: Date };

/** What to do with a session found in the database at `now` (pure, see the header). */
export function renewal(expiresAt: Date, now: Date): Renewal {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return { action: "expired" };
  if (left < SESSION_RENEW_BEFORE_MS) return { action: "extend", expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) };
  return { action: "keep" };
}

export async function createSession(userId: string, meta: { userAgent: string | null; ip: string | null }, now: Date = new Date()) {
  await purgeExpiredSessions(now);
  const token = generateSessionToken();
  const session = await prisma.session.create({
    data: {
      id: sessionIdFor(token),
      userId,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
      lastSeenAt: now,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip?.slice(0, 64) ?? null,
    },
    select: { id: true, userId: true, expiresAt: true },
  });
  return { token, session: { ...session, fresh: true } satisfies Session };
}

/**
 * The session and user a token stands for, or nulls. Expired sessions and
 * sessions of disabled users are deleted on the spot; a session in the second
 * half of its life is extended (`fresh`).
 */
export async function validateSessionToken(token: string, now: Date = new Date()): Promise<{ session: Session; user: SessionUser } | { session: null; user: null }> {
  const id = sessionIdFor(token);
  const row = await prisma.session.findUnique({
    where: { id },
    select: { id: true, userId: true, expiresAt: true, lastSeenAt: true, user: { select: { id: true, email: true, name: true, role: true, locale: true, disabledAt: true } } },
  });
  if (!row) return { session: null, user: null };
  const next = renewal(row.expiresAt, now);
  if (next.action === "expired" || row.user.disabledAt) {
    await prisma.session.deleteMany({ where: { id } });
    return { session: null, user: null };
  }
  const seenLongAgo = !row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS;
  let expiresAt = row.expiresAt;
  if (next.action === "extend" || seenLongAgo) {
    if (next.action === "extend") expiresAt = next.expiresAt;
    // updateMany: a session revoked in another tab meanwhile stays revoked.
    await prisma.session.updateMany({ where: { id }, data: { expiresAt, lastSeenAt: now } });
  }
  const { disabledAt: _disabled, ...user } = row.user;
  return { session: { id, userId: row.userId, expiresAt, fresh: next.action === "extend" }, user: { ...user, locale: userLocale(user.locale) } };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** Deletes every expired session; returns how many. */
export async function purgeExpiredSessions(now: Date = new Date()): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

interface CookieOptions {
  secure: boolean;
}

function cookieText(value: string, expiresAt: Date, { secure }: CookieOptions): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; Expires=${expiresAt.toUTCString()}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The Set-Cookie value that carries a token until the session's expiry. */
export function sessionCookie(token: string, expiresAt: Date, options: CookieOptions): string {
  return cookieText(token, expiresAt, options);
}

/** The Set-Cookie value that removes the session cookie. */
export function blankSessionCookie(options: CookieOptions): string {
  return cookieText("", new Date(0), options);
}
