// CPU per questionnaire request (issue 13): the server's own CPU time (user +
// system, from /proc/<pid>/stat, so nothing is added to the app to measure it)
// while one client walks the questionnaire step by step, one request at a time
// (each step's page, then its post with the answers, following the redirect),
// BENCH_WALKS (40) times after 5 walks of warm-up that are not counted. Run
// against the production build and, in the same run, against the bare
// node:http handler doing the same database work (bench/bare-intake-server.ts),
// each on a fresh SQLite database. Prints ms of CPU per request and the
// wall-clock time per request for both, and their difference: what Express,
// Remix, the middleware and the page cost per request.
//
//   npm run build && npx tsx bench/intake-cpu.ts
//   BENCH_WALKS=100 npx tsx bench/intake-cpu.ts
//   BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/.tmp/prof" npx tsx bench/intake-cpu.ts   (a profile of the app)
//
// Then the same per step, page and post apart.
//
// Linux only (/proc). The app listens on BENCH_PORT (3490), the bare server on the next port.
// The app's job runner polls every JOBS_POLL_MS (1000) as in production: its
// idle CPU over the run is measured apart and printed, not subtracted.
import { readFileSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { freshBenchDatabase, requireBuild } from "./lib/server";
import { startIntakeServer, stepBody, stopChild } from "./lib/intake-server";
import type { RawAnswers, StepId } from "~/domain/intake/definition";

const WALKS = Number(process.env.BENCH_WALKS ?? 40);
const WARM_WALKS = 5;
const PORT = Number(process.env.BENCH_PORT ?? 3490);

requireBuild();
const { complete } = await import("~/domain/intake/fixtures");

/** The process's CPU time so far, in ms (utime + stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces: count from the closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

// CPU per request kind ("page goals", "post goals"): the server's CPU read before and after each
// request of the measured walks (clock ticks of 10 ms: one request's figure is coarse, the mean over the walks is not).
let byKind = new Map<string, number>();
let servedPid = 0;
const charge = (kind: string, from: number) => {
  if (servedPid) byKind.set(kind, (byKind.get(kind) ?? 0) + cpuMs(servedPid) - from);
};
/** One prospect's walk from the first step to the submit; returns the number of requests sent. */
async function walk(base: string, email: string): Promise<number> {
  const answers: RawAnswers = { ...complete, about: { ...complete.about, email } };
  let cookie = "";
  let step: StepId = "about";
  let requests = 0;
  for (;;) {
    const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
    let c0 = servedPid ? cpuMs(servedPid) : 0;
    const page = await fetch(`${base}/it/intake/${step}`, { headers, redirect: "manual" });
    await page.arrayBuffer();
    charge(`page ${step}`, c0);
    c0 = servedPid ? cpuMs(servedPid) : 0;
    if (page.status !== 200) throw new Error(`page ${step}: status ${page.status}`);
    const post = await fetch(`${base}/it/intake/${step}`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
      body: stepBody(step, answers),
      redirect: "manual",
    });
    await post.arrayBuffer();
    charge(`post ${step}`, c0);
    requests += 2;
    if (post.status !== 302) throw new Error(`post ${step}: status ${post.status}`);
    const setCookie = post.headers.getSetCookie().find((c) => c.startsWith("sb_intake="));
    if (setCookie && step === "about") cookie = setCookie.split(";")[0]!;
    const location = post.headers.get("Location") ?? "";
    if (step === "review") {
      if (!/^\/it\/p\/[\w-]{22}\?received=1$/.test(location)) throw new Error(`review: redirected to ${location}`);
      return requests;
    }
    const next = /^\/it\/intake\/(\w+)$/.exec(location);
    if (!next || next[1] === step) throw new Error(`post ${step}: redirected to ${location}`);
    step = next[1] as StepId;
  }
}

interface Figures {
  name: string;
  requests: number;
  cpuPerRequest: number;
  wallPerRequest: number;
  idleCpuPerSecond: number;
  /** Mean CPU ms of each request kind ("page goals", "post goals"). */
  perKind: Map<string, number>;
}

async function measure(name: string, command: string[], port: number, env: Record<string, string> = {}): Promise<Figures> {
  const db = await freshBenchDatabase(`cpu-${name}`);
  const child: ChildProcess = await startIntakeServer(command, port, { DATABASE_URL: db.url, ...env });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < WARM_WALKS; i++) await walk(base, `warm${i}@cpu.example`);
    const pid = child.pid!;
    // What the process spends doing nothing asked of it (the job runner's polls), once the start's
    // own work (the PDF workers' warm-up render, the warm-up walks' jobs) is over: 1 s samples
    // until one stays under 100 ms (at most 60 s).
    let idleCpuPerSecond = Infinity;
    for (let i = 0; i < 60 && idleCpuPerSecond >= 100; i++) {
      const idleFrom = cpuMs(pid);
      await new Promise((r) => setTimeout(r, 1_000));
      idleCpuPerSecond = cpuMs(pid) - idleFrom;
    }
    const cpuFrom = cpuMs(pid);
    servedPid = pid;
    byKind = new Map();
    const t0 = performance.now();
    let requests = 0;
    for (let i = 0; i < WALKS; i++) requests += await walk(base, `p${i}@cpu.example`);
    const wall = performance.now() - t0;
    const cpu = cpuMs(pid) - cpuFrom;
    servedPid = 0;
    const perKind = new Map([...byKind].map(([kind, ms]) => [kind, ms / WALKS]));
    return { name, requests, cpuPerRequest: cpu / requests, wallPerRequest: wall / requests, idleCpuPerSecond, perKind };
  } finally {
    await stopChild(child);
    await db.drop();
  }
}

console.log(`CPU per questionnaire request on SQLite: ${WALKS} walks one request at a time (${WARM_WALKS} warm-up walks not counted)`);
// BENCH_APP_NODE_ARGS go to the app's node only, e.g. "--cpu-prof --cpu-prof-dir=bench/.tmp/prof" for a profile.
const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
const app = await measure("app", ["node", ...nodeArgs, "build/node/index.js"], PORT, { JOBS_POLL_MS: "1000" });
// One process (node with tsx's loader), not the tsx launcher with node as its child: /proc/<pid> is the one serving.
const bare = await measure("bare", ["node", "--import", "tsx", "bench/bare-intake-server.ts"], PORT + 1);

console.log("");
console.log("server  requests  CPU ms/request  wall ms/request  idle CPU ms/s");
for (const f of [app, bare]) {
  console.log(`${f.name.padEnd(6)} ${String(f.requests).padStart(9)} ${f.cpuPerRequest.toFixed(2).padStart(15)} ${f.wallPerRequest.toFixed(2).padStart(16)} ${f.idleCpuPerSecond.toFixed(1).padStart(14)}`);
}
console.log(`app - bare: ${(app.cpuPerRequest - bare.cpuPerRequest).toFixed(2)} ms of CPU per request (app/bare ${(app.cpuPerRequest / bare.cpuPerRequest).toFixed(2)})`);
console.log("");
console.log("CPU ms per request by step    app page   app post  |  bare page  bare post");
for (const kind of [...app.perKind.keys()].filter((k) => k.startsWith("page ")).map((k) => k.slice(5))) {
  const cell = (f: Figures, which: string) => (f.perKind.get(`${which} ${kind}`) ?? NaN).toFixed(1).padStart(10);
  console.log(`${kind.padEnd(28)} ${cell(app, "page")} ${cell(app, "post")}  | ${cell(bare, "page")} ${cell(bare, "post")}`);
}
