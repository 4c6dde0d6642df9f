// Scheduled tasks that run once per period of their schedule however many app
// instances run: every instance ticks (server/index.ts), and each tick first
// inserts the ScheduledRun row of (name, slot). The primary key on that pair
// lets one insert succeed; that instance runs the task, the others get a unique
// violation and skip. The row then records when the run finished, or why it
// failed. An instance that dies mid-run leaves the row unfinished: that slot is
// not run again, the next one is (fine for purges, which catch up next hour).
import { hostname } from "node:os";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { publicError } from "./jobs.server";

/** ScheduledRun rows are kept this long (what ran where, and what failed), then purged. */
const KEEP_RUNS_DAYS = 30;

const instance = `${hostname()}:${process.pid}`;

export type ScheduledOutcome<T> =
  | { status: "ran"; value: T }
  /** Another instance has this slot (it is running it or has run it). */
  | { status: "skipped" }
  /** The task threw (recorded on the row), or its row could not be written. */
  | { status: "failed"; error: unknown };

/** The slot of an hourly task: the UTC hour of `now`, e.g. "2026-12-01T18". */
export function hourSlot(now: Date): string {
  return now.toISOString().slice(0, 13);
}

/**
 * Runs `fn` if this instance is the first to claim (name, slot); never throws,
 * so a failing task cannot break the tick that called it.
 */
export async function runScheduled<T>(name: string, slot: string, fn: () => Promise<T>, now: Date = new Date()): Promise<ScheduledOutcome<T>> {
  try {
    await prisma.scheduledRun.create({ data: { name, slot, startedAt: now, instance }, select: { name: true } });
  } catch (error) {
    if (isUniqueViolation(error)) {
      logger.debug({ name, slot }, "scheduled task: another instance has this slot, skipped");
      return { status: "skipped" };
    }
    return { status: "failed", error };
  }
  let outcome: ScheduledOutcome<T>;
  try {
    outcome = { status: "ran", value: await fn() };
  } catch (error) {
    outcome = { status: "failed", error };
  }
  const finished = { finishedAt: new Date(), error: outcome.status === "failed" ? publicError(outcome.error) : null };
  await prisma.scheduledRun
    .update({ where: { name_slot: { name, slot } }, data: finished, select: { name: true } })
    .catch((error: unknown) => logger.error({ err: error, name, slot }, "scheduled task: could not record how its run ended"));
  return outcome;
}

/** Deletes runs started more than KEEP_RUNS_DAYS before `now`; resolves with how many. */
export async function purgeScheduledRuns(now: Date = new Date()): Promise<number> {
  const { count } = await prisma.scheduledRun.deleteMany({ where: { startedAt: { lt: new Date(now.getTime() - KEEP_RUNS_DAYS * 24 * 60 * 60 * 1000) } } });
  return count;
}
