// Rate limits with two instances of the app on one database, as behind a load
// balancer: with REDIS_URL every instance counts the same attempts in Redis
// (the real server at TEST_REDIS_URL); without it each counts its own.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { connect, createServer, type AddressInfo, type Socket } from "node:net";
import { createClient } from "redis";
import { afterAll, describe, expect, it } from "vitest";
import { upsertOwner } from "~/models/user.server";
import { startApp, stopApps, type RunningApp } from "./server-app";

const REDIS = process.env.TEST_REDIS_URL;
if (!REDIS) console.warn("shared-limits.test.ts: the Redis tests are skipped: TEST_REDIS_URL is not set (e.g. TEST_REDIS_URL=redis://127.0.0.1:6379; CI sets it)");
// Every key of this run starts with it, so parallel runs (and the two database projects) never share a counter.
const runPrefix = `sbtest:${randomUUID().slice(0, 8)}:`;
let testNumber = 0;
const freshPrefix = () => `${runPrefix}${++testNumber}:`;

afterAll(async () => {
  await stopApps();
  if (!REDIS) return;
  const client = await createClient({ url: REDIS }).connect();
  for await (const keys of client.scanIterator({ MATCH: `${runPrefix}*`, COUNT: 100 })) if (keys.length) await client.del(keys);
  await client.close();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const badForgot = (app: RunningApp) => fetch(`${app.url}/en/forgot`, { method: "POST", body: form({ email: "not an email" }) });
const OWNER = { email: "owner@studio.example", name: "Olga Owner", password: "correct horse battery staple" };
const login = (app: RunningApp, password: string) => fetch(`${app.url}/it/login`, { method: "POST", body: form({ email: OWNER.email, password }), redirect: "manual" });
// An address with no account: never throttled by the per-account waits kept in the database, only by the limiter.
const unknownLogin = (app: RunningApp) => fetch(`${app.url}/it/login`, { method: "POST", body: form({ email: "nobody@example.com", password: "wrong" }), redirect: "manual" });

/** Statuses of `count` requests sent one after the other, alternating between the apps. */
async function alternate(apps: RunningApp[], count: number, send: (app: RunningApp) => Promise<Response>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await send(apps[i % apps.length]!);
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

/** A TCP relay in front of Redis that the test cuts, standing for Redis going down while the app runs. */
async function redisRelay(target: string): Promise<{ url: string; cut: () => Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const remote = connect(Number(port || 6379), hostname);
    sockets.add(client).add(remote);
    client.pipe(remote).pipe(client);
    const drop = () => (client.destroy(), remote.destroy());
    client.on("error", drop).on("close", drop);
    remote.on("error", drop).on("close", drop);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(target);
  url.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: url.toString(),
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(!REDIS)(`with REDIS_URL, two instances count together${REDIS ? "" : " (skipped: TEST_REDIS_URL is not set, e.g. TEST_REDIS_URL=redis://127.0.0.1:6379)"}`, () => {
  const shared = (settings: Parameters<typeof startApp>[0] & object) => ({ REDIS_URL: REDIS, REDIS_KEY_PREFIX: freshPrefix(), ...settings });

  it("POSTs: the limit is reached after RATE_LIMIT_POST requests in total, not per instance", async () => {
    const settings = shared({ RATE_LIMIT_POST: 4 });
    const apps = [await startApp(settings), await startApp(settings)];
    expect(await alternate(apps, 7, badForgot)).toEqual([400, 400, 400, 400, 429, 429, 429]);
    const refused = await badForgot(apps[0]!);
    expect(await refused.text()).toBe("Too many attempts. Try again in a few minutes.");
    // The count is in Redis under the limiter's own prefix, with the window as its expiry.
    const client = await createClient({ url: REDIS }).connect();
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${settings.REDIS_KEY_PREFIX}*` })) keys.push(...batch);
    expect(keys).toEqual([`${settings.REDIS_KEY_PREFIX}limit:post:127.0.0.1`]);
    expect(await client.get(keys[0]!)).toBe("8");
    expect(await client.pTTL(keys[0]!)).toBeGreaterThan(0);
    expect(await client.pTTL(keys[0]!)).toBeLessThanOrEqual(60_000);
    await client.close();
    await Promise.all(apps.map((a) => a.close()));
  });

  it("failed logins: the limit is reached after RATE_LIMIT_LOGIN failures in total, and successful logins count on neither", async () => {
    await upsertOwner(OWNER);
    const settings = shared({ RATE_LIMIT_LOGIN: 3, RATE_LIMIT_POST: 1000 });
    const apps = [await startApp(settings), await startApp(settings)];
    // Right passwords on both instances are given back (skipSuccessfulRequests) in Redis too.
    expect(await alternate(apps, 4, (app) => login(app, OWNER.password))).toEqual([302, 302, 302, 302]);
    expect(await alternate(apps, 6, unknownLogin)).toEqual([400, 400, 400, 429, 429, 429]);
    const refused = await unknownLogin(apps[1]!);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("Troppi tentativi. Riprova tra qualche minuto.");
    // Limited on the other instance as well, with the right password (no known-device cookie): the address is limited.
    expect((await login(apps[0]!, OWNER.password)).status).toBe(429);
    // A third instance started later sees the same count.
    expect((await unknownLogin(await startApp(settings))).status).toBe(429);
    await Promise.all(apps.map((a) => a.close()));
  });

  it("each limiter has its own keys: posts elsewhere do not use up the login allowance", async () => {
    const settings = shared({ RATE_LIMIT_LOGIN: 2, RATE_LIMIT_POST: 1000 });
    const apps = [await startApp(settings), await startApp(settings)];
    expect(await alternate(apps, 5, badForgot)).toEqual([400, 400, 400, 400, 400]);
    expect(await alternate(apps, 3, unknownLogin)).toEqual([400, 400, 429]);
    await Promise.all(apps.map((a) => a.close()));
  });

  it("Redis going down while running: limited POSTs get the translated 503 (never a 500 or a pass), pages keep working", async () => {
    const relay = await redisRelay(REDIS!);
    const app = await startApp({ REDIS_URL: relay.url, REDIS_KEY_PREFIX: freshPrefix(), RATE_LIMIT_POST: 100 });
    expect((await badForgot(app)).status).toBe(400);
    await relay.cut();
    for (const send of [badForgot, unknownLogin]) {
      const response = await send(app);
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).toBe("5");
      const body = await response.text();
      expect(body).not.toMatch(/at .*\.(ts|js):\d+/); // no stack
      expect(body).toMatch(/Riferimento|Reference/);
    }
    expect(await (await badForgot(app)).text()).toContain("The service is very busy. Please try again in a few seconds.");
    expect((await fetch(`${app.url}/en/login`)).status).toBe(200);
    expect(app.logs().some((l) => l.msg === "rate-limit store (Redis) unreachable: post answered 503" && l.level === 50)).toBe(true);
    await app.close();
  });
});

describe("REDIS_URL that cannot be reached at start", () => {
  it("stops the server with a message naming REDIS_URL, without the password", async () => {
    const url = `redis://:s3cret@127.0.0.1:${await closedPort()}`;
    await expect(startApp({ REDIS_URL: url })).rejects.toThrow(/^REDIS_URL: cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ .*the server does not start without it/);
    // The real entry point: exits with status 1 and that message, before loading anything else.
    const run = spawnSync(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { PATH: process.env.PATH, NODE_ENV: "test", DATABASE_URL: "file:./data/never-opened.db", REDIS_URL: url, LOG_LEVEL: "silent" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("REDIS_URL: cannot reach Redis at redis://:***@127.0.0.1:");
    expect(run.stderr).not.toContain("s3cret");
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe("without REDIS_URL each instance counts on its own (why more than one instance needs Redis)", () => {
  it("two instances let through RATE_LIMIT_POST requests each", async () => {
    const apps = [await startApp({ REDIS_URL: undefined, RATE_LIMIT_POST: 2 }), await startApp({ REDIS_URL: undefined, RATE_LIMIT_POST: 2 })];
    expect(await alternate(apps, 6, badForgot)).toEqual([400, 400, 400, 400, 429, 429]);
    await Promise.all(apps.map((a) => a.close()));
  });

  it("and RATE_LIMIT_LOGIN failed logins each", async () => {
    const settings = { REDIS_URL: undefined, RATE_LIMIT_LOGIN: 2, RATE_LIMIT_POST: 1000 };
    const apps = [await startApp(settings), await startApp(settings)];
    expect(await alternate(apps, 6, unknownLogin)).toEqual([400, 400, 400, 400, 429, 429]);
    await Promise.all(apps.map((a) => a.close()));
  });
});
