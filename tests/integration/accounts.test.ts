import { describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/$lang.login";
import { action as forgotAction } from "~/routes/$lang.forgot";
import { action as resetAction, loader as resetLoader } from "~/routes/$lang.reset.$token";
import { action as inviteAction, loader as inviteLoader } from "~/routes/$lang.invite.$token";
import { action as accountAction, loader as accountLoader } from "~/routes/$lang.owner.account";
import { action as teamAction, loader as teamLoader } from "~/routes/$lang.owner.team";
import { loader as ownerLoader } from "~/routes/$lang.owner._index";
import { attemptLogin, FIRST_DELAY_MS, hashToken, requestPasswordReset, sessionPublicId } from "~/models/account.server";
import { upsertOwner } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { sessionIdFor } from "~/utils/session.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { getT } from "~/i18n/i18n";
import { call, cookieFrom, get, post, runJobs } from "./helpers";

const CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
const FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0";

let counter = 0;
/** A fresh account for each test (one database per file). */
async function makeUser(role: "owner" | "member" = "owner", password = "correct horse battery staple") {
  const email = `user${++counter}@studio.example`;
  const { id } = await upsertOwner({ email, name: `User ${counter}`, password });
  if (role === "member") await prisma.user.update({ where: { id }, data: { role: "member" } });
  return { id, email, password };
}

async function logIn(email: string, password: string, userAgent = CHROME_WINDOWS, extra: { ip?: string; cookie?: string } = {}) {
  const headers: Record<string, string> = { "User-Agent": userAgent, "X-Client-IP": extra.ip ?? "203.0.113.7" };
  if (extra.cookie) headers.Cookie = extra.cookie;
  return call(loginAction, post("/it/login", { email, password }, headers), { lang: "it" });
}

/** The known-device cookie a successful login set, as `name=value`. */
function deviceCookieFrom(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("sb_device="));
  if (!cookie) throw new Error("no device cookie");
  return cookie.split(";")[0]!;
}

async function cookieFor(email: string, password: string, userAgent = CHROME_WINDOWS): Promise<string> {
  const response = await logIn(email, password, userAgent);
  expect(response.status).toBe(302);
  return cookieFrom(response);
}

const tokenOf = (cookie: string) => cookie.split("=")[1]!;
/** The Session row's id for a cookie: the SHA-256 of its token. */
const sessionIdOf = (cookie: string) => sessionIdFor(tokenOf(cookie));

/** The link in the newest email of a kind to an address, as the recipient would click it. */
async function linkFromEmail(kind: string, to: string, path: RegExp): Promise<{ token: string; text: string }> {
  await runJobs(); // the email is a job written with the reset or the invitation
  const email = await prisma.emailMessage.findFirstOrThrow({ where: { kind, to }, orderBy: { createdAt: "desc" } });
  const match = email.text.match(path);
  if (!match?.[1]) throw new Error(`no link in ${email.text}`);
  return { token: match[1], text: email.text };
}

async function formError(response: Response): Promise<string[] | undefined> {
  const body = (await response.json()) as { result: { error: Record<string, string[]> } };
  return body.result.error[""];
}

describe("password reset by email", () => {
  it("emails a single-use link that sets a new password, ends every session, clears the failed-login waits and signs in", async () => {
    const user = await makeUser();
    const oldSessions = [await cookieFor(user.email, user.password), await cookieFor(user.email, user.password, FIREFOX_MAC)];
    for (let i = 0; i < 6; i++) await attemptLogin(user.email, "wrong password", { ip: "203.0.113.7" });
    expect((await logIn(user.email, user.password)).status).toBe(429);

    // The same answer for a known and an unknown address; only the known one gets an email.
    const known = await call(forgotAction, post("/it/forgot", { email: user.email.toUpperCase() }), { lang: "it" });
    const unknown = await call(forgotAction, post("/it/forgot", { email: "nobody@studio.example" }), { lang: "it" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect((await known.json()).sent).toBe(true);
    expect((await unknown.json()).sent).toBe(true);
    expect(await prisma.emailMessage.count({ where: { to: "nobody@studio.example" } })).toBe(0);

    const { token, text } = await linkFromEmail("password_reset", user.email, /http:\/\/localhost:\d+\/it\/reset\/([\w-]+)/);
    expect(text).toContain("Reimposta la password");
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    // Only the hash is stored.
    const stored = await prisma.passwordReset.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(60 * 60 * 1000);

    const page = await call(resetLoader, get(`/it/reset/${token}`), { lang: "it", token });
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ email: user.email });

    const short = await call(resetAction, post(`/it/reset/${token}`, { password: "too-short", confirm: "too-short" }), { lang: "it", token });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { result: { error: Record<string, string[]> } }).result.error.password).toEqual(["account.errors.passwordShort"]);

    const newPassword = "a brand new long passphrase";
    const done = await call(
      resetAction,
      post(`/it/reset/${token}`, { password: newPassword, confirm: newPassword }, { "User-Agent": FIREFOX_MAC }),
      { lang: "it", token },
    );
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/it/owner/account?done=reset");
    const cookie = cookieFrom(done);

    // Every old session is gone, the new one works.
    expect(await prisma.session.count({ where: { id: { in: oldSessions.map(sessionIdOf) } } })).toBe(0);
    const oldPage = await call(accountLoader, get("/it/owner/account", { Cookie: oldSessions[0]! }), { lang: "it" });
    expect(oldPage.headers.get("Location")).toMatch(/^\/it\/login/);
    const account = await call(accountLoader, get("/it/owner/account", { Cookie: cookie }), { lang: "it" });
    expect(account.status).toBe(200);
    const { sessions } = (await account.json()) as { sessions: { current: boolean }[] };
    expect(sessions).toEqual([expect.objectContaining({ current: true })]);

    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await prisma.loginThrottle.count({ where: { userId: user.id } })).toBe(0);
    expect(await verifyPassword(newPassword, after.passwordHash)).toBe(true);
    expect((await logIn(user.email, user.password)).status).toBe(400);
    expect((await logIn(user.email, newPassword)).status).toBe(302);
    expect(await prisma.auditLog.count({ where: { action: "user.password_reset", actorId: user.id } })).toBe(1);

    // The link works once.
    expect((await call(resetLoader, get(`/it/reset/${token}`), { lang: "it", token })).status).toBe(410);
    const again = await call(resetAction, post(`/it/reset/${token}`, { password: "someone else's passphrase", confirm: "someone else's passphrase" }), {
      lang: "it",
      token,
    });
    expect(again.status).toBe(410);
    expect(again.headers.get("Set-Cookie")).toBeNull();
    expect(await verifyPassword(newPassword, (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash)).toBe(true);
  });

  it("answers 410 for an expired link and leaves the password alone", async () => {
    const user = await makeUser();
    // The account reads English: the link and the words are English, whatever page asked.
    await prisma.user.update({ where: { id: user.id }, data: { locale: "en" } });
    await requestPasswordReset({ email: user.email, now: new Date(Date.now() - 61 * 60 * 1000) });
    const { token, text } = await linkFromEmail("password_reset", user.email, /\/en\/reset\/([\w-]+)/);
    expect(text).toContain("Reset your password");

    expect((await call(resetLoader, get(`/en/reset/${token}`), { lang: "en", token })).status).toBe(410);
    const response = await call(resetAction, post(`/en/reset/${token}`, { password: "an expired attempt here", confirm: "an expired attempt here" }), {
      lang: "en",
      token,
    });
    expect(response.status).toBe(410);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(user.password, after.passwordHash)).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: "user.password_reset", actorId: user.id } })).toBe(0);
  });

  it("a new request does not cancel an earlier link still valid; up to three work, and using one ends the others", async () => {
    const user = await makeUser();
    const t0 = Date.now() - 10_000;
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) {
      await requestPasswordReset({ email: user.email, now: new Date(t0 + i * 1000) });
      tokens.push((await linkFromEmail("password_reset", user.email, /\/it\/reset\/([\w-]+)/)).token);
    }
    expect(new Set(tokens).size).toBe(4);
    const status = async (token: string) => (await call(resetLoader, get(`/it/reset/${token}`), { lang: "it", token })).status;
    // The fourth request retired only the first link.
    expect(await Promise.all(tokens.map(status))).toEqual([410, 200, 200, 200]);

    const password = "the second link still works";
    const done = await call(resetAction, post(`/it/reset/${tokens[1]}`, { password, confirm: password }), { lang: "it", token: tokens[1]! });
    expect(done.status).toBe(302);
    expect(await Promise.all(tokens.map(status))).toEqual([410, 410, 410, 410]);
    const late = await call(resetAction, post(`/it/reset/${tokens[3]}`, { password: "someone else's try", confirm: "someone else's try" }), { lang: "it", token: tokens[3]! });
    expect(late.status).toBe(410);
    expect(await verifyPassword(password, (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash)).toBe(true);
  });

  it("answers 404 for a link that never existed", async () => {
    const token = "x".repeat(43);
    expect((await call(resetLoader, get(`/it/reset/${token}`), { lang: "it", token })).status).toBe(404);
  });
});

describe("throttling failed logins, never locking the owner out", () => {
  const ATTACKER = "198.51.100.66";
  const OWNER_HOME = "203.0.113.7";
  const OWNER_PHONE = "192.0.2.10";

  it("an attacker's failures from one address stop neither the owner's known device nor another address", async () => {
    const user = await makeUser();
    // The owner signed in from home once: that browser is now a known device.
    const first = await logIn(user.email, user.password, CHROME_WINDOWS, { ip: OWNER_HOME });
    expect(first.status).toBe(302);
    const device = deviceCookieFrom(first);
    expect(device).toMatch(/^sb_device=[\w-]{40,}$/);
    expect(first.headers.getSetCookie().find((c) => c.startsWith("sb_device="))).toMatch(/HttpOnly; SameSite=Lax/);

    for (let i = 1; i <= 4; i++) {
      const response = await logIn(user.email, `wrong password ${i}`, FIREFOX_MAC, { ip: ATTACKER });
      expect(response.status).toBe(400);
      expect(await formError(response)).toEqual(["errors.invalidLogin"]);
    }
    const fifth = await logIn(user.email, "wrong password 5", FIREFOX_MAC, { ip: ATTACKER });
    expect(fifth.status).toBe(429);
    expect(await formError(fifth)).toEqual(["account.errors.throttled"]);
    // The attacker's address now waits, whatever password it sends.
    const attackerRight = await logIn(user.email, user.password, FIREFOX_MAC, { ip: ATTACKER });
    expect(attackerRight.status).toBe(429);
    expect(attackerRight.headers.get("Set-Cookie")).toBeNull();

    // The owner's known device, even from the attacker's own address: in.
    expect((await logIn(user.email, user.password, CHROME_WINDOWS, { ip: ATTACKER, cookie: device })).status).toBe(302);
    // And from home, and from another address without the device cookie: in.
    expect((await logIn(user.email, user.password, CHROME_WINDOWS, { ip: OWNER_HOME, cookie: device })).status).toBe(302);
    const phone = await logIn(user.email, user.password, FIREFOX_MAC, { ip: OWNER_PHONE });
    expect(phone.status).toBe(302);
    expect(deviceCookieFrom(phone)).not.toBe(device);
    // The server's per-address limiter does not stop the known device either.
    const limited = await call(
      loginAction,
      post("/it/login", { email: user.email, password: user.password }, { "X-Client-IP": ATTACKER, "X-Login-Limited": "1", Cookie: device }),
      { lang: "it" },
    );
    expect(limited.status).toBe(302);
    const limitedUnknown = await logIn(user.email, user.password, FIREFOX_MAC, { ip: "192.0.2.99" });
    expect(limitedUnknown.status).toBe(302);
    expect(await prisma.auditLog.count({ where: { action: "user.login_throttled", actorId: user.id } })).toBe(1);
  });

  it("makes one address wait 1, 2, 4… minutes after five failures, and a device cookie of another account does not help", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const otherDevice = deviceCookieFrom(await logIn(other.email, other.password, CHROME_WINDOWS, { ip: ATTACKER }));
    let now = new Date("2026-06-01T10:00:00Z");
    for (let i = 0; i < 4; i++) expect(await attemptLogin(user.email, "nope nope nope", { ip: ATTACKER }, now)).toEqual({ status: "invalid" });
    const fifth = await attemptLogin(user.email, "nope nope nope", { ip: ATTACKER }, now);
    expect(fifth).toEqual({ status: "throttled", until: new Date(now.getTime() + FIRST_DELAY_MS) });
    const otherToken = otherDevice.split("=")[1]!;
    expect((await attemptLogin(user.email, user.password, { ip: ATTACKER, deviceToken: otherToken }, now)).status).toBe("throttled");

    for (const minutes of [2, 4, 8]) {
      now = new Date(now.getTime() + FIRST_DELAY_MS * (minutes / 2) + 1000);
      const next = await attemptLogin(user.email, "nope nope nope", { ip: ATTACKER }, now);
      expect(next).toEqual({ status: "throttled", until: new Date(now.getTime() + minutes * 60_000) });
      expect((await attemptLogin(user.email, user.password, { ip: ATTACKER }, new Date(now.getTime() + minutes * 60_000 - 1000))).status).toBe("throttled");
    }
    // Once the wait is over, the right password works and clears that address's failures.
    now = new Date(now.getTime() + 8 * 60_000 + 1000);
    expect(await attemptLogin(user.email, user.password, { ip: ATTACKER }, now)).toMatchObject({ status: "ok", userId: user.id });
    expect(await prisma.loginThrottle.count({ where: { userId: user.id } })).toBe(0);
  });

  it("stops trusting a known device after ten failures in a row (a stolen cookie gets no unlimited guesses)", async () => {
    const user = await makeUser();
    const first = await attemptLogin(user.email, user.password, { ip: OWNER_HOME });
    if (first.status !== "ok" || !first.deviceToken) throw new Error("no device token");
    const deviceToken = first.deviceToken;
    for (let i = 0; i < 9; i++) expect((await attemptLogin(user.email, "guess guess guess", { ip: ATTACKER, deviceToken })).status).toBe("invalid");
    // The right password still works from it, and clears its count.
    expect((await attemptLogin(user.email, user.password, { ip: ATTACKER, deviceToken })).status).toBe("ok");
    for (let i = 0; i < 10; i++) await attemptLogin(user.email, "guess guess guess", { ip: ATTACKER, deviceToken });
    expect((await attemptLogin(user.email, user.password, { ip: ATTACKER, deviceToken })).status).toBe("throttled");
    // Other addresses are still fine.
    expect((await attemptLogin(user.email, user.password, { ip: OWNER_PHONE })).status).toBe("ok");
  });

  it("emails the account's owner once about repeated failures, at most once an hour", async () => {
    const user = await makeUser();
    const now = new Date();
    const ips = ["198.51.100.1", "198.51.100.2", "198.51.100.3"];
    for (let i = 0; i < 9; i++) await attemptLogin(user.email, "wrong wrong wrong", { ip: ips[i % 3]! }, now);
    expect(await runJobs()).toBe(1);
    const alerts = await prisma.emailMessage.findMany({ where: { kind: "login_alert", to: user.email } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.subject).toBe("Tentativi di accesso non riusciti al tuo account Socialbrief");
    expect(alerts[0]!.text).toContain("5 tentativi");
    // Within the hour: no more. After it, with new failures: one more.
    await attemptLogin(user.email, "wrong wrong wrong", { ip: "198.51.100.4" }, new Date(now.getTime() + 59 * 60_000));
    expect(await runJobs()).toBe(0);
    expect(await prisma.emailMessage.count({ where: { kind: "login_alert", to: user.email } })).toBe(1);
    await attemptLogin(user.email, "wrong wrong wrong", { ip: "198.51.100.4" }, new Date(now.getTime() + 61 * 60_000));
    expect(await runJobs()).toBe(1);
    expect(await prisma.emailMessage.count({ where: { kind: "login_alert", to: user.email } })).toBe(2);
  });

  it("never reveals unknown emails: they always get the ordinary message", async () => {
    for (let i = 0; i < 6; i++) expect(await attemptLogin("ghost@studio.example", "whatever it is", { ip: ATTACKER })).toEqual({ status: "invalid" });
  });
});

describe("your sessions", () => {
  it("lists the user's own sessions with device, IP and the current one marked, without session secrets", async () => {
    const user = await makeUser();
    const here = await cookieFor(user.email, user.password, CHROME_WINDOWS);
    const other = await cookieFor(user.email, user.password, FIREFOX_MAC);
    const stranger = await makeUser();
    await cookieFor(stranger.email, stranger.password);

    const response = await call(accountLoader, get("/it/owner/account", { Cookie: here }), { lang: "it" });
    const raw = await response.text();
    for (const cookie of [here, other]) {
      expect(raw).not.toContain(tokenOf(cookie));
      expect(raw).not.toContain(sessionIdOf(cookie));
    }
    const { sessions } = JSON.parse(raw) as { sessions: { id: string; device: { browser: string; os: string }; ip: string; current: boolean }[] };
    expect(sessions).toHaveLength(2);
    expect(sessions[0]).toMatchObject({ id: sessionPublicId(sessionIdOf(here)), device: { browser: "Chrome", os: "Windows" }, ip: "203.0.113.7", current: true });
    expect(sessions[1]).toMatchObject({ id: sessionPublicId(sessionIdOf(other)), device: { browser: "Firefox", os: "macOS" }, current: false });
  });

  it("revokes one of the user's own sessions, and never another user's", async () => {
    const user = await makeUser();
    const here = await cookieFor(user.email, user.password);
    const other = await cookieFor(user.email, user.password, FIREFOX_MAC);
    const stranger = await makeUser();
    const strangerCookie = await cookieFor(stranger.email, stranger.password);

    const forbidden = await call(
      accountAction,
      post("/it/owner/account", { intent: "revoke", session: sessionPublicId(sessionIdOf(strangerCookie)) }, { Cookie: here }),
      { lang: "it" },
    );
    expect(forbidden.status).toBe(404);
    expect(await forbidden.json()).toEqual({ error: "account.errors.sessionNotFound" });
    expect(await prisma.session.count({ where: { id: sessionIdOf(strangerCookie) } })).toBe(1);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);
    // A raw session id is not accepted either.
    const raw = await call(accountAction, post("/it/owner/account", { intent: "revoke", session: sessionIdOf(strangerCookie) }, { Cookie: here }), { lang: "it" });
    expect(raw.status).toBe(404);
    expect(await prisma.session.count({ where: { id: sessionIdOf(strangerCookie) } })).toBe(1);

    const revoked = await call(accountAction, post("/it/owner/account", { intent: "revoke", session: sessionPublicId(sessionIdOf(other)) }, { Cookie: here }), {
      lang: "it",
    });
    expect(revoked.status).toBe(302);
    expect(revoked.headers.get("Location")).toBe("/it/owner/account?done=revoked");
    expect(await prisma.session.count({ where: { id: sessionIdOf(other) } })).toBe(0);
    expect((await call(ownerLoader, get("/it/owner", { Cookie: other }), { lang: "it" })).headers.get("Location")).toMatch(/^\/it\/login/);
    expect((await call(ownerLoader, get("/it/owner", { Cookie: here }), { lang: "it" })).status).toBe(200);
  });

  it("signs out everywhere else, keeping this session and other users' sessions", async () => {
    const user = await makeUser();
    const here = await cookieFor(user.email, user.password);
    await cookieFor(user.email, user.password, FIREFOX_MAC);
    await cookieFor(user.email, user.password, FIREFOX_MAC);
    const stranger = await makeUser();
    const strangerCookie = await cookieFor(stranger.email, stranger.password);

    const response = await call(accountAction, post("/it/owner/account", { intent: "revoke-others" }, { Cookie: here }), { lang: "it" });
    expect(response.headers.get("Location")).toBe("/it/owner/account?done=others&count=2");
    expect(await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([{ id: sessionIdOf(here) }]);
    expect(await prisma.session.count({ where: { id: sessionIdOf(strangerCookie) } })).toBe(1);
  });

  it("answers a post with no intent or one the page never sends with the translated 'choose' message (400), the first intent sent counting, and changes nothing", async () => {
    const user = await makeUser();
    const here = await cookieFor(user.email, user.password);
    const other = await cookieFor(user.email, user.password, FIREFOX_MAC);
    const act = (fields: Record<string, string> | string[][]) => call(accountAction, post("/it/owner/account", fields, { Cookie: here }), { lang: "it" });
    const otherId = sessionPublicId(sessionIdOf(other));
    const strays: Array<Record<string, string> | string[][]> = [
      {},
      { intent: "" },
      { intent: "delete-account" },
      { intent: "REVOKE", session: otherId },
      { session: otherId },
      [["intent", "frobnicate"], ["intent", "revoke-others"]],
    ];
    for (const fields of strays) {
      const response = await act(fields);
      expect([response.status, await response.json()], JSON.stringify(fields)).toEqual([400, { error: "errors.choose" }]);
    }
    expect(getT("it")("errors.choose")).not.toBe("errors.choose");
    // A revoke without a session (or with an empty one) is a session not found.
    for (const fields of [{ intent: "revoke" }, { intent: "revoke", session: "" }] as Record<string, string>[]) {
      const response = await act(fields);
      expect([response.status, await response.json()]).toEqual([404, { error: "account.errors.sessionNotFound" }]);
    }
    // A password form with nothing typed: the fields' messages, nothing typed sent back.
    const empty = await act({ intent: "password", current: "", password: "", confirm: "" });
    expect(empty.status).toBe(400);
    const { result } = (await empty.json()) as { result: { error: Record<string, string[]>; initialValue?: Record<string, unknown> } };
    expect(result.error).toMatchObject({ current: ["errors.required"], password: ["errors.required"], confirm: ["errors.required"] });
    expect(result.initialValue).toEqual({ intent: "password" });
    // The first intent sent is the one: this signs out the other session.
    const first = await act([["intent", "revoke-others"], ["intent", "frobnicate"]]);
    expect(first.headers.get("Location")).toBe("/it/owner/account?done=others&count=1");
    expect(await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([{ id: sessionIdOf(here) }]);
  });

  it("changes the password only with the current one, and signs out the other sessions", async () => {
    const user = await makeUser();
    const here = await cookieFor(user.email, user.password);
    const other = await cookieFor(user.email, user.password, FIREFOX_MAC);
    const next = "another long passphrase";

    const wrong = await call(accountAction, post("/it/owner/account", { intent: "password", current: "not my password", password: next, confirm: next }, { Cookie: here }), {
      lang: "it",
    });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { result: { error: Record<string, string[]> } }).result.error.current).toEqual(["account.errors.currentWrong"]);

    const mismatch = await call(
      accountAction,
      post("/it/owner/account", { intent: "password", current: user.password, password: next, confirm: `${next}!` }, { Cookie: here }),
      { lang: "it" },
    );
    expect(((await mismatch.json()) as { result: { error: Record<string, string[]> } }).result.error.confirm).toEqual(["account.errors.passwordMismatch"]);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);

    const ok = await call(accountAction, post("/it/owner/account", { intent: "password", current: user.password, password: next, confirm: next }, { Cookie: here }), {
      lang: "it",
    });
    expect(ok.headers.get("Location")).toBe("/it/owner/account?done=password");
    expect(await prisma.session.count({ where: { id: sessionIdOf(other) } })).toBe(0);
    expect(await prisma.session.count({ where: { id: sessionIdOf(here) } })).toBe(1);
    expect((await logIn(user.email, next)).status).toBe(302);
  });
});

describe("team and invitations", () => {
  it("invites by email; accepting creates the user with the invited role, signs in, and works once", async () => {
    const owner = await makeUser("owner");
    const ownerCookie = await cookieFor(owner.email, owner.password);
    const invited = await call(
      teamAction,
      post("/en/owner/team", { intent: "invite", email: "New.Member@Studio.example", name: "Nina New", role: "member" }, { Cookie: ownerCookie }),
      { lang: "en" },
    );
    expect(invited.status).toBe(302);
    expect(invited.headers.get("Location")).toBe("/en/owner/team?done=invited");

    const { token, text } = await linkFromEmail("invite", "new.member@studio.example", /\/en\/invite\/([\w-]+)/);
    expect(text).toContain("invited you to use Socialbrief as Member");
    const invite = await prisma.invite.findFirstOrThrow({ where: { email: "new.member@studio.example" } });
    expect(invite.tokenHash).toBe(hashToken(token));
    expect(invite.expiresAt.getTime() - invite.createdAt.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
    const team = (await (await call(teamLoader, get("/en/owner/team", { Cookie: ownerCookie }), { lang: "en" })).json()) as { invites: { email: string }[] };
    expect(team.invites.map((i) => i.email)).toContain("new.member@studio.example");

    const page = await call(inviteLoader, get(`/en/invite/${token}`), { lang: "en", token });
    expect(await page.json()).toEqual({ invite: { email: "new.member@studio.example", name: "Nina New", role: "member" } });

    const password = "nina's own long passphrase";
    const accepted = await call(inviteAction, post(`/en/invite/${token}`, { name: "Nina Nuova", password, confirm: password }), { lang: "en", token });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/en/owner");
    const member = await prisma.user.findUniqueOrThrow({ where: { email: "new.member@studio.example" } });
    expect(member).toMatchObject({ name: "Nina Nuova", role: "member", disabledAt: null });
    expect(await prisma.auditLog.count({ where: { action: "user.joined", actorId: member.id } })).toBe(1);
    const home = await call(ownerLoader, get("/en/owner", { Cookie: cookieFrom(accepted) }), { lang: "en" });
    expect(((await home.json()) as { user: { name: string } }).user.name).toBe("Nina Nuova");

    // Single use.
    expect((await call(inviteLoader, get(`/en/invite/${token}`), { lang: "en", token })).status).toBe(410);
    const again = await call(inviteAction, post(`/en/invite/${token}`, { name: "Someone", password, confirm: password }), { lang: "en", token });
    expect(again.status).toBe(410);
    expect(await prisma.user.count({ where: { email: "new.member@studio.example" } })).toBe(1);
  });

  it("refuses an expired invitation, and an invitation to an existing account", async () => {
    const owner = await makeUser("owner");
    const ownerCookie = await cookieFor(owner.email, owner.password);
    const dup = await call(teamAction, post("/it/owner/team", { intent: "invite", email: owner.email, name: "Again", role: "member" }, { Cookie: ownerCookie }), {
      lang: "it",
    });
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { result: { error: Record<string, string[]> } }).result.error.email).toEqual(["account.errors.alreadyMember"]);

    const token = "expired-invite-token-for-the-test-0123456789";
    await prisma.invite.create({
      data: { email: "late@studio.example", name: "Late", role: "member", tokenHash: hashToken(token), expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await call(inviteLoader, get(`/it/invite/${token}`), { lang: "it", token })).status).toBe(410);
    const password = "a perfectly good passphrase";
    expect((await call(inviteAction, post(`/it/invite/${token}`, { name: "Late", password, confirm: password }), { lang: "it", token })).status).toBe(410);
    expect(await prisma.user.count({ where: { email: "late@studio.example" } })).toBe(0);
  });

  it("lets the owner cancel a pending invitation: its link stops working; members cannot", async () => {
    const owner = await makeUser("owner");
    const ownerCookie = await cookieFor(owner.email, owner.password);
    const member = await makeUser("member");
    const memberCookie = await cookieFor(member.email, member.password);
    await call(teamAction, post("/it/owner/team", { intent: "invite", email: "cancel.me@studio.example", name: "Carla Cancel", role: "owner" }, { Cookie: ownerCookie }), { lang: "it" });
    const { token } = await linkFromEmail("invite", "cancel.me@studio.example", /\/it\/invite\/([\w-]+)/);
    const invite = await prisma.invite.findFirstOrThrow({ where: { email: "cancel.me@studio.example" } });
    expect((await call(inviteLoader, get(`/it/invite/${token}`), { lang: "it", token })).status).toBe(200);

    // A member cannot cancel it (403), and the link still works.
    const byMember = await call(teamAction, post("/it/owner/team", { intent: "cancel-invite", inviteId: invite.id }, { Cookie: memberCookie }), { lang: "it" });
    expect(byMember.status).toBe(403);
    expect((await call(inviteLoader, get(`/it/invite/${token}`), { lang: "it", token })).status).toBe(200);

    const cancelled = await call(teamAction, post("/it/owner/team", { intent: "cancel-invite", inviteId: invite.id }, { Cookie: ownerCookie }), { lang: "it" });
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get("Location")).toBe("/it/owner/team?done=cancelled");
    expect((await call(inviteLoader, get(`/it/invite/${token}`), { lang: "it", token })).status).toBe(410);
    const password = "a perfectly good passphrase";
    expect((await call(inviteAction, post(`/it/invite/${token}`, { name: "Carla", password, confirm: password }), { lang: "it", token })).status).toBe(410);
    expect(await prisma.user.count({ where: { email: "cancel.me@studio.example" } })).toBe(0);
    const team = (await (await call(teamLoader, get("/it/owner/team", { Cookie: ownerCookie }), { lang: "it" })).json()) as { invites: { id: string }[] };
    expect(team.invites.map((i) => i.id)).not.toContain(invite.id);
    expect(await prisma.auditLog.count({ where: { action: "user.invite_cancelled", actorId: owner.id } })).toBe(1);
    // Cancelling again (or an unknown one) says so and changes nothing.
    const again = await call(teamAction, post("/it/owner/team", { intent: "cancel-invite", inviteId: invite.id }, { Cookie: ownerCookie }), { lang: "it" });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: "account.errors.inviteNotFound" });
  });

  it("gives members 403 on the team page and on a direct POST, and changes nothing", async () => {
    const owner = await makeUser("owner");
    const member = await makeUser("member");
    const memberCookie = await cookieFor(member.email, member.password);
    expect((await call(teamLoader, get("/it/owner/team", { Cookie: memberCookie }), { lang: "it" })).status).toBe(403);

    const before = { users: await prisma.user.count(), invites: await prisma.invite.count(), emails: await prisma.emailMessage.count() };
    const attempts: Record<string, string>[] = [
      { intent: "invite", email: "friend@studio.example", name: "Friend", role: "owner" },
      { intent: "role", userId: member.id, role: "owner" },
      { intent: "disable", userId: owner.id },
    ];
    for (const fields of attempts) {
      const response = await call(teamAction, post("/it/owner/team", fields, { Cookie: memberCookie }), { lang: "it" });
      expect(response.status).toBe(403);
    }
    expect({ users: await prisma.user.count(), invites: await prisma.invite.count(), emails: await prisma.emailMessage.count() }).toEqual(before);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).role).toBe("member");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).disabledAt).toBeNull();
  });

  it("changes roles and disables members (ending their sessions), but never the last active owner", async () => {
    // Start from a team with exactly one active owner.
    await prisma.user.updateMany({ where: { role: "owner" }, data: { disabledAt: new Date() } });
    const owner = await makeUser("owner");
    const member = await makeUser("member");
    const ownerCookie = await cookieFor(owner.email, owner.password);
    const memberCookie = await cookieFor(member.email, member.password);
    const act = (fields: Record<string, string>) => call(teamAction, post("/it/owner/team", fields, { Cookie: ownerCookie }), { lang: "it" });

    const refusals: Record<string, string>[] = [
      { intent: "role", userId: owner.id, role: "member" },
      { intent: "disable", userId: owner.id },
    ];
    for (const fields of refusals) {
      const response = await act(fields);
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual({ error: "account.errors.lastOwner" });
    }
    expect(await prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({ role: "owner", disabledAt: null });

    expect((await act({ intent: "disable", userId: member.id })).status).toBe(302);
    expect(await prisma.session.count({ where: { userId: member.id } })).toBe(0);
    expect((await call(ownerLoader, get("/it/owner", { Cookie: memberCookie }), { lang: "it" })).headers.get("Location")).toMatch(/^\/it\/login/);
    const refused = await logIn(member.email, member.password);
    expect(refused.status).toBe(400);
    expect(await formError(refused)).toEqual(["errors.invalidLogin"]);

    expect((await act({ intent: "enable", userId: member.id })).status).toBe(302);
    expect((await act({ intent: "role", userId: member.id, role: "owner" })).status).toBe(302);
    expect((await logIn(member.email, member.password)).status).toBe(302);
    // With a second owner, the first may step down.
    expect((await act({ intent: "role", userId: owner.id, role: "member" })).status).toBe(302);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).role).toBe("member");
    expect(await prisma.auditLog.count({ where: { action: "user.role_changed" } })).toBe(2);
    expect(await prisma.auditLog.count({ where: { action: "user.disabled", actorId: owner.id } })).toBe(1);
  });

  it("answers a post with no intent, one the page never sends or a broken row form with the translated 'choose' message (400), and changes nothing", async () => {
    const owner = await makeUser("owner");
    const member = await makeUser("member");
    const ownerCookie = await cookieFor(owner.email, owner.password);
    const act = (fields: Record<string, string> | string[][]) => call(teamAction, post("/it/owner/team", fields, { Cookie: ownerCookie }), { lang: "it" });
    const before = { users: await prisma.user.findMany({ orderBy: { id: "asc" } }), invites: await prisma.invite.count(), audit: await prisma.auditLog.count() };
    const strays: Array<Record<string, string> | string[][]> = [
      {},
      { intent: "" },
      { intent: "promote", userId: member.id },
      { userId: member.id, role: "owner" },
      { intent: "role", userId: member.id, role: "admin" },
      { intent: "role", userId: member.id },
      { intent: "role", role: "owner" },
      { intent: "disable" },
      { intent: "enable", userId: "" },
      { intent: "disable", userId: "x".repeat(101) },
      // Only the first intent counts (before, the row forms took the last one sent and this disabled the member).
      [["intent", "frobnicate"], ["intent", "disable"], ["userId", member.id]],
    ];
    for (const fields of strays) {
      const response = await act(fields);
      expect([response.status, await response.json()], JSON.stringify(fields)).toEqual([400, { error: "errors.choose" }]);
    }
    for (const fields of [{ intent: "cancel-invite" }, { intent: "cancel-invite", inviteId: "" }, { intent: "cancel-invite", inviteId: "nope" }] as Record<string, string>[]) {
      const response = await act(fields);
      expect([response.status, await response.json()]).toEqual([404, { error: "account.errors.inviteNotFound" }]);
    }
    const unknownUser = await act({ intent: "disable", userId: "nope" });
    expect([unknownUser.status, await unknownUser.json()]).toEqual([404, { error: "account.errors.userNotFound" }]);
    // A wrong invitation: the fields' messages, with what was typed.
    const wrong = await act({ intent: "invite", email: "not-an-address", name: "", role: "" });
    expect(wrong.status).toBe(400);
    const { result } = (await wrong.json()) as { result: { error: Record<string, string[]>; initialValue?: Record<string, unknown> } };
    expect(result.error).toEqual({ email: ["errors.email"], name: ["errors.required"], role: ["errors.choose"] });
    expect(result.initialValue).toEqual({ intent: "invite", email: "not-an-address" });
    expect({ users: await prisma.user.findMany({ orderBy: { id: "asc" } }), invites: await prisma.invite.count(), audit: await prisma.auditLog.count() }).toEqual(before);
    // The first intent sent is the one (before, this one was refused: the row forms read the last).
    expect((await act([["intent", "disable"], ["intent", "frobnicate"], ["userId", member.id]])).headers.get("Location")).toBe("/it/owner/team?done=updated");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).disabledAt).not.toBeNull();
  });

  it("a disabled user gets no password reset email", async () => {
    const user = await makeUser("member");
    await prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date(), passwordHash: await hashPassword(user.password) } });
    const response = await call(forgotAction, post("/it/forgot", { email: user.email }), { lang: "it" });
    expect((await response.json()).sent).toBe(true);
    expect(await prisma.emailMessage.count({ where: { to: user.email } })).toBe(0);
  });
});
