import { redirect } from "@remix-run/node";
import { getEnv } from "./env.server";
import { readCookie } from "./cookies";
import {
  SESSION_COOKIE,
  blankSessionCookie,
  createSession,
  invalidateSession,
  isSessionToken,
  sessionCookie,
  validateSessionToken,
  type Session,
  type SessionUser,
} from "./session.server";
import type { Locale } from "~/i18n/i18n";

export type { Session, SessionUser as User };

// Secure whenever the public origin is https; SameSite=Lax plus POST-only
// mutations and the Origin check (server/app) are our CSRF defence.
const cookieOptions = () => ({ secure: getEnv().APP_URL.startsWith("https://") });

/** The signed-in user, or null. Returns Set-Cookie headers when the session was extended or is gone. */
export async function getAuth(request: Request): Promise<{ user: SessionUser | null; session: Session | null; headers: Headers }> {
  const headers = new Headers();
  // Read tolerantly (see readCookie); only a value that can be one of our tokens is looked up.
  const sent = readCookie(request.headers.get("Cookie"), SESSION_COOKIE);
  const token = isSessionToken(sent) ? sent : null;
  if (!token) {
    if (sent) headers.append("Set-Cookie", blankSessionCookie(cookieOptions()));
    return { user: null, session: null, headers };
  }
  const { session, user } = await validateSessionToken(token);
  if (session?.fresh) headers.append("Set-Cookie", sessionCookie(token, session.expiresAt, cookieOptions()));
  if (!session) headers.append("Set-Cookie", blankSessionCookie(cookieOptions()));
  return { user, session, headers };
}

/** Ends the session the request carries (if any); returns the Set-Cookie value that removes the cookie. */
export async function endSession(session: Session | null): Promise<string> {
  if (session) await invalidateSession(session.id);
  return blankCookie();
}

/** The Set-Cookie value that removes the session cookie. */
export function blankCookie(): string {
  return blankSessionCookie(cookieOptions());
}

/** Throws a redirect to the login page (keeping where the user wanted to go) when not signed in. */
export async function requireUser(request: Request, locale: Locale) {
  const auth = await getAuth(request);
  if (!auth.user || !auth.session) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/${locale}/login?redirectTo=${encodeURIComponent(redirectTo)}`, { headers: auth.headers });
  }
  return { user: auth.user, session: auth.session, headers: auth.headers };
}

export type Role = "owner" | "member";

/**
 * Like requireUser, and the user must hold `role` ("owner" can do everything,
 * "member" works leads and proposals). A signed-in user without it gets 403.
 */
export async function requireRole(request: Request, locale: Locale, role: Role) {
  const auth = await requireUser(request, locale);
  if (role === "owner" && auth.user.role !== "owner") {
    throw new Response("Forbidden", { status: 403, headers: auth.headers });
  }
  return auth;
}

/** Starts a session for the user; returns the Set-Cookie value that carries its token. */
export async function createSessionCookie(userId: string, meta: { userAgent: string | null; ip: string | null }) {
  const { token, session } = await createSession(userId, meta);
  return sessionCookie(token, session.expiresAt, cookieOptions());
}

// A browser that has signed in before ("known device", see attemptLogin): a
// random token in a long-lived httpOnly cookie, only its SHA-256 in the database.
export const DEVICE_COOKIE = "sb_device";
const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

export function deviceTokenFrom(request: Request): string | null {
  const token = readCookie(request.headers.get("Cookie"), DEVICE_COOKIE);
  return token && /^[\w-]{20,100}$/.test(token) ? token : null;
}

export function deviceCookie(token: string): string {
  const secure = getEnv().APP_URL.startsWith("https://") ? "; Secure" : "";
  return `${DEVICE_COOKIE}=${token}; Path=/; Max-Age=${DEVICE_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure}`;
}
