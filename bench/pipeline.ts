// The lead pipeline at 10,000 leads, on the production build over loopback:
// median and p95 of the filtered pipeline page (the whole HTML document, as
// a browser asks for it, signed in) for realistic views, beside two baselines
// measured in the same run: /healthz (the server and one database round trip)
// and the unfiltered first page. The budget is 100 ms median per view.
//
//   npm run build && npx tsx bench/pipeline.ts
//   BENCH_REQUESTS=500 BENCH_LEADS=20000 npx tsx bench/pipeline.ts
//
// Requests go one at a time (one person at a time works a pipeline), after a
// warm-up. The exit code is 1 when a view's median is over the budget.
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { freshDatabase, percentile, requireBuild, root, startServer, stopServer } from "./lib/server";

const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const warmup = 20;
const budgetMs = 100;
const port = 3420;
const base = `http://localhost:${port}`;

requireBuild();
const DATABASE_URL = freshDatabase("pipeline");
const tsx = `${root}/node_modules/.bin/tsx`;
execFileSync(tsx, ["scripts/migrate.ts", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL }, stdio: "ignore" });
const seedStart = performance.now();
const seeded = JSON.parse(execFileSync(tsx, ["bench/seed-pipeline.ts"], { cwd: root, env: { ...process.env, DATABASE_URL, LOG_LEVEL: "silent" } }).toString().trim()) as Record<string, number>;
const seedMs = performance.now() - seedStart;
const server = await startServer(port, { DATABASE_URL });

async function logIn(): Promise<string> {
  const response = await fetch(`${base}/it/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email: "owner@bench.example", password: "bench-owner-password", redirectTo: "" }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`login answered ${response.status}`);
  return cookie;
}

interface View {
  name: string;
  path: string;
  /** Checked once: the page shows what it should. */
  expect?: RegExp;
  budget?: boolean;
  /** Asked without the session cookie. */
  anonymous?: boolean;
}

// Dates relative to today, so the seeded two years always match.
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const views: View[] = [
  { name: "baseline: /healthz", path: "/healthz", budget: false },
  { name: "baseline: login page (shell only)", path: "/it/login", budget: false, anonymous: true },
  { name: "baseline: unfiltered, page 1", path: "/it/owner", expect: /10\.000 contatti/ },
  { name: "status+sector+search", path: "/it/owner?status=new&sector=hospitality&q=hotel", expect: /contatt/ },
  { name: "status+sector+search, by name, p3", path: "/it/owner?status=proposal_sent&sector=food&q=ri&sort=name&page=3", expect: /Pagina 3 di/ },
  { name: "channel+goal+budget, by status, p3", path: "/it/owner?channel=instagram&goal=leads&budget=b1000_2500&sort=status&page=3", expect: /Pagina 3 di/ },
  { name: "crisis+dates, oldest first, p3", path: `/it/owner?crisis=yes&from=${day(-365)}&to=${day(0)}&sort=received_asc&page=3`, expect: /Pagina 3 di/ },
  { name: "search only (every row), p3", path: "/it/owner?q=rossi&page=3", expect: /Pagina 3 di/ },
  { name: "assigned to me, status", path: "/it/owner?assignee=me&status=reviewing", expect: /contatt/ },
  { name: "deep page: by name, p300", path: "/it/owner?sort=name&page=300", expect: /Pagina 300 di 400/ },
  { name: "in progress (drafts)", path: "/it/owner?status=in_progress", expect: /questionari in corso/ },
  { name: "client navigation (JSON), p3", path: "/it/owner?status=new&sector=hospitality&sort=name&page=3&_data=routes%2F%24lang.owner._index" },
  { name: "CSV export, filtered (not budgeted)", path: "/it/owner/leads.csv?sector=hospitality&status=proposal_sent", budget: false },
];

async function timed(path: string, cookie: string): Promise<{ ms: number; status: number; body: string }> {
  const start = performance.now();
  const response = await fetch(`${base}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  const body = await response.text();
  return { ms: performance.now() - start, status: response.status, body };
}

let failed = false;
try {
  const cookie = await logIn();
  const results: Array<{ view: View; median: number; p95: number; bytes: number }> = [];
  for (const view of views) {
    const who = view.anonymous ? "" : cookie;
    const first = await timed(view.path, who);
    if (first.status !== 200) throw new Error(`${view.path} answered ${first.status}`);
    if (view.expect && !view.expect.test(first.body)) throw new Error(`${view.path} does not show ${view.expect}`);
    for (let i = 0; i < warmup; i++) await timed(view.path, who);
    const times: number[] = [];
    for (let i = 0; i < requests; i++) times.push((await timed(view.path, who)).ms);
    results.push({ view, median: percentile(times, 50), p95: percentile(times, 95), bytes: Buffer.byteLength(first.body) });
  }

  const health = results[0]!;
  const unfiltered = results.find((r) => r.view.path === "/it/owner")!;
  console.log(`Lead pipeline, ${seeded.leads} leads (${seeded.goals} ranked goals, ${seeded.channels} channel rows, ${seeded.drafts} drafts), SQLite, production build, loopback`);
  console.log(`${requests} sequential requests per view after ${warmup} warm-up; seeded in ${(seedMs / 1000).toFixed(1)} s`);
  console.log(`Machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" / ")} (other work on the machine inflates every figure, baselines included)`);
  console.log("");
  console.log("view                                      median ms  p95 ms    KB   vs /healthz  vs unfiltered  budget");
  for (const r of results) {
    const over = r.view.budget !== false && r.median > budgetMs;
    if (over) failed = true;
    const verdict = r.view.budget === false ? "—" : over ? "OVER" : "ok";
    console.log(
      `${r.view.name.padEnd(40)} ${r.median.toFixed(1).padStart(9)} ${r.p95.toFixed(1).padStart(7)} ${(r.bytes / 1024).toFixed(0).padStart(5)}  ${`+${(r.median - health.median).toFixed(1)}`.padStart(11)}  ${`${(r.median / unfiltered.median).toFixed(2)}×`.padStart(13)}  ${verdict}`,
    );
  }
  const budgeted = results.filter((r) => r.view.budget !== false && !r.view.name.startsWith("baseline"));
  const worst = budgeted.reduce((a, b) => (b.median > a.median ? b : a));
  console.log("");
  console.log(`Budget ${budgetMs} ms median: ${failed ? "MISSED" : "met"}; slowest filtered view "${worst.view.name}" at ${worst.median.toFixed(1)} ms median, ${worst.p95.toFixed(1)} ms p95.`);
} finally {
  await stopServer(server);
}
process.exit(failed ? 1 : 0);
