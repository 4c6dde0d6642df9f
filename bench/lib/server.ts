// Starts the production server (build/ must exist) on a fresh SQLite database
// for a bench, and stops it. Shared by the bench scripts.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const root = path.resolve(import.meta.dirname, "../..");

export function freshDatabase(name: string): string {
  const file = path.join(root, "bench/.tmp", `${name}.db`);
  mkdirSync(path.dirname(file), { recursive: true });
  for (const ext of ["", "-wal", "-shm"]) rmSync(file + ext, { force: true });
  return `file:${file}`;
}

/**
 * A fresh, migrated database for a bench: a SQLite file under bench/.tmp, or with
 * BENCH_POSTGRES_URL a new database on that server; `drop` removes it.
 */
export async function freshBenchDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  let url = freshDatabase(name);
  let drop = async () => {};
  const server = process.env.BENCH_POSTGRES_URL;
  if (server) {
    const db = `socialbrief_bench_${name.replace(/\W/g, "_")}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${db}"`);
    const u = new URL(server);
    u.pathname = `/${db}`;
    url = u.toString();
    drop = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      await admin.end();
    };
  }
  execFileSync(`${root}/node_modules/.bin/tsx`, ["scripts/migrate.ts", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  return { url, drop };
}

export function requireBuild(): void {
  if (["build/server/index.js", "build/pdf-worker/render-worker.js", "build/node/index.js"].some((file) => !existsSync(path.join(root, file)))) {
    console.error("No production build: run `npm run build` first.");
    process.exit(1);
  }
}

export async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn("node", ["build/node/index.js"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), APP_URL: `http://localhost:${port}`, LOG_LEVEL: "silent", RATE_LIMIT_POST: "100000", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`http://localhost:${port}/healthz`)).ok) return child;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}
