// The production server itself, each test on its own instance and port:
// graceful shutdown, env validation, rate limits, caching, compression, logs.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readdirSync } from "node:fs";
import { createServer } from "node:net";
import { expect, test } from "@playwright/test";
import { e2eDatabaseUrl } from "./db-path";

// Each test starts a server of its own, with no PDF warm-up (PDF_WARM_RENDERS=0: these tests are
// about the server, and the one about an in-flight PDF starts the worker first); the timeout is a wait on a busy machine, not a budget.
test.describe.configure({ timeout: 180_000 });
const running = new Set<ChildProcessWithoutNullStreams>();

// A server left behind by a failed test would answer the next one's health check.
test.afterEach(() => {
  for (const proc of running) if (proc.exitCode === null) proc.kill("SIGKILL");
  running.clear();
});

/** A port nobody listens on, asked from the OS. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

interface Running {
  url: string;
  proc: ChildProcessWithoutNullStreams;
  out: () => string;
  exited: Promise<number | null>;
}

async function startServer(env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["build/node/index.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      DATABASE_URL: e2eDatabaseUrl,
      LOG_LEVEL: "info",
      PDF_WARM_RENDERS: "0",
      ...env,
    },
  });
  running.add(proc);
  let output = "";
  proc.stdout.on("data", (d) => (output += d));
  proc.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const url = `http://localhost:${port}`;
  // A wait, not a budget: a busy machine starts a server slowly.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, proc, out: () => output, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, proc, out: () => output, exited };
}

test("SIGTERM lets an in-flight PDF request finish, then closes the database and exits 0", async () => {
  test.setTimeout(180_000); // two full proposals are sent (and rendered) first
  // Leads with a sent proposal whose PDF is not stored yet: the requests below render them.
  const [warm, token] = execFileSync("node_modules/.bin/tsx", ["e2e/create-lead.ts", "2"], { env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, LOG_LEVEL: "silent" } }).toString().trim().split(" ");
  // At debug level the server logs each PDF render as it starts: SIGTERM comes only once the request is in progress.
  const server = await startServer({ LOG_LEVEL: "debug" });
  // The job runner renders the Italian PDFs for the emails of the sends; the English one is rendered only when asked for.
  const rendersStarted = () => server.out().split("\n").filter((line) => line.includes('"locale":"en"') && line.includes("pdf render started")).length;
  const home = await fetch(`${server.url}/it`);
  expect(home.status).toBe(200);
  // The first render starts the PDF worker; the one cut short by SIGTERM is a warm render.
  expect((await fetch(`${server.url}/it/p/${warm}/pdf`)).status).toBe(200);
  const pdfUrl = `${server.url}/en/p/${token}/pdf`;

  const before = rendersStarted();
  const inFlight = fetch(pdfUrl);
  await expect.poll(rendersStarted, { timeout: 30_000 }).toBe(before + 1);
  server.proc.kill("SIGTERM");
  const response = await inFlight;
  expect(response.status).toBe(200);
  expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  expect(await server.exited).toBe(0);
  expect(server.out()).toContain("closed: database disconnected");
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
});

test("a bad environment stops the start with the variable's name and no stack trace", async () => {
  const server = await startServer({ DATABASE_URL: "mysql://user:hunter2@db/app", PORT: "not-a-port" });
  expect(await server.exited).toBe(1);
  const out = server.out();
  expect(out).toContain("DATABASE_URL: must start with file: or postgres://");
  expect(out).toContain("PORT:");
  expect(out).not.toContain("hunter2");
  expect(out).not.toMatch(/\n\s+at /);

  // Settings that used to be read raw (and silently turned a limit off) stop the start too.
  const limits = await startServer({ RATE_LIMIT_POST: "60/min", MAX_BODY_BYTES: "64k", TRUST_PROXY: "true" });
  expect(await limits.exited).toBe(1);
  expect(limits.out()).toContain("RATE_LIMIT_POST: must be a whole number of POST requests per IP per minute");
  expect(limits.out()).toContain("MAX_BODY_BYTES: must be a size in bytes");
  expect(limits.out()).toContain("TRUST_PROXY: must be how many proxies");
  expect(limits.out()).not.toMatch(/\n\s+at /);
});

test("in production without a Stripe key the stand-in does not start, unless STRIPE_STANDIN=1", async () => {
  const standinPort = await freePort();
  const server = await startServer({ STRIPE_STANDIN_PORT: String(standinPort), STRIPE_SECRET_KEY: "", STRIPE_STANDIN: "" });
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  expect(server.out()).toContain("online payment is off");
  await expect(fetch(`http://127.0.0.1:${standinPort}/`)).rejects.toThrow();
  server.proc.kill("SIGTERM");
  await server.exited;

  const demo = await startServer({ STRIPE_STANDIN_PORT: String(standinPort), STRIPE_SECRET_KEY: "", STRIPE_STANDIN: "1" });
  // The stand-in listens on its own port and may come up just after the app's /healthz (later still on a busy machine).
  await expect
    .poll(async () => (await fetch(`http://127.0.0.1:${standinPort}/`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
    .toBe(200);
  demo.proc.kill("SIGTERM");
  await demo.exited;
});

test("logins are rate limited per IP with a translated message", async () => {
  const server = await startServer({ RATE_LIMIT_LOGIN: "3" });
  const body = new URLSearchParams({ email: "x@example.com", password: "wrong" });
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await fetch(`${server.url}/it/login`, { method: "POST", body })).status);
  expect(statuses).toEqual([400, 400, 400, 429]);
  const limited = await fetch(`${server.url}/en/login`, { method: "POST", body });
  expect(limited.status).toBe(429);
  // The form comes back with the translated message; the password was not checked.
  const html = await limited.text();
  expect(html).toContain("Too many attempts. Try again in a few minutes.");
  expect(html).toContain('name="email"');
  server.proc.kill("SIGTERM");
  await server.exited;

  // Correct logins do not count against the limit: it is failed attempts that are limited.
  const second = await startServer({ RATE_LIMIT_LOGIN: "2" });
  const good = new URLSearchParams({ email: "owner@e2e.example", password: "e2e-owner-password-2026" });
  const logins: number[] = [];
  for (let i = 0; i < 4; i++) logins.push((await fetch(`${second.url}/it/login`, { method: "POST", body: good, redirect: "manual" })).status);
  expect(logins).toEqual([302, 302, 302, 302]);
  second.proc.kill("SIGTERM");
  await second.exited;
});

test("hashed assets are cached for a year, responses are compressed, requests are logged as JSON", async () => {
  const server = await startServer();
  const asset = readdirSync("build/client/assets").find((f) => f.endsWith(".js"))!;
  const res = await fetch(`${server.url}/assets/${asset}`, { headers: { "Accept-Encoding": "gzip" } });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  const page = await fetch(`${server.url}/en`, { headers: { "Accept-Encoding": "gzip" } });
  expect(page.headers.get("content-encoding")).toBe("gzip");
  expect(page.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  const cross = await fetch(`${server.url}/en?index`, { method: "POST", headers: { Origin: "https://evil.example" }, body: new URLSearchParams({ name: "x" }) });
  expect(cross.status).toBe(403);
  // An opaque origin ("null") is not a blank 500: the form is handled (here: a translated 400).
  const opaque = await fetch(`${server.url}/en/forgot`, { method: "POST", headers: { Origin: "null" }, body: new URLSearchParams({ email: "not an email" }) });
  expect(opaque.status).toBe(400);
  server.proc.kill("SIGTERM");
  await server.exited;
  const line = server.out().split("\n").find((l) => l.includes('"url":"/en"'));
  expect(JSON.parse(line!)).toMatchObject({ req: { method: "GET", url: "/en" }, res: { statusCode: 200 }, msg: "request completed" });
});
