// The job engine on PostgreSQL: pg-boss 10 (the last line that runs on Node 20),
// a maintained queue built on PostgreSQL: jobs are claimed with FOR UPDATE SKIP
// LOCKED (two instances never take the same job), retried with exponential
// backoff, and a job whose worker died is expired after its lease
// (`expireInSeconds`) by pg-boss's maintenance and retried. Its tables live in
// their own schema ("pgboss", created and migrated by pg-boss at start).
//
// Transactional enqueue: `send(…, { db })` runs pg-boss's INSERT through an
// executor we back with the Prisma interactive transaction, so the job commits
// or rolls back with the write that caused it. Once per key: the job id is a
// UUID derived from the key, and pg-boss inserts with ON CONFLICT DO NOTHING.
import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import { getEnv } from "~/utils/env.server";
import { prisma } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { BACKOFF_BASE_SECONDS, jobKinds, MAX_ATTEMPTS, publicError, type FailedJob, type JobEngine, type JobHandler, type JobKind, type RunnerOptions, type Tx } from "./jobs.server";

interface Envelope {
  key: string;
  payload: unknown;
}

/** A v4-shaped UUID from the job key: the same key always gives the same id. */
export function jobIdFromKey(key: string): string {
  const h = createHash("sha256").update(key).digest("hex");
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const executor = (tx: Tx) => ({
  executeSql: async (text: string, values: unknown[] = []) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }),
});

let booting: { options: RunnerOptions; boss: Promise<PgBoss> } | undefined;

function bossFor(options: RunnerOptions): Promise<PgBoss> {
  if (booting) return booting.boss;
  const boss = new PgBoss({
    connectionString: getEnv().DATABASE_URL,
    max: 4,
    application_name: "socialbrief-jobs",
    // Expired leases (a worker that died) are looked for this often.
    maintenanceIntervalSeconds: Math.max(1, Math.min(120, options.leaseSeconds)),
    schedule: false,
  });
  boss.on("error", (error) => logger.error({ err: error }, "pg-boss error"));
  const ready = (async () => {
    await boss.start();
    for (const kind of jobKinds) {
      if (await boss.getQueue(kind)) continue;
      await boss.createQueue(kind, { name: kind, retryLimit: MAX_ATTEMPTS - 1, retryDelay: BACKOFF_BASE_SECONDS, retryBackoff: true, expireInSeconds: options.leaseSeconds }).catch(async (error: unknown) => {
        // Another instance created it meanwhile.
        if (!(await boss.getQueue(kind))) throw error;
      });
    }
    return boss;
  })();
  booting = { options, boss: ready };
  ready.catch(() => (booting = undefined));
  return ready;
}

async function runOne(boss: PgBoss, kind: JobKind, job: PgBoss.Job<Envelope>, handle: JobHandler): Promise<void> {
  try {
    await handle({ kind, key: job.data.key, payload: job.data.payload });
    await boss.complete(kind, job.id);
  } catch (error) {
    logger.error({ err: error, jobId: job.id, kind }, "job failed: pg-boss retries it until its retry limit");
    await boss.fail(kind, job.id, { message: publicError(error) });
  }
}

let defaults: RunnerOptions = { pollMs: 1000, leaseSeconds: 120 };
const workers: string[] = [];

export const pgBossEngine: JobEngine = {
  async enqueue(tx, job) {
    const boss = await bossFor(defaults);
    await boss.send(job.kind, { key: job.key, payload: job.payload } satisfies Envelope, { db: executor(tx), id: jobIdFromKey(job.key) });
  },

  async start(handle, options) {
    defaults = options;
    const boss = await bossFor(options);
    // pg-boss waits the polling interval after every fetch, whatever it found: jobs are
    // fetched 20 at a time, each completed or failed on its own (a failure retries that job only).
    for (const kind of jobKinds) {
      workers.push(
        await boss.work<Envelope>(kind, { pollingIntervalSeconds: Math.max(0.5, options.pollMs / 1000), batchSize: 20 }, async (jobs) => {
          for (const job of jobs) await runOne(boss, kind, job, handle);
        }),
      );
    }
  },

  async stop() {
    const current = booting;
    booting = undefined;
    workers.length = 0;
    if (current) await (await current.boss).stop({ graceful: true, timeout: 20_000, wait: true });
  },

  async runDue(handle, options) {
    defaults = options;
    const boss = await bossFor(options);
    let total = 0;
    for (let ran = -1; ran !== 0; ) {
      ran = 0;
      for (const kind of jobKinds) {
        const jobs = await boss.fetch<Envelope>(kind, { batchSize: 10 });
        for (const job of jobs) await runOne(boss, kind, job, handle);
        ran += jobs.length;
      }
      total += ran;
    }
    return total;
  },

  async listFailed(): Promise<FailedJob[]> {
    await bossFor(defaults);
    const rows = await prisma.$queryRawUnsafe<Array<{ id: string; name: string; state: string; retry_count: number; retry_limit: number; output: unknown; start_after: Date }>>(
      `SELECT id::text AS id, name, state, retry_count, retry_limit, output, start_after FROM pgboss.job
       WHERE state IN ('failed', 'retry') ORDER BY created_on DESC LIMIT 100`,
    );
    // "retry" is a job that failed and waits (retry_count counts the runs before the last one); "failed" is dead.
    return rows.map((r) => {
      const output = r.output as { message?: unknown; value?: { message?: unknown } } | null;
      const message = output?.message ?? output?.value?.message;
      const dead = r.state === "failed";
      return { id: r.id, kind: r.name, attempts: r.retry_count + 1, maxAttempts: r.retry_limit + 1, status: dead ? "dead" : "retrying", lastError: typeof message === "string" ? publicError(message) : null, nextRunAt: dead ? null : r.start_after };
    });
  },

  async retry(id) {
    const boss = await bossFor(defaults);
    const rows = await prisma.$queryRawUnsafe<Array<{ name: string; state: string }>>(`SELECT name, state FROM pgboss.job WHERE id = $1::uuid`, id).catch(() => []);
    const job = rows[0];
    if (!job || !jobKinds.includes(job.name as JobKind)) return false;
    if (job.state === "failed") {
      await boss.retry(job.name, id);
      return true;
    }
    if (job.state !== "retry") return false;
    await prisma.$executeRawUnsafe(`UPDATE pgboss.job SET start_after = now() WHERE id = $1::uuid AND state = 'retry'`, id);
    return true;
  },
};
