// Issue 13's load bench: BENCH_PROSPECTS (200) prospects at once walk the
// questionnaire on loopback for BENCH_SECONDS (60): each opens a step's page,
// takes a moment to answer it (BENCH_THINK_MS, 5 to 15 s at random), posts the
// step's answers, follows the redirect to the next step, and after the review
// step's submit starts again as a new prospect.
//
// The run starts in a steady state, as a real day does: the prospects are
// spread over the questionnaire (prospect n starts at step n mod 9 of a draft
// already holding the answers before it, written with the app's own model
// functions before the server starts), so every step, the submit included, is
// measured from the first second, rather than 200 people all opening the first
// page at once and few reaching the end within the minute.
//
// Why 5 to 15 s: that is a very fast person (a step holds a few fields, some of
// them sentences; people take half a minute to minutes). BENCH_THINK_MS=500-1500
// is the stress run: 200 prospects then ask for about 400 requests a second,
// more than even the bare handler below serves on this 2-core machine, so its
// figures measure throughput and queueing, not a step's time.
//
// The production build (Express + Remix + every middleware, the job runner
// sending the emails) runs first (after a warm-up of 8 s that is not counted),
// then a bare node:http handler doing the same database work with the same
// model functions (bench/bare-intake-server.ts), each on a fresh database of
// the same kind, with the same load. Printed per step: requests, errors, p50
// and p99; then the same per 10 s window; then the answers lost (a step the
// server acknowledged with its redirect whose answers are not in the draft or
// the lead afterwards).
//
//   npm run build && npx tsx bench/intake-load.ts
//   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/intake-load.ts
//   BENCH_THINK_MS=500-1500 npx tsx bench/intake-load.ts          (the stress run)
//   BENCH_PROSPECTS=50 BENCH_SECONDS=20 npx tsx bench/intake-load.ts
// The app listens on BENCH_PORT (3470), the bare server on the next port.
//
// Targets (issue 13): no error, no lost answer, p99 of a step under 300 ms on
// SQLite on a 2-core machine. Exits 1 on an error or a lost answer.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { freshBenchDatabase, percentile, requireBuild, root } from "./lib/server";
import { startIntakeServer as start, stepBody, stopChild as stop } from "./lib/intake-server";
import type { RawAnswers, StepId } from "~/domain/intake/definition";

const PROSPECTS = Number(process.env.BENCH_PROSPECTS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const [THINK_MIN, THINK_MAX] = (process.env.BENCH_THINK_MS ?? "5000-15000").split("-").map(Number) as [number, number];
const PORT = Number(process.env.BENCH_PORT ?? 3470);
const pgServer = process.env.BENCH_POSTGRES_URL;
const kind = pgServer ? "PostgreSQL" : "SQLite";

requireBuild();
const { complete } = await import("~/domain/intake/fixtures");

interface Walk {
  email: string;
  cookie: string;
  acked: StepId[];
  token: string | null;
}

interface Run {
  latencies: Map<string, number[]>;
  errors: Map<string, number>;
  errorSamples: string[];
  walks: Walk[];
  /** Every request's start (ms since the run began) and latency, for the windows printed at the end. */
  timeline: Array<[number, number]>;
  began: number;
}

/** Where a prospect's first walk starts: a draft already holding the steps before `step`. */
interface Seed {
  email: string;
  cookie: string;
  step: StepId;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One prospect after another on this connection slot, until the deadline; the first one from `seed` when given. */
async function prospect(slot: number, base: string, deadline: number, run: Run, think: [number, number], seed: Seed | null): Promise<void> {
  const record = (name: string, ms: number) => {
    const list = run.latencies.get(name) ?? [];
    list.push(ms);
    run.latencies.set(name, list);
    run.timeline.push([performance.now() - ms - run.began, ms]);
  };
  const fail = (name: string, why: string) => {
    run.errors.set(name, (run.errors.get(name) ?? 0) + 1);
    if (run.errorSamples.length < 10) run.errorSamples.push(`${name}: ${why}`);
  };
  // Start times spread over the first think time, as people arrive.
  await sleep(Math.random() * think[1]);
  for (let n = 0; Date.now() < deadline; n++) {
    const start = n === 0 ? seed : null;
    const email = start?.email ?? `p${slot}-${n}@load.example`;
    const answers: RawAnswers = { ...complete, about: { ...complete.about, email } };
    const walk: Walk = { email, cookie: start?.cookie ?? "", acked: [], token: null };
    run.walks.push(walk);
    let step: StepId = start?.step ?? "about";
    while (Date.now() < deadline) {
      let t0 = performance.now();
      try {
        const page = await fetch(`${base}/it/intake/${step}`, { headers: walk.cookie ? { Cookie: walk.cookie } : {}, redirect: "manual" });
        await page.arrayBuffer();
        record(`page ${step}`, performance.now() - t0);
        if (page.status !== 200) {
          fail(`page ${step}`, `status ${page.status}`);
          return;
        }
      } catch (error) {
        fail(`page ${step}`, String(error));
        return;
      }
      await sleep(think[0] + Math.random() * (think[1] - think[0]));
      t0 = performance.now();
      let location: string;
      try {
        const response = await fetch(`${base}/it/intake/${step}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", ...(walk.cookie ? { Cookie: walk.cookie } : {}) },
          body: stepBody(step, answers),
          redirect: "manual",
        });
        await response.arrayBuffer();
        record(`post ${step}`, performance.now() - t0);
        location = response.headers.get("Location") ?? "";
        const setCookie = response.headers.getSetCookie().find((c) => c.startsWith("sb_intake="));
        if (setCookie && step === "about") walk.cookie = setCookie.split(";")[0]!;
        if (response.status !== 302) {
          fail(`post ${step}`, `status ${response.status}`);
          return;
        }
      } catch (error) {
        fail(`post ${step}`, String(error));
        return;
      }
      const submitted = /^\/it\/p\/([\w-]{22})\?received=1$/.exec(location);
      const next = /^\/it\/intake\/(\w+)$/.exec(location);
      if (step === "review" && submitted) {
        walk.acked.push(step);
        walk.token = submitted[1]!;
        break;
      }
      if (!next || next[1] === step) {
        fail(`post ${step}`, `redirected to ${location}`);
        return;
      }
      walk.acked.push(step);
      step = next[1] as StepId;
    }
  }
}

/** Acknowledged steps whose answers are not in the database: in the lead once submitted, in the draft before. */
async function lostAnswers(url: string, walks: Walk[]): Promise<{ lost: number; samples: string[] }> {
  process.env.DATABASE_URL = url;
  (await import("~/utils/env.server")).resetEnvForTests();
  const { prisma, disconnectDb } = await import("~/utils/db.server");
  const { findDraftByBrowserKey } = await import("~/models/intake-draft.server");
  const { intakeCookie } = await import("~/utils/intake-cookie.server");
  let lost = 0;
  const samples: string[] = [];
  const miss = (why: string) => {
    lost++;
    if (samples.length < 10) samples.push(why);
  };
  const leads = new Map((await prisma.lead.findMany({ select: { token: true, email: true } })).map((l) => [l.token, l]));
  for (const walk of walks) {
    if (walk.acked.length === 0) continue;
    if (walk.token) {
      const lead = leads.get(walk.token);
      if (!lead || lead.email !== walk.email) miss(`${walk.email}: submitted, no lead`);
      continue;
    }
    const key: unknown = await intakeCookie.parse(walk.cookie);
    const draft = typeof key === "string" ? await findDraftByBrowserKey(key) : null;
    if (!draft) {
      miss(`${walk.email}: ${walk.acked.length} steps acknowledged, no draft`);
      continue;
    }
    for (const step of walk.acked) if (!draft.answers[step]) miss(`${walk.email}: step ${step} acknowledged, not in the draft`);
    if (draft.answers.about?.email !== walk.email) miss(`${walk.email}: the draft holds another email`);
  }
  // The next run's check makes a new client on its own database.
  await disconnectDb();
  return { lost, samples };
}

/**
 * The steady state's drafts, written before the server starts: prospect n's
 * first walk starts at visible step n mod 9, its draft holding the answers of
 * the steps before (prospects at the first step have no draft yet).
 */
async function seedWalks(url: string): Promise<Array<Seed | null>> {
  process.env.DATABASE_URL = url;
  (await import("~/utils/env.server")).resetEnvForTests();
  const { disconnectDb } = await import("~/utils/db.server");
  const { createDraft, saveStep } = await import("~/models/intake-draft.server");
  const { visibleSteps } = await import("~/domain/intake/definition");
  const { intakeCookie } = await import("~/utils/intake-cookie.server");
  const seeds: Array<Seed | null> = [];
  for (let slot = 0; slot < PROSPECTS; slot++) {
    const email = `p${slot}-0@load.example`;
    const answers: RawAnswers = { ...complete, about: { ...complete.about, email } };
    const steps = visibleSteps(answers);
    const at = slot % steps.length;
    if (at === 0) {
      seeds.push(null);
      continue;
    }
    const { draft, browserKey } = await createDraft("it");
    let saved = draft.answers;
    for (let i = 0; i < at; i++) saved = await saveStep(draft.id, saved, steps[i]!, answers[steps[i]!] ?? {}, steps[i + 1]!);
    const cookie = (await intakeCookie.serialize(browserKey)).split(";")[0]!;
    seeds.push({ email, cookie, step: steps[at]! });
  }
  await disconnectDb();
  return seeds;
}

async function measure(name: string, command: string[], port: number, env: Record<string, string> = {}) {
  const db = await freshBenchDatabase(name);
  const seeds = await seedWalks(db.url);
  const child = await start(command, port, { DATABASE_URL: db.url, ...env });
  // Warm-up, not counted: a few prospects walk the whole questionnaire with no pause (JIT, caches, the PDF workers' start render).
  const warm: Run = { latencies: new Map(), errors: new Map(), errorSamples: [], walks: [], timeline: [], began: performance.now() };
  const warmUntil = Date.now() + 8_000;
  await Promise.all(Array.from({ length: 4 }, (_, slot) => prospect(10_000 + slot, `http://127.0.0.1:${port}`, warmUntil, warm, [0, 50], null)));
  const began = performance.now();
  const run: Run = { latencies: new Map(), errors: new Map(), errorSamples: [], walks: [], timeline: [], began };
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: PROSPECTS }, (_, slot) => prospect(slot, `http://127.0.0.1:${port}`, deadline, run, [THINK_MIN, THINK_MAX], seeds[slot] ?? null)));
  const seconds = (performance.now() - began) / 1000;
  await stop(child);
  const { lost, samples } = await lostAnswers(db.url, run.walks);
  await db.drop();
  return { name, run, seconds, lost, lostSamples: samples };
}

const order = (label: string) => {
  const [kindOf, step] = label.split(" ") as ["page" | "post", StepId];
  const steps = ["about", "audience", "goals", "channels", "channelDetails", "crisis", "crisisDetails", "roles", "review"];
  return (kindOf === "page" ? 0 : 100) + steps.indexOf(step);
};

console.log(`Questionnaire under load on ${kind}: ${PROSPECTS} prospects for ${SECONDS} s, think time ${THINK_MIN}-${THINK_MAX} ms`);
// BENCH_APP_NODE_ARGS go to the app's node only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" for a profile.
const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
const app = await measure("app", ["node", ...nodeArgs, "build/node/index.js"], PORT, { JOBS_POLL_MS: "1000" });
const bare = await measure("bare", [path.join(root, "node_modules/.bin/tsx"), "bench/bare-intake-server.ts"], PORT + 1);

const summary: Record<string, unknown> = { kind, prospects: PROSPECTS, seconds: SECONDS };
/** A latency in ms for the tables, right-aligned; "-" where there was none. */
const fmt = (v: number) => (Number.isNaN(v) ? "-" : v.toFixed(1)).padStart(8);
console.log("");
console.log("request                 app: n    err   p50 ms   p99 ms  |  bare: n    err   p50 ms   p99 ms");
const labels = [...new Set([...app.run.latencies.keys(), ...bare.run.latencies.keys()])].sort((a, b) => order(a) - order(b));
let worstP99 = 0;
let worstLabel = "";
for (const label of labels) {
  const a = app.run.latencies.get(label) ?? [];
  const b = bare.run.latencies.get(label) ?? [];
  const p99 = percentile(a, 99);
  if (p99 > worstP99) [worstP99, worstLabel] = [p99, label];
  summary[label] = { app: { n: a.length, p50: percentile(a, 50), p99 }, bare: { n: b.length, p50: percentile(b, 50), p99: percentile(b, 99) } };
  console.log(
    `${label.padEnd(22)} ${String(a.length).padStart(6)} ${String(app.run.errors.get(label) ?? 0).padStart(6)} ${fmt(percentile(a, 50))} ${fmt(p99)}  | ${String(b.length).padStart(7)} ${String(bare.run.errors.get(label) ?? 0).padStart(6)} ${fmt(percentile(b, 50))} ${fmt(percentile(b, 99))}`,
  );
}
const total = (r: Run) => [...r.latencies.values()].reduce((s, l) => s + l.length, 0);
const errors = (r: Run) => [...r.errors.values()].reduce((s, n) => s + n, 0);
const submits = (r: Run) => r.walks.filter((w) => w.token).length;
const allApp = [...app.run.latencies.values()].flat();
const allBare = [...bare.run.latencies.values()].flat();
console.log("");
for (const r of [app, bare]) {
  console.log(`${r.name.padEnd(5)} ${total(r.run)} requests (${(total(r.run) / r.seconds).toFixed(0)}/s), ${submits(r.run)} submits, ${errors(r.run)} errors, ${r.lost} answers lost`);
  for (const s of [...r.run.errorSamples, ...r.lostSamples]) console.log(`        ${s}`);
}
// Latency by when the request was sent, in windows of 10 s.
console.log("");
console.log("window (s)   app: n   p50 ms   p99 ms  |  bare: n   p50 ms   p99 ms");
for (let from = 0; from < SECONDS; from += 10) {
  const inWindow = (r: typeof app) => r.run.timeline.filter(([t]) => t >= from * 1000 && t < (from + 10) * 1000).map(([, ms]) => ms);
  const a = inWindow(app);
  const b = inWindow(bare);
  console.log(`${`${from}-${from + 10}`.padEnd(10)} ${String(a.length).padStart(7)} ${fmt(percentile(a, 50))} ${fmt(percentile(a, 99))}  | ${String(b.length).padStart(7)} ${fmt(percentile(b, 50))} ${fmt(percentile(b, 99))}`);
}
console.log("");
console.log(`all requests p99: app ${percentile(allApp, 99).toFixed(1)} ms, bare ${percentile(allBare, 99).toFixed(1)} ms (app/bare ${(percentile(allApp, 99) / percentile(allBare, 99)).toFixed(2)})`);
console.log(`worst p99 of a step's page or post (app): ${worstP99.toFixed(1)} ms (${worstLabel}); target under 300 ms on SQLite: ${worstP99 < 300 ? "met" : "MISSED"}`);
Object.assign(summary, { appErrors: errors(app.run), appLost: app.lost, bareErrors: errors(bare.run), bareLost: bare.lost, worstP99, worstLabel });
writeFileSync(path.join(root, `bench/.tmp/intake-load-${kind.toLowerCase()}.json`), JSON.stringify(summary, null, 2));
if (errors(app.run) > 0 || app.lost > 0 || errors(bare.run) > 0 || bare.lost > 0) process.exit(1);
