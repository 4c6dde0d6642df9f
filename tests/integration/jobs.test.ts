// Durable jobs (app/jobs), on the engine of the database under test (the Job
// table on SQLite, pg-boss on PostgreSQL): a job exists iff its transaction
// committed, once per key; a failed email is retried with backoff, then dead;
// the owner sees it on /owner/jobs and retries it; a member cannot.
import { afterEach, describe, expect, it } from "vitest";
import { complete } from "~/domain/intake/fixtures";
import { enqueue } from "~/jobs/queue.server";
import { listFailedJobs, purgeFinishedJobs, retryJob } from "~/jobs/runner.server";
import { createDraft } from "~/models/intake-draft.server";
import { sendIntakeReceived, submitIntake } from "~/models/intake-submit.server";
import { upsertOwner } from "~/models/user.server";
import { action as jobsAction, loader as jobsLoader } from "~/routes/$lang.owner.jobs";
import { prisma } from "~/utils/db.server";
import { call, closedPort, get, post, runJobs, staffSession, useSmtp } from "./helpers";

const sqlite = process.env.TEST_DB !== "postgres";

async function submitted(email: string) {
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers: { ...complete, about: { ...complete.about, email } } }, "it");
  if (!outcome.ok) throw new Error("fixture does not submit");
  return prisma.lead.findFirstOrThrow({ where: { token: outcome.token } });
}

afterEach(() => useSmtp(undefined));

const emails = (leadId: string) => prisma.emailMessage.findMany({ where: { leadId }, select: { kind: true, to: true, status: true } });

describe("durable jobs", () => {
  it("exist only if the transaction that wrote them committed, and once per key", async () => {
    await upsertOwner({ email: "owner@jobs.example", name: "Owner", password: "owner-password-123" });
    const lead = await submitted("once@jobs.example");
    // A transaction that rolls back leaves no job behind.
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueue(tx, { kind: "new_lead", key: `new_lead:rolled-back:${lead.id}`, payload: { leadId: lead.id } });
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    // The same key again (a second enqueue of the submit's own job) adds nothing.
    await prisma.$transaction((tx) => enqueue(tx, { kind: "new_lead", key: `new_lead:${lead.id}`, payload: { leadId: lead.id } }));
    expect(await runJobs()).toBe(2);
    expect(await runJobs()).toBe(0);
    expect((await emails(lead.id)).map((e) => `${e.kind} ${e.to}`).sort()).toEqual(["intake_received once@jobs.example", "new_lead owner@jobs.example"]);
  });

  it("two runners at once (two instances) run each job once", async () => {
    await upsertOwner({ email: "owner@jobs.example", name: "Owner", password: "owner-password-123" });
    const leads = [];
    for (let i = 0; i < 6; i++) leads.push(await submitted(`pair-${i}@jobs.example`));
    const [a, b] = await Promise.all([runJobs(), runJobs()]);
    expect(a + b).toBe(12);
    const sent = await prisma.emailMessage.findMany({ where: { kind: { in: ["intake_received", "new_lead"] } }, select: { kind: true, to: true, leadId: true } });
    expect(sent).toHaveLength(12);
    expect(new Set(sent.map((e) => `${e.leadId} ${e.kind} ${e.to}`)).size).toBe(12);
  });

  it("a job run again (after a crash) finds its email and sends nothing more", async () => {
    const lead = await submitted("rerun@jobs.example");
    const payload = { leadId: lead.id, locale: "it" as const, expectedBy: "2026-12-04", autoSend: false };
    await sendIntakeReceived(payload, `intake_received:${lead.id}`);
    await runJobs(); // the same job, run by the runner after the handler already ran
    await sendIntakeReceived(payload, `intake_received:${lead.id}`);
    expect((await emails(lead.id)).filter((e) => e.kind === "intake_received")).toHaveLength(1);
  });

  it("retries an email that cannot be sent, later each time, then stops; the owner sees why and retries it", async () => {
    useSmtp(`smtp://127.0.0.1:${await closedPort()}`);
    const lead = await submitted("retry@jobs.example");
    const before = Date.now();
    expect(await runJobs()).toBe(2); // intake_received and new_lead (no owner: nothing to send, done)
    let [failed] = await listFailedJobs();
    expect(failed).toMatchObject({ kind: "intake_received", attempts: 1, status: "retrying", lastError: "the confirmation email could not be sent (see the outbox)" });
    // Not due again at once: the first retry waits about 10 s.
    expect(failed!.nextRunAt!.getTime()).toBeGreaterThan(before + 5_000);
    expect(await runJobs()).toBe(0);

    // Each "retry now" is one more attempt; after the eighth the job is dead.
    for (let attempt = 2; attempt <= 8; attempt++) {
      expect(await retryJob(failed!.id)).toBe(true);
      expect(await runJobs()).toBe(1);
    }
    [failed] = await listFailedJobs();
    expect(failed).toMatchObject({ kind: "intake_received", attempts: 8, maxAttempts: 8, status: "dead", nextRunAt: null });
    expect(await runJobs()).toBe(0);
    // One failed row all along (each attempt replaces the one before).
    expect(await emails(lead.id)).toEqual([{ kind: "intake_received", to: "retry@jobs.example", status: "failed" }]);

    // The owner's page of failed jobs lists it with the error (no stack, no address of the server) and retries it.
    useSmtp(undefined);
    const owner = await staffSession("owner");
    const page = (await (await call(jobsLoader, get("/it/owner/jobs", { Cookie: owner.cookie }), { lang: "it" })).json()) as { jobs: Array<{ id: string; kind: string; status: string; lastError: string }> };
    expect(page.jobs).toEqual([expect.objectContaining({ id: failed!.id, kind: "intake_received", status: "dead", lastError: "the confirmation email could not be sent (see the outbox)" })]);

    const member = await staffSession("member");
    const forbidden = await call(jobsAction, post("/it/owner/jobs", { intent: "retry-job", jobId: failed!.id }, { Cookie: member.cookie }), { lang: "it" });
    expect(forbidden.status).toBe(403);
    expect((await call(jobsLoader, get("/it/owner/jobs", { Cookie: member.cookie }), { lang: "it" })).status).toBe(403);
    expect((await listFailedJobs())[0]).toMatchObject({ id: failed!.id, status: "dead" });

    const retried = await call(jobsAction, post("/it/owner/jobs", { intent: "retry-job", jobId: failed!.id }, { Cookie: owner.cookie }), { lang: "it" });
    expect(retried.status).toBe(302);
    expect(retried.headers.get("Location")).toBe("/it/owner/jobs?retried=1");
    expect(await runJobs()).toBe(1);
    expect(await emails(lead.id)).toEqual([{ kind: "intake_received", to: "retry@jobs.example", status: "outbox" }]);
    expect(await listFailedJobs()).toEqual([]);

    // Nothing left to retry: the form says so.
    const gone = await call(jobsAction, post("/it/owner/jobs", { intent: "retry-job", jobId: failed!.id }, { Cookie: owner.cookie }), { lang: "it" });
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["email.outbox.jobs.notFound"]);
  });

  it.runIf(sqlite)("a job whose worker died (lease run out) is claimed again; one whose lease holds is not", async () => {
    const lead = await submitted("lease@jobs.example");
    // As a killed worker leaves them: running, one attempt made, one lease over and one not.
    await prisma.job.update({ where: { key: `intake_received:${lead.id}` }, data: { status: "running", attempts: 1, lockedBy: "dead-worker", lockedUntil: new Date(Date.now() - 1000) } });
    await prisma.job.update({ where: { key: `new_lead:${lead.id}` }, data: { status: "running", attempts: 1, lockedBy: "live-worker", lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await runJobs()).toBe(1);
    expect(await prisma.job.findUniqueOrThrow({ where: { key: `intake_received:${lead.id}` }, select: { status: true, attempts: true } })).toEqual({ status: "done", attempts: 2 });
    expect(await prisma.job.findUniqueOrThrow({ where: { key: `new_lead:${lead.id}` }, select: { status: true, lockedBy: true } })).toEqual({ status: "running", lockedBy: "live-worker" });
    expect((await emails(lead.id)).map((e) => e.kind)).toEqual(["intake_received"]);
  });

  it.runIf(sqlite)("done jobs are purged after a week; failed ones stay for the owner", async () => {
    const lead = await submitted("purge@jobs.example");
    await runJobs();
    const week = 7 * 24 * 60 * 60 * 1000;
    await prisma.job.update({ where: { key: `intake_received:${lead.id}` }, data: { doneAt: new Date(Date.now() - week - 60_000) } });
    await prisma.job.create({ data: { kind: "new_lead", key: "new_lead:old-dead", payload: "{}", status: "dead", attempts: 8, updatedAt: new Date(Date.now() - 2 * week) } });
    expect(await purgeFinishedJobs()).toBe(1);
    expect((await prisma.job.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((j) => j.key)).toEqual([`new_lead:${lead.id}`, "new_lead:old-dead"]);
  });
});
