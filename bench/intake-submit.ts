// Final questionnaire submit under load: the app (production build: Express +
// Remix + every middleware) beside a bare node:http handler doing the same
// insert on the same kind of database, in one run, 50 concurrent connections
// on loopback. Prints throughput and latency for both and their ratio.
//
//   npx tsx bench/intake-submit.ts            (SQLite, 1000 submits each)
//   BENCH_SUBMITS=3000 npx tsx bench/intake-submit.ts
//
// Rate limits are raised for the run (they would otherwise answer 429).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

const root = path.resolve(import.meta.dirname, "..");
const dbFile = path.join(root, "bench/.tmp/bench.db");
const DATABASE_URL = `file:${dbFile}`;
const submits = Number(process.env.BENCH_SUBMITS ?? 1000);
const connections = 50;

mkdirSync(path.dirname(dbFile), { recursive: true });
for (const ext of ["", "-wal", "-shm"]) rmSync(dbFile + ext, { force: true });
process.env.DATABASE_URL = DATABASE_URL;
process.env.NODE_ENV = "production";
process.env.APP_URL = "http://localhost:3400";

const { applyMigrations } = await import("../scripts/lib/schema-engine.ts");
await applyMigrations(DATABASE_URL);
const { prisma, disconnectDb } = await import("~/utils/db.server");
const { hashSecret, newSecret } = await import("~/models/intake-draft.server");
const { intakeCookie } = await import("~/utils/intake-cookie.server");
const { upsertOwner } = await import("~/models/user.server");
const { complete } = await import("../app/domain/intake/fixtures.ts");
await upsertOwner({ email: "owner@bench.example", name: "Bench Owner", password: "bench-owner-password" });

/** Finished drafts waiting for their submit; returns their cookies. */
async function makeDrafts(n: number, label: string): Promise<string[]> {
  const cookies: string[] = [];
  const rows = [];
  for (let i = 0; i < n; i++) {
    const key = newSecret();
    cookies.push((await intakeCookie.serialize(key)).split(";")[0]!);
    const answers = { ...complete, about: { ...complete.about, email: `${label}-${i}@bench.example` } };
    rows.push({ browserKeyHash: hashSecret(key), locale: "it", answers: JSON.stringify(answers), currentStep: "review", expiresAt: new Date(Date.now() + 86_400_000) });
  }
  for (let i = 0; i < rows.length; i += 500) await prisma.intakeDraft.createMany({ data: rows.slice(i, i + 500) });
  return cookies;
}

function start(command: string[], port: number): Promise<ChildProcess> {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    env: { ...process.env, PORT: String(port), APP_URL: `http://localhost:${port}`, LOG_LEVEL: "silent", RATE_LIMIT_POST: "100000000" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const poll = async () => {
      try {
        await fetch(`http://localhost:${port}/`, { redirect: "manual" });
        resolve(child);
      } catch {
        if (Date.now() > deadline) reject(new Error(`${command.join(" ")} did not start`));
        else setTimeout(poll, 100);
      }
    };
    void poll();
  });
}

async function load(port: number, cookies: string[]) {
  let next = 0;
  const result = await autocannon({
    url: `http://localhost:${port}`,
    connections,
    amount: cookies.length,
    requests: [
      {
        method: "POST",
        path: "/it/intake/review",
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, "content-type": "application/x-www-form-urlencoded", cookie: cookies[next++ % cookies.length]! },
          body: "intent=next",
        }),
      },
    ],
  });
  return result;
}

async function measure(name: string, command: string[], port: number) {
  const cookies = await makeDrafts(submits, name);
  const before = await prisma.lead.count();
  const child = await start(command, port);
  const result = await load(port, cookies);
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  const created = (await prisma.lead.count()) - before;
  return {
    name,
    requests: result.requests.total,
    redirects: result["3xx"],
    errors: result.errors + result.non2xx - result["3xx"],
    leadsCreated: created,
    throughput: result.requests.total / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

console.log(`Final submit, ${submits} submits per server, ${connections} connections, SQLite (${dbFile})`);
const app = await measure("app", ["node", "build/node/index.js"], 3400);
const bare = await measure("bare", [path.join(root, "node_modules/.bin/tsx"), "bench/bare-submit-server.ts"], 3401);
await disconnectDb();

const rows = [app, bare];
console.log("");
console.log("server  submits  302s  errors  leads  req/s    p50 ms  p99 ms");
for (const r of rows) {
  console.log(
    `${r.name.padEnd(7)} ${String(r.requests).padStart(7)} ${String(r.redirects).padStart(5)} ${String(r.errors).padStart(7)} ${String(r.leadsCreated).padStart(6)}  ${r.throughput.toFixed(0).padStart(6)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}`,
  );
}
console.log("");
console.log(`app/bare throughput ratio: ${(app.throughput / bare.throughput).toFixed(2)}   app/bare p99 ratio: ${(app.p99 / Math.max(bare.p99, 1)).toFixed(2)}`);
if (app.leadsCreated !== submits || bare.leadsCreated !== submits) {
  console.error("Not every submit created its lead: the figures above are not comparable.");
  process.exit(1);
}
