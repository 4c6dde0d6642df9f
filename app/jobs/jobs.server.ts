// Durable jobs: a side effect that must happen after a write (an email, say) is
// recorded in the SAME transaction as that write (`enqueue(tx, …)`), so the job
// exists if and only if the write committed, and a runner in every app instance
// carries it out: retried with exponential backoff, at most `maxAttempts` times,
// then "dead" until the owner retries it (the outbox page).
//
// One interface, two engines, chosen by DATABASE_URL:
//   - SQLite: the Job table of the same database (table-engine.server.ts),
//     claimed with a conditional UPDATE and a lease.
//   - PostgreSQL: pg-boss 10 (pgboss-engine.server.ts), a maintained queue on
//     PostgreSQL (SKIP LOCKED claiming, retries, expiry), joined to the Prisma
//     transaction through its `db` option.
// Every job runs at least once; a job whose worker died runs again, so a
// handler must be idempotent (emails: EmailMessage.jobKey).
import type { Prisma } from "~/generated/sqlite/client";

/** The Prisma interactive transaction the job is written in. */
export type Tx = Prisma.TransactionClient;

export const jobKinds = [
  "intake_received",
  "new_lead",
  "proposal_sent",
  "acceptance_emails",
  "payment_emails",
  "retainer_payment_failed",
  "renewal_requested",
  "resume_link",
  "invite_email",
  "password_reset_email",
  "login_alert",
] as const;
export type JobKind = (typeof jobKinds)[number];

export interface NewJob {
  kind: JobKind;
  payload: Record<string, unknown>;
  /** Once per key: a second enqueue with the same key is a no-op (e.g. "intake_received:<leadId>"). */
  key?: string;
}

/** A job the runner hands to its handler. */
export interface RunnableJob {
  kind: JobKind;
  key: string;
  payload: unknown;
}

export type JobHandler = (job: RunnableJob) => Promise<void>;

/** A job that failed at least once and is not done: the owner's dead-letter view. */
export interface FailedJob {
  id: string;
  kind: string;
  attempts: number;
  maxAttempts: number;
  status: "retrying" | "dead";
  lastError: string | null;
  /** When it runs again (null when dead). */
  nextRunAt: Date | null;
}

export interface RunnerOptions {
  pollMs: number;
  leaseSeconds: number;
}

export interface JobEngine {
  enqueue(tx: Tx, job: NewJob & { key: string }): Promise<void>;
  start(handle: JobHandler, options: RunnerOptions): Promise<void>;
  stop(): Promise<void>;
  /** Runs every job due now, until none is left; resolves with how many ran. */
  runDue(handle: JobHandler, options: RunnerOptions): Promise<number>;
  listFailed(): Promise<FailedJob[]>;
  /** Runs a failed or dead job again now; false when there is no such job (or it is not failed). */
  retry(id: string): Promise<boolean>;
  /** Deletes jobs done before `before` (their keys have done their work); resolves with how many. */
  purgeDone(before: Date): Promise<number>;
}

/** Done jobs are kept this long (what ran, when), then purged. */
export const KEEP_DONE_DAYS = 7;

export const MAX_ATTEMPTS = 8;
/** The first retry waits this long, each next one twice as long (10 s, 20 s, 40 s … about 21 minutes in all). */
export const BACKOFF_BASE_SECONDS = 10;

export function backoffSeconds(attempts: number): number {
  return Math.min(BACKOFF_BASE_SECONDS * 2 ** Math.max(0, attempts - 1), 3600);
}

/** What a failure says to the owner: the message's first line, without a stack, with credentials in URLs masked. */
export function publicError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split("\n")[0] ?? "";
  return line.replace(/\/\/[^/@\s]+@/g, "//***@").slice(0, 300) || "unknown error";
}
