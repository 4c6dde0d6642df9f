// Which engine this process uses: pg-boss on PostgreSQL, the Job table on SQLite.
import { getEnv } from "~/utils/env.server";
import type { JobEngine, RunnerOptions } from "./jobs.server";
import { pgBossEngine } from "./pgboss-engine.server";
import { tableEngine } from "./table-engine.server";

export function jobEngine(): JobEngine {
  return getEnv().DATABASE_URL.startsWith("file:") ? tableEngine : pgBossEngine;
}

export function runnerOptions(): RunnerOptions {
  const env = getEnv();
  return { pollMs: env.JOBS_POLL_MS, leaseSeconds: env.JOBS_LEASE_SECONDS };
}
