// Enqueueing, for the models that cause side effects (no handler code here:
// the runner, runner.server.ts, imports the models, not the other way round).
import { jobEngine } from "./engine.server";
import type { NewJob, Tx } from "./jobs.server";

/**
 * Writes the job in the caller's transaction: it exists iff that transaction
 * commits. The same key is never enqueued twice (the default key is the kind
 * and payload, so pass one that names the cause, e.g. "intake_received:<leadId>").
 */
export async function enqueue(tx: Tx, job: NewJob): Promise<void> {
  await jobEngine().enqueue(tx, { ...job, key: job.key ?? `${job.kind}:${JSON.stringify(job.payload)}` });
}
