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
import { BACKOFF_BASE_SECONDS, jobKinds, MAX_ATTEMPTS, publicError, type FailedJob, type JobEngine, type JobHandler, type JobKind, type Tx } from "./jobs.server";

interface Envelope {
  key: string;
  payload: unknown;
}

/** A v4-shaped UUID from the job key: the same key always gives the same id. */
function jobIdFromKey(key: string): string {
  const h = createHash("sha256").update(key).digest("hex");
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const executor = (tx: Tx) => ({
  executeSql: async (text: string, values: unknown[] = []) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }),
});

let booting: Promise<PgBoss> | undefined;

/** Retries, backoff and lease of every job, given at send (the queue's own settings stay those of its creation). */
function jobOptions() {
  return { retryLimit: MAX_ATTEMPTS - 1, retryDelay: BACKOFF_BASE_SECONDS, retryBackoff: true, expireInSeconds: getEnv().JOBS_LEASE_SECONDS };
}

function boss(): Promise<PgBoss> {
  if (booting) return booting;
  const leaseSeconds = getEnv().JOBS_LEASE_SECONDS;
  const instance = new PgBoss({
    connectionString: getEnv().DATABASE_URL,
    max: 4,
    application_name: "socialbrief-jobs",
    // Expired leases (a worker that died) are looked for this often.
    maintenanceIntervalSeconds: Math.max(1, Math.min(120, leaseSeconds)),
    schedule: false,
  });
  instance.on("error", (error) => logger.error({ err: error }, "pg-boss error"));
  const ready = (async () => {
    await instance.start();
    for (const kind of jobKinds) {
      if (await instance.getQueue(kind)) continue;
      await instance.createQueue(kind, { name: kind, ...jobOptions() }).catch(async (error: unknown) => {
        // Another instance created it meanwhile.
        if (!(await instance.getQueue(kind))) throw error;
      });
    }
    return instance;
  })();
  booting = ready;
  ready.catch(() => (booting = undefined));
  return ready;
}

async function runOne(queue: PgBoss, kind: JobKind, job: PgBoss.Job<Envelope>, handle: JobHandler): Promise<void> {
  try {
    await handle({ kind, key: job.data.key, payload: job.data.payload });
    await queue.complete(kind, job.id);
  } catch (error) {
    logger.error({ err: error, jobId: job.id, kind }, "job failed: pg-boss retries it until its retry limit");
    await queue.fail(kind, job.id, { message: publicError(error) });
  }
}


export const pgBossEngine: JobEngine = {
  async enqueue(tx, job) {
    await (await boss()).send(job.kind, { key: job.key, payload: job.payload } satisfies Envelope, { ...jobOptions(), db: executor(tx), id: jobIdFromKey(job.key) });
  },

  async start(handle, options) {
    const queue = await boss();
    // pg-boss waits the polling interval after every fetch, whatever it found: jobs are
    // fetched 20 at a time, each completed or failed on its own (a failure retries that job only).
    for (const kind of jobKinds) {
      await queue.work<Envelope>(kind, { pollingIntervalSeconds: Math.max(0.5, options.pollMs / 1000), batchSize: 20 }, async (jobs) => {
        for (const job of jobs) await runOne(queue, kind, job, handle);
      });
    }
  },

  async stop() {
    const current = booting;
    booting = undefined;
    if (current) await (await current).stop({ graceful: true, timeout: 20_000, wait: true });
  },

  async runDue(handle) {
    const queue = await boss();
    let total = 0;
    for (let ran = -1; ran !== 0; ) {
      ran = 0;
      for (const kind of jobKinds) {
        const jobs = await queue.fetch<Envelope>(kind, { batchSize: 10 });
        for (const job of jobs) await runOne(queue, kind, job, handle);
        ran += jobs.length;
      }
      total += ran;
    }
    return total;
  },

  async listFailed(): Promise<FailedJob[]> {
    await boss(); // its schema exists once it has started
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
    const queue = await boss();
    const rows = await prisma.$queryRawUnsafe<Array<{ name: string; state: string }>>(`SELECT name, state FROM pgboss.job WHERE id = $1::uuid`, id).catch(() => []);
    const job = rows[0];
    if (!job || !jobKinds.includes(job.name as JobKind)) return false;
    if (job.state === "failed") {
      await queue.retry(job.name, id);
      return true;
    }
    if (job.state !== "retry") return false;
    await prisma.$executeRawUnsafe(`UPDATE pgboss.job SET start_after = now() WHERE id = $1::uuid AND state = 'retry'`, id);
    return true;
  },

  // pg-boss archives and deletes finished jobs itself (its maintenance).
  async purgeDone() {
    return 0;
  },
};
