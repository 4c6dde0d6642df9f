import { Lucia, TimeSpan, type Session, type User } from "lucia";
import { redirect } from "@remix-run/node";
import { prisma } from "./db.server";
import { getEnv } from "./env.server";
import { readCookie } from "./cookies";
import { PrismaSessionAdapter } from "./lucia-prisma-adapter.server";
import { verifyPassword, hashPassword } from "./password.server";
import type { Locale } from "~/i18n/i18n";

export const lucia = new Lucia(new PrismaSessionAdapter(prisma), {
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: {
    name: "sb_session",
    expires: true,
    attributes: {
      // Secure whenever the public origin is https; SameSite=Lax plus POST-only
      // mutations is our CSRF defence (see docs/decisions/002-sessions.md).
      secure: getEnv().APP_URL.startsWith("https://"),
      sameSite: "lax",
      path: "/",
    },
  },
  getSessionAttributes: (attributes) => attributes,
  getUserAttributes: (attributes) => ({ email: attributes.email, name: attributes.name, role: attributes.role }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: { email: string; name: string; role: string };
    DatabaseSessionAttributes: { userAgent: string | null; ip: string | null; createdAt?: Date };
  }
}

/** Our session id, if the browser sent one that can be one (read tolerantly: see readCookie). */
function sessionIdFrom(request: Request): string | null {
  const id = readCookie(request.headers.get("Cookie"), lucia.sessionCookieName);
  return id && /^[\w-]{1,255}$/.test(id) ? id : null;
}

/** The signed-in user, or null. Returns Set-Cookie headers when the session was refreshed or is gone. */
export async function getAuth(request: Request): Promise<{ user: User | null; session: Session | null; headers: Headers }> {
  const headers = new Headers();
  const id = sessionIdFrom(request);
  if (!id) return { user: null, session: null, headers };
  const { session, user } = await lucia.validateSession(id);
  if (session?.fresh) headers.append("Set-Cookie", lucia.createSessionCookie(session.id).serialize());
  if (!session) headers.append("Set-Cookie", lucia.createBlankSessionCookie().serialize());
  return { user, session, headers };
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

// A fixed hash to verify against when the email is unknown, so timing does not
// reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyLogin(email: string, password: string) {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, passwordHash: true } });
  if (!user) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(password, await dummyHash);
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? { id: user.id } : null;
}

export async function createSessionCookie(userId: string, meta: { userAgent: string | null; ip: string | null }) {
  const session = await lucia.createSession(userId, { userAgent: meta.userAgent?.slice(0, 300) ?? null, ip: meta.ip });
  return lucia.createSessionCookie(session.id).serialize();
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
