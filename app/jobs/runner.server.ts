// The job runner of this process: started by server/index.ts, stopped on
// graceful shutdown; tests run due jobs at once with runDueJobs().
import { logger } from "~/utils/logger.server";
import { jobEngine, runnerOptions } from "./engine.server";
import { KEEP_DONE_DAYS, type FailedJob, type JobHandler } from "./jobs.server";
import { handleJob } from "./handlers.server";

const handle: JobHandler = async (job) => {
  const started = performance.now();
  await handleJob(job);
  logger.info({ kind: job.kind, key: job.key, ms: Math.round(performance.now() - started) }, "job done");
};

export async function startJobRunner(): Promise<void> {
  await jobEngine().start(handle, runnerOptions());
}

export async function stopJobRunner(): Promise<void> {
  await jobEngine().stop();
}

/** Runs every job due now (tests, and nothing else): resolves with how many ran. */
export function runDueJobs(): Promise<number> {
  return jobEngine().runDue(handle, runnerOptions());
}

/** The owner's dead-letter view: jobs that failed and are waiting for a retry, or dead. */
export function listFailedJobs(): Promise<FailedJob[]> {
  return jobEngine().listFailed();
}

export function retryJob(id: string): Promise<boolean> {
  return jobEngine().retry(id);
}

/** The hourly purge (server/index.ts): done jobs older than KEEP_DONE_DAYS. */
export function purgeFinishedJobs(now = new Date()): Promise<number> {
  return jobEngine().purgeDone(new Date(now.getTime() - KEEP_DONE_DAYS * 24 * 60 * 60 * 1000));
}
