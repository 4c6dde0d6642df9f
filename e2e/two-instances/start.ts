// The webServer of playwright.two-instances.config.ts: the production build as a
// deployment of two instances (issue 13), all on loopback:
//   - a fresh PostgreSQL database (dropped first if a run left one), migrated,
//     with the e2e owner;
//   - ONE Stripe stand-in process (build/node/standin.js) sending its webhooks to
//     the public address, the proxy;
//   - two `node build/node/index.js` on that database, with REDIS_URL (shared
//     rate limits, under a key prefix of this run's own), STRIPE_STANDIN_URL, the
//     same webhook secret, each running the job runner (files they render are
//     shared through the database's StoredFile table, as on two machines);
//   - the round-robin proxy (proxy.ts) on E2E_PORT in front of them.
// SIGTERM or SIGINT (Playwright's gracefulShutdown) stops it all and drops the
// database. If an instance or the stand-in dies meanwhile, everything stops
// and this exits 1.
// Run with: node --import tsx e2e/two-instances/start.ts (after npm run build).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyMigrations, pgConfig } from "../../scripts/lib/schema-engine";
import { databaseName, databaseUrl, instances, missingSettings, proxyPort, standinPort } from "./env";
import { startRoundRobinProxy } from "./proxy";

const root = path.resolve(import.meta.dirname, "../..");
const problem = missingSettings();
if (problem) {
  console.error(problem);
  process.exit(1);
}
const serverUrl = process.env.TEST_POSTGRES_URL!;
const dbUrl = databaseUrl(serverUrl);
const tmp = path.join(root, "e2e/.tmp", `two-${proxyPort}`);
rmSync(tmp, { recursive: true, force: true });

const admin = new pg.Client(pgConfig(serverUrl));
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
await admin.query(`CREATE DATABASE "${databaseName}"`);
await applyMigrations(dbUrl);
execFileSync(process.execPath, ["--import", "tsx", "scripts/create-owner.ts", "--email", "owner@e2e.example", "--name", "Erica Owner"], {
  cwd: root,
  env: { ...process.env, DATABASE_URL: dbUrl, OWNER_PASSWORD: "e2e-owner-password-2026", LOG_LEVEL: "silent" },
  stdio: "ignore",
});

const publicUrl = `http://localhost:${proxyPort}`;
const standinUrl = `http://127.0.0.1:${standinPort}`;
const shared: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: dbUrl,
  APP_URL: publicUrl,
  TRUST_PROXY: "1",
  LOG_LEVEL: "warn",
  REDIS_URL: process.env.TEST_REDIS_URL,
  REDIS_KEY_PREFIX: `sbe2e:${randomBytes(4).toString("hex")}:`,
  STRIPE_STANDIN: "1",
  STRIPE_STANDIN_URL: standinUrl,
  STRIPE_STANDIN_PORT: String(standinPort),
  STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("hex")}`,
  STRIPE_SECRET_KEY: "",
  SMTP_URL: "",
  PDF_WORKERS: "1",
};

const children = new Map<string, ChildProcess>();
let stopping = false;

function run(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [script], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (stream: NodeJS.WritableStream) => (chunk: Buffer) => stream.write(String(chunk).replace(/^(?=.)/gm, `[${name}] `));
  child.stdout!.on("data", prefix(process.stdout));
  child.stderr!.on("data", prefix(process.stderr));
  child.once("exit", (code, signal) => {
    children.delete(name);
    if (stopping) return;
    console.error(`[two-instances] ${name} exited (${signal ?? code}) while the run was on: stopping`);
    void stop(1);
  });
  children.set(name, child);
  return child;
}

async function ready(name: string, url: string): Promise<void> {
  // A wait, not a budget: each instance listens once its PDF workers are warm.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (!children.has(name)) throw new Error(`${name} did not start`);
    const status = await fetch(url).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${name} did not answer 200 at ${url} within 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let proxy: Awaited<ReturnType<typeof startRoundRobinProxy>> | undefined;

async function stop(code: number): Promise<never> {
  stopping = true;
  await proxy?.close();
  const exits = [...children.values()].map((child) => (child.exitCode === null && child.signalCode === null ? once(child, "exit") : Promise.resolve()));
  for (const child of children.values()) child.kill("SIGTERM");
  const force = setTimeout(() => {
    for (const child of children.values()) child.kill("SIGKILL");
  }, 30_000);
  await Promise.all(exits);
  clearTimeout(force);
  await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch((error: unknown) => console.error(`[two-instances] could not drop ${databaseName}:`, error));
  await admin.end().catch(() => undefined);
  if (proxy) console.log(`[two-instances] requests per instance: ${JSON.stringify(proxy.counts())}`);
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));

try {
  run("standin", "build/node/standin.js", shared);
  for (const { name, port } of instances) {
    run(name, "build/node/index.js", { ...shared, PORT: String(port) });
  }
  await ready("standin", `${standinUrl}/`);
  for (const { name, port } of instances) await ready(name, `http://127.0.0.1:${port}/healthz`);
  proxy = await startRoundRobinProxy(proxyPort, instances);
  console.log(`[two-instances] ${publicUrl} → ${instances.map((i) => `${i.name} :${i.port}`).join(", ")}; stand-in ${standinUrl}; database ${databaseName}`);
} catch (error) {
  console.error(`[two-instances] ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}
