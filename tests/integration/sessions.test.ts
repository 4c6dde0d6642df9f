// Staff sessions of our own (app/utils/session.server.ts): what the cookie and
// the Session table hold, sliding expiry, expired rows ended and purged.
import { describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/$lang.login";
import { loader as ownerLoader } from "~/routes/$lang.owner._index";
import { upsertOwner } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import {
  SESSION_LIFETIME_MS,
  createSession,
  generateSessionToken,
  isSessionToken,
  purgeExpiredSessions,
  renewal,
  sessionIdFor,
} from "~/utils/session.server";
import { call, cookieFrom, get, post } from "./helpers";

const DAY = 24 * 60 * 60 * 1000;
const owner = { name: "Sara Sessions", password: "correct horse battery staple" };

async function signIn(): Promise<{ cookie: string; token: string; userId: string }> {
  const email = `s-${generateSessionToken().slice(0, 8)}@studio.example`;
  const user = await upsertOwner({ ...owner, email });
  const response = await call(loginAction, post("/it/login", { email, password: owner.password }, { "User-Agent": "vitest" }), { lang: "it" });
  expect(response.status).toBe(302);
  const cookie = cookieFrom(response);
  return { cookie, token: cookie.split("=")[1]!, userId: user.id };
}

const ownerPage = (cookie: string) => call(ownerLoader, get("/it/owner", { Cookie: cookie }), { lang: "it" });

describe("session tokens", () => {
  it("are 32 base32 characters from 160 random bits, never twice the same", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(isSessionToken(token)).toBe(true);
    expect(isSessionToken("A".repeat(32))).toBe(false);
    expect(isSessionToken("abc")).toBe(false);
    expect(sessionIdFor("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("are renewed only in the second half of their life, and end at their expiry", () => {
    const now = new Date("2026-12-01T10:00:00Z");
    expect(renewal(new Date(now.getTime() + 20 * DAY), now)).toEqual({ action: "keep" });
    expect(renewal(new Date(now.getTime() + 10 * DAY), now)).toEqual({ action: "extend", expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) });
    expect(renewal(now, now)).toEqual({ action: "expired" });
  });
});

describe("sessions in the database", () => {
  it("keep only the SHA-256 of the cookie's token: the token itself is in no row", async () => {
    const { token, userId } = await signIn();
    const rows = await prisma.session.findMany({ where: { userId } });
    expect(rows.map((row) => row.id)).toEqual([sessionIdFor(token)]);
    expect(await prisma.session.count({ where: { id: token } })).toBe(0);
  });

  it("do not accept a row that holds a raw token, as Lucia's rows did (the migration ends those)", async () => {
    const { userId } = await signIn();
    const token = generateSessionToken();
    await prisma.session.create({ data: { id: token, userId, expiresAt: new Date(Date.now() + 20 * DAY) } });
    const page = await ownerPage(`sb_session=${token}`);
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toMatch(/^\/it\/login/);
  });

  it("slide: a session used with less than 15 days left runs for 30 days again and the cookie is sent anew", async () => {
    const { cookie, token } = await signIn();
    const id = sessionIdFor(token);

    // 20 days left: nothing to renew, no cookie.
    await prisma.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 20 * DAY) } });
    const calm = await ownerPage(cookie);
    expect(calm.status).toBe(200);
    expect(calm.headers.get("Set-Cookie")).toBeNull();

    // 10 days left: extended, and the same token comes back with the new expiry.
    await prisma.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 10 * DAY) } });
    const renewed = await ownerPage(cookie);
    expect(renewed.status).toBe(200);
    const setCookie = renewed.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toContain(`sb_session=${token}`);
    expect(setCookie).toMatch(/HttpOnly/);
    const maxAge = Number(/Max-Age=(\d+)/.exec(setCookie)?.[1]);
    expect(maxAge).toBeGreaterThan(29 * 24 * 3600);
    const row = await prisma.session.findUniqueOrThrow({ where: { id } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
  });

  it("record when they were last used, at most every five minutes", async () => {
    const { cookie, token } = await signIn();
    const id = sessionIdFor(token);
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    await prisma.session.update({ where: { id }, data: { lastSeenAt: hourAgo } });
    expect((await ownerPage(cookie)).status).toBe(200);
    const seen = (await prisma.session.findUniqueOrThrow({ where: { id } })).lastSeenAt!;
    expect(seen.getTime()).toBeGreaterThan(Date.now() - 60 * 1000);
    expect((await ownerPage(cookie)).status).toBe(200);
    expect((await prisma.session.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(seen);
  });

  it("end when expired: the page asks to sign in, the cookie is cleared and the row deleted", async () => {
    const { cookie, token } = await signIn();
    const id = sessionIdFor(token);
    await prisma.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const page = await ownerPage(cookie);
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toMatch(/^\/it\/login/);
    expect(page.headers.get("Set-Cookie")).toMatch(/^sb_session=;.*Max-Age=0/);
    expect(await prisma.session.count({ where: { id } })).toBe(0);
  });

  it("end when the user is disabled, even if a row was left behind", async () => {
    const { cookie, token, userId } = await signIn();
    await prisma.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    const page = await ownerPage(cookie);
    expect(page.status).toBe(302);
    expect(await prisma.session.count({ where: { id: sessionIdFor(token) } })).toBe(0);
  });

  it("that are expired are purged at every sign-in, and by the sweep", async () => {
    const { userId } = await signIn();
    const past = new Date(Date.now() - DAY);
    await prisma.session.createMany({
      data: [1, 2, 3].map((n) => ({ id: sessionIdFor(`old-${n}`), userId, expiresAt: past })),
    });
    await createSession(userId, { userAgent: "vitest", ip: null });
    expect(await prisma.session.count({ where: { expiresAt: { lte: new Date() } } })).toBe(0);

    await prisma.session.create({ data: { id: sessionIdFor("old-4"), userId, expiresAt: past } });
    expect(await purgeExpiredSessions()).toBe(1);
    expect(await prisma.session.count({ where: { userId } })).toBe(2);
  });

  it("answer a cookie that is not a token by clearing it, without an error", async () => {
    for (const value of ["x", "Z".repeat(32), "a".repeat(33), "a".repeat(32)]) {
      const page = await ownerPage(`sb_session=${value}`);
      expect(page.status).toBe(302);
      expect(page.headers.get("Set-Cookie")).toMatch(/^sb_session=;/);
    }
    // Not even percent-encoding: read as no cookie at all.
    expect((await ownerPage("sb_session=%zz")).status).toBe(302);
  });
});
