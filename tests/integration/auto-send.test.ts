// The studio's setting "send the generated proposal automatically on submit":
// the final submit freezes and sends version 1 at once (its email, with the
// PDF, is a job); a PDF that cannot be rendered never makes the submit fail or
// loses the email (the job retries it).
import { afterAll, describe, expect, it, vi } from "vitest";
import { complete } from "~/domain/intake/fixtures";
import { defaultOwnerSettings } from "~/domain/strategy/settings";
import { createDraft } from "~/models/intake-draft.server";
import { submitIntake } from "~/models/intake-submit.server";
import { saveOwnerSettings } from "~/models/settings.server";
import { loader as pageLoader } from "~/routes/$lang.p.$token";
import { loader as pdfLoader } from "~/routes/$lang.p.$token.pdf";
import { disconnectDb, prisma } from "~/utils/db.server";
import { jobEngine } from "~/jobs/engine.server";
import type * as PoolModule from "~/pdf/pool.server";
import { call, get, runJobs } from "./helpers";
import { listFailedJobs, retryJob } from "~/jobs/runner.server";

// While set, every PDF render fails (a broken renderer), the rest works as usual.
// Test files may share a process (vitest isolate: false): the modules an earlier
// file loaded are forgotten first, so every import below sees the mocked pool.
const pdfFailure = vi.hoisted(() => (vi.resetModules(), { on: false }));
vi.mock("~/pdf/pool.server", async (importOriginal) => {
  const real = await importOriginal<typeof PoolModule>();
  return { ...real, renderInPool: (...args: Parameters<typeof real.renderInPool>) => (pdfFailure.on ? Promise.reject(new Error("renderer down")) : real.renderInPool(...args)) };
});
// This file's own copies of the modules (the job engine's pg-boss, the database client)
// are bound to its database: they are closed, and forgotten, so the next file in this
// process loads fresh ones (tests/setup-db.ts closes only the copies it imported itself).
afterAll(async () => {
  await jobEngine().stop();
  await disconnectDb();
  vi.resetModules();
});

async function withAutoSend(on: boolean) {
  const owner = await prisma.user.upsert({ where: { email: "owner@auto.example" }, create: { email: "owner@auto.example", name: "Owner", role: "owner", passwordHash: "x" }, update: {} });
  await saveOwnerSettings({ ...defaultOwnerSettings, autoSendOnSubmit: on }, owner.id);
}

const pageOf = async (token: string) => (await (await call(pageLoader, get(`/it/p/${token}`), { lang: "it", token })).json()) as { pending: { expectedBy: string } | null; view: { preparedFor: string } | null };

/** Submits, then runs the jobs the submit wrote (the send and the emails), as the server's runner does. */
async function submit(email: string, { beforeJobs }: { beforeJobs?: (token: string) => Promise<void> } = {}) {
  const answers = { ...complete, about: { ...complete.about, email } };
  const { draft } = await createDraft("it");
  const outcome = await submitIntake({ id: draft.id, answers }, "it");
  if (!outcome.ok) throw new Error("fixture does not submit");
  await beforeJobs?.(outcome.token);
  await runJobs();
  return { draft, answers, lead: await prisma.lead.findFirstOrThrow({ where: { token: outcome.token }, include: { proposal: { include: { versions: true } } } }) };
}

const emailsTo = (to: string) => prisma.emailMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" }, select: { kind: true, subject: true, text: true } });

describe("sending automatically on submit", () => {
  it("is off by default: the submit sends nothing generated", async () => {
    await prisma.settings.deleteMany({});
    const { lead } = await submit("manual@hotel.example");
    expect(lead.proposal?.versions ?? []).toHaveLength(0);
    expect(lead.status).toBe("new");
    expect((await emailsTo("manual@hotel.example")).map((e) => e.kind)).toEqual(["intake_received"]);
  });

  it("when on, freezes and sends version 1 at once: the link and the PDF show it, the confirmation says it is there", async () => {
    await withAutoSend(true);
    // Until the runner has sent it, the link tells the prospect when to expect it.
    const { lead, draft, answers } = await submit("auto@hotel.example", {
      beforeJobs: async (token) => expect((await pageOf(token)).pending?.expectedBy).toMatch(/\d{4}/),
    });
    expect(lead.proposal?.versions.map((v) => ({ number: v.number, sentById: v.sentById }))).toEqual([{ number: 1, sentById: null }]);
    expect(lead.status).toBe("proposal_sent");
    const emails = await emailsTo("auto@hotel.example");
    expect(emails.map((e) => e.kind).sort()).toEqual(["intake_received", "proposal_sent"]);
    const received = emails.find((e) => e.kind === "intake_received")!;
    expect(received.subject).toBe("Abbiamo ricevuto le tue risposte: ecco la tua proposta");
    expect(received.text).toContain("è pronta");
    expect(await prisma.auditLog.count({ where: { leadId: lead.id, action: "proposal.sent" } })).toBe(1);

    const page = await pageOf(lead.token);
    expect(page.pending).toBeNull();
    expect(page.view?.preparedFor).toContain("Elena Riva");
    const pdf = await call(pdfLoader, get(`/it/p/${lead.token}/pdf`), { lang: "it", token: lead.token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");

    // Submitting the same draft again (a second tab, a retry) sends nothing more.
    const again = await submitIntake({ id: draft.id, answers }, "it");
    expect(again).toEqual({ ok: true, token: lead.token });
    expect(await runJobs()).toBe(0);
    expect(await prisma.proposalVersion.count({ where: { proposal: { leadId: lead.id } } })).toBe(1);
    expect(await emailsTo("auto@hotel.example")).toHaveLength(2);
  });

  it("when the PDF cannot be rendered, the submit and the confirmation still go; the proposal email waits in its job and goes out once, PDF attached, when the renderer is back", async () => {
    await withAutoSend(true);
    pdfFailure.on = true;
    let submitted: Awaited<ReturnType<typeof submit>>;
    try {
      submitted = await submit("broken@hotel.example");
    } finally {
      pdfFailure.on = false;
    }
    const { lead } = submitted;
    // Version 1 is sent (its page is there); the email with the PDF is the job that failed.
    expect(lead.status).toBe("proposal_sent");
    expect((await emailsTo("broken@hotel.example")).map((e) => e.kind)).toEqual(["intake_received"]);
    expect(await prisma.emailMessage.count({ where: { kind: "new_lead", leadId: lead.id } })).toBeGreaterThan(0);
    const [failed] = await listFailedJobs();
    expect(failed).toMatchObject({ kind: "proposal_sent", status: "retrying", lastError: "renderer down" });

    expect(await retryJob(failed!.id)).toBe(true);
    expect(await runJobs()).toBe(1);
    const emails = await emailsTo("broken@hotel.example");
    expect(emails.map((e) => e.kind).sort()).toEqual(["intake_received", "proposal_sent"]);
    const sent = await prisma.emailMessage.findFirstOrThrow({ where: { kind: "proposal_sent", leadId: lead.id }, include: { attachments: true } });
    expect(sent.attachments.map((a) => a.contentType)).toEqual(["application/pdf"]);
    expect(await listFailedJobs()).toEqual([]);
    await prisma.settings.deleteMany({});
  });
});
