// Scheduled tasks (app/jobs/scheduled.server.ts) run once per slot of their
// schedule however many instances tick: the unit two instances share is the
// ScheduledRun row of (name, slot) in the one database, so two concurrent calls
// here stand for two instances. SQLite and PostgreSQL.
import { describe, expect, it } from "vitest";
import { hourSlot, purgeScheduledRuns, runScheduled } from "~/jobs/scheduled.server";
import { createDraft, purgeExpiredDrafts } from "~/models/intake-draft.server";
import { prisma } from "~/utils/db.server";

const DAY = 24 * 60 * 60 * 1000;

async function expiredDrafts(n: number, now: Date): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { draft } = await createDraft("it");
    await prisma.intakeDraft.update({ where: { id: draft.id }, data: { expiresAt: new Date(now.getTime() - 1000) }, select: { id: true } });
    ids.push(draft.id);
  }
  return ids;
}

describe("scheduled tasks", () => {
  it("name the hour of an hourly task by its UTC hour", () => {
    expect(hourSlot(new Date("2026-12-01T18:59:59.999Z"))).toBe("2026-12-01T18");
    expect(hourSlot(new Date("2026-12-01T19:00:00.000Z"))).toBe("2026-12-01T19");
  });

  it("run once when two instances tick in the same slot, and again in the next slot", async () => {
    const now = new Date("2026-12-01T18:05:00Z");
    await expiredDrafts(3, now);
    let runs = 0;
    const purge = async () => {
      runs++;
      // Still running when the other instance tries its insert.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return purgeExpiredDrafts(now);
    };
    const outcomes = await Promise.all([runScheduled("purge", hourSlot(now), purge, now), runScheduled("purge", hourSlot(now), purge, now)]);
    expect(runs).toBe(1);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["ran", "skipped"]);
    expect(outcomes.find((o) => o.status === "ran")).toEqual({ status: "ran", value: 3 });
    expect(await prisma.intakeDraft.count()).toBe(0);
    const row = await prisma.scheduledRun.findUniqueOrThrow({ where: { name_slot: { name: "purge", slot: "2026-12-01T18" } }, select: { finishedAt: true, error: true, instance: true } });
    expect(row.finishedAt).not.toBeNull();
    expect(row.error).toBeNull();
    expect(row.instance).toMatch(/:\d+$/);

    // A later tick in the same hour (an instance started meanwhile) does nothing.
    expect(await runScheduled("purge", hourSlot(now), purge, now)).toEqual({ status: "skipped" });
    expect(runs).toBe(1);

    // The next hour runs again, once, whoever ticks.
    const later = new Date("2026-12-01T19:05:00Z");
    await expiredDrafts(2, later);
    const purgeLater = async () => {
      runs++;
      return purgeExpiredDrafts(later);
    };
    const next = await Promise.all([runScheduled("purge", hourSlot(later), purgeLater, later), runScheduled("purge", hourSlot(later), purgeLater, later)]);
    expect(runs).toBe(2);
    expect(next.filter((o) => o.status === "ran")).toEqual([{ status: "ran", value: 2 }]);
    // Another task's slot of the same hour is its own.
    expect(await runScheduled("reminders", hourSlot(later), async () => "sent", later)).toEqual({ status: "ran", value: "sent" });
  });

  it("record a failing task's error on its row without throwing out of the tick", async () => {
    const now = new Date("2026-12-01T20:00:00Z");
    const outcome = await runScheduled("purge", hourSlot(now), () => Promise.reject(new Error("database went away\nat stack line")), now);
    expect(outcome.status).toBe("failed");
    const row = await prisma.scheduledRun.findUniqueOrThrow({ where: { name_slot: { name: "purge", slot: "2026-12-01T20" } }, select: { finishedAt: true, error: true } });
    expect(row.error).toBe("database went away");
    expect(row.finishedAt).not.toBeNull();
    // The failed slot is taken: the hour is not retried by the other instances.
    expect(await runScheduled("purge", hourSlot(now), async () => 1, now)).toEqual({ status: "skipped" });
  });

  it("delete runs older than 30 days and keep the others", async () => {
    const now = new Date("2026-12-31T12:00:00Z");
    const old = new Date(now.getTime() - 31 * DAY);
    const recent = new Date(now.getTime() - 29 * DAY);
    await runScheduled("purge", hourSlot(old), async () => 0, old);
    await runScheduled("purge", hourSlot(recent), async () => 0, recent);
    expect(await purgeScheduledRuns(now)).toBe(1);
    expect((await prisma.scheduledRun.findMany({ select: { slot: true } })).map((r) => r.slot)).toEqual([hourSlot(recent)]);
  });
});
