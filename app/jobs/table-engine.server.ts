// The job engine on the Job table (SQLite, the embedded default). A runner
// claims a job with a conditional UPDATE (pending and due, or running with an
// expired lease → running, leased to this worker until `lockedUntil`): only one
// claim of a row succeeds, so two runners never run one job at once while its
// lease holds, and a job whose worker was killed is claimed again once its
// lease has run out.
import { randomUUID } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { backoffSeconds, MAX_ATTEMPTS, publicError, type FailedJob, type JobEngine, type JobHandler, type JobKind, type RunnerOptions } from "./jobs.server";

const BATCH = 10;
const workerId = `${process.pid}:${randomUUID().slice(0, 8)}`;

function due(now: Date) {
  return { OR: [{ status: "pending", runAt: { lte: now } }, { status: "running", lockedUntil: { lt: now } }] };
}

/** Claims up to BATCH due jobs for this worker. */
async function claim(leaseSeconds: number) {
  const now = new Date();
  const candidates = await prisma.job.findMany({ where: due(now), orderBy: { runAt: "asc" }, take: BATCH, select: { id: true } });
  const claimed: Array<{ id: string; kind: string; key: string; payload: string; attempts: number; maxAttempts: number }> = [];
  for (const { id } of candidates) {
    const { count } = await prisma.job.updateMany({
      where: { id, ...due(now) },
      data: { status: "running", lockedBy: workerId, lockedUntil: new Date(now.getTime() + leaseSeconds * 1000), attempts: { increment: 1 } },
    });
    if (count !== 1) continue; // another runner got it first
    const job = await prisma.job.findUnique({ where: { id }, select: { id: true, kind: true, key: true, payload: true, attempts: true, maxAttempts: true } });
    if (job) claimed.push(job);
  }
  return claimed;
}

async function runClaimed(handle: JobHandler, job: Awaited<ReturnType<typeof claim>>[number]): Promise<void> {
  const mine = { id: job.id, status: "running", lockedBy: workerId };
  try {
    await handle({ kind: job.kind as JobKind, key: job.key, payload: JSON.parse(job.payload) as unknown });
    await prisma.job.updateMany({ where: mine, data: { status: "done", doneAt: new Date(), lockedUntil: null, lockedBy: null } });
  } catch (error) {
    const dead = job.attempts >= job.maxAttempts;
    const lastError = publicError(error);
    logger.error({ err: error, jobId: job.id, kind: job.kind, attempts: job.attempts, dead }, dead ? "job failed for the last time: dead" : "job failed: retried later");
    await prisma.job.updateMany({
      where: mine,
      data: dead
        ? { status: "dead", lastError, lockedUntil: null, lockedBy: null }
        : { status: "pending", lastError, lockedUntil: null, lockedBy: null, runAt: new Date(Date.now() + backoffSeconds(job.attempts) * 1000) },
    });
  }
}

async function runBatch(handle: JobHandler, options: RunnerOptions): Promise<number> {
  const jobs = await claim(options.leaseSeconds);
  for (const job of jobs) await runClaimed(handle, job);
  return jobs.length;
}

let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;
let stopped = true;

export const tableEngine: JobEngine = {
  async enqueue(tx, job) {
    // Once per key: the existing row is left as it is.
    await tx.job.upsert({
      where: { key: job.key },
      create: { kind: job.kind, key: job.key, payload: JSON.stringify(job.payload), maxAttempts: MAX_ATTEMPTS },
      update: {},
      select: { id: true },
    });
  },

  async start(handle, options) {
    if (!stopped) return;
    stopped = false;
    const tick = async () => {
      let ran = 0;
      try {
        ran = await runBatch(handle, options);
      } catch (error) {
        logger.error({ err: error }, "job runner: could not claim jobs");
      }
      if (!stopped) timer = setTimeout(() => (running = tick()), ran === BATCH ? 0 : options.pollMs);
    };
    running = tick();
  },

  async stop() {
    stopped = true;
    clearTimeout(timer);
    await running;
  },

  async runDue(handle, options) {
    let total = 0;
    for (let ran = await runBatch(handle, options); ran > 0; ran = await runBatch(handle, options)) total += ran;
    return total;
  },

  async listFailed(): Promise<FailedJob[]> {
    const rows = await prisma.job.findMany({
      where: { OR: [{ status: "dead" }, { status: { in: ["pending", "running"] }, lastError: { not: null } }] },
      orderBy: { updatedAt: "desc" },
      take: 100,
      select: { id: true, kind: true, attempts: true, maxAttempts: true, status: true, lastError: true, runAt: true },
    });
    return rows.map((r) => ({ id: r.id, kind: r.kind, attempts: r.attempts, maxAttempts: r.maxAttempts, status: r.status === "dead" ? "dead" : "retrying", lastError: r.lastError, nextRunAt: r.status === "dead" ? null : r.runAt }));
  },

  async retry(id) {
    const job = await prisma.job.findUnique({ where: { id }, select: { status: true, attempts: true, lastError: true } });
    if (!job || (job.status !== "dead" && !(job.status === "pending" && job.lastError))) return false;
    // One more attempt now; should it fail too, the job is dead again.
    const { count } = await prisma.job.updateMany({ where: { id, status: job.status }, data: { status: "pending", runAt: new Date(), maxAttempts: Math.max(job.attempts + 1, MAX_ATTEMPTS) } });
    return count === 1;
  },

  async purgeDone(before) {
    const { count } = await prisma.job.deleteMany({ where: { status: "done", doneAt: { lt: before } } });
    return count;
  },
};
