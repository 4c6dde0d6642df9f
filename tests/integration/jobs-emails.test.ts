// Every email that follows a write is a job written in that write's
// transaction (app/jobs), on the engine of the database under test: nothing
// leaves during the request, the runner sends each once, a mail server that
// refuses makes the job retry until it goes (one message in the end), and a
// re-run after a crash sends nothing more. Sends at once (double click, two
// tabs, two instances) give one version and one email.
import { afterEach, describe, expect, it } from "vitest";
import { handleJob } from "~/jobs/handlers.server";
import { listFailedJobs, retryJob } from "~/jobs/runner.server";
import { attemptLogin, createInvite, requestPasswordReset } from "~/models/account.server";
import { createDraft, saveStep } from "~/models/intake-draft.server";
import { requestResumeLink } from "~/models/intake-submit.server";
import { recordManualPayment } from "~/models/payments.server";
import { remindDraft } from "~/models/pipeline.server";
import { sendProposal } from "~/models/proposal-versions.server";
import { action as acceptAction } from "~/routes/$lang.p.$token_.accept";
import { prisma } from "~/utils/db.server";
import { businessAcceptance, call, closedPort, post, runJobs, staffSession, submittedLead, useSmtp } from "./helpers";

afterEach(() => useSmtp(undefined));

/**
 * One of every write that emails: a proposal sent (link only: this is not about
 * the PDF), accepted, paid by transfer; a team invitation, a password reset, a
 * sign-in alert, a resume link asked for twice at once and a reminder.
 */
async function everyEmailingWrite() {
  const { user: owner } = await staffSession("owner");
  const lead = await submittedLead("client@jobs-emails.example"); // its own jobs (confirmation, new lead) run here
  const { version } = await sendProposal(lead.id, owner.id, new Date(), 0, { attachPdf: false });
  const accepted = await call(acceptAction, post(`/it/p/${lead.token}/accept`, { versionHash: version.snapshotHash, ...businessAcceptance }, { "User-Agent": "vitest" }), { lang: "it", token: lead.token });
  expect(accepted.status).toBe(302);
  const acceptance = await prisma.acceptance.findFirstOrThrow({ where: { leadId: lead.id } });
  await recordManualPayment({ leadId: lead.id, actorId: owner.id, actorRole: "owner", amountCents: acceptance.onboardingCents, paidOn: new Date(), note: "Bonifico" });
  await createInvite({ email: "new.member@jobs-emails.example", name: "Nuovo Membro", role: "member", invitedBy: { id: owner.id, name: "Olga" }, locale: "it" });
  await requestPasswordReset({ email: owner.email });
  for (let i = 0; i < 5; i++) await attemptLogin(owner.email, "wrong wrong wrong", { ip: `198.51.100.${i}` });

  const { draft } = await createDraft("it");
  await saveStep(draft.id, {}, "about", { email: "draft@jobs-emails.example", organisation: "Forno Pietra" }, "about");
  // A double click on "send me the link": one claim, one job.
  expect((await Promise.all([requestResumeLink(draft.id, { gapMs: 60_000 }), requestResumeLink(draft.id, { gapMs: 60_000 })])).sort()).toEqual([false, true]);
  await prisma.intakeDraft.update({ where: { id: draft.id }, data: { resumeSentAt: new Date(Date.now() - 2 * 24 * 60 * 60 * 1000) } });
  expect(await remindDraft(draft.id, owner.id)).toEqual({ state: "sent" });
  return { owner, lead, version, draftId: draft.id };
}

/** Each email the writes above cause, as kind → recipients (the owner is the only owner account). */
function expected(owner: string) {
  return {
    proposal_sent: ["client@jobs-emails.example"],
    proposal_accepted: ["client@jobs-emails.example"],
    payment_received: ["client@jobs-emails.example"],
    owner_payment: [owner, owner], // accepted, paid
    invite: ["new.member@jobs-emails.example"],
    password_reset: [owner],
    login_alert: [owner],
    resume_link: ["draft@jobs-emails.example", "draft@jobs-emails.example"], // asked for, reminded
  };
}

const kinds = Object.keys(expected(""));

async function emailsByKind(status?: string) {
  const rows = await prisma.emailMessage.findMany({ where: { kind: { in: kinds }, ...(status ? { status } : {}) }, select: { kind: true, to: true }, orderBy: { to: "asc" } });
  const out: Record<string, string[]> = {};
  for (const row of rows) (out[row.kind] ??= []).push(row.to);
  return out;
}

describe("emails after a write", () => {
  it("are jobs: none leaves during the request, the runner sends each once, and a re-run (after a crash) sends nothing more", async () => {
    const { owner, version } = await everyEmailingWrite();
    expect(await emailsByKind()).toEqual({});
    // proposal_sent, acceptance_emails, payment_emails, invite_email, password_reset_email, login_alert, resume_link ×2
    expect(await runJobs()).toBe(8);
    expect(await emailsByKind("outbox")).toEqual(expected(owner.email));
    expect(await runJobs()).toBe(0);

    // The same jobs run again, as after a worker died before marking them done: nothing more is sent,
    // and the links already mailed keep working (no new token is drawn).
    const invite = await prisma.invite.findFirstOrThrow({ select: { id: true, tokenHash: true } });
    const reset = await prisma.passwordReset.findFirstOrThrow({ select: { id: true, tokenHash: true } });
    await handleJob({ kind: "proposal_sent", key: `proposal_sent:${version.id}`, payload: { versionId: version.id, attachPdf: false } });
    await handleJob({ kind: "invite_email", key: `invite_email:${invite.id}`, payload: { inviteId: invite.id, locale: "it", inviterName: "Olga" } });
    await handleJob({ kind: "password_reset_email", key: `password_reset_email:${reset.id}`, payload: { resetId: reset.id, locale: "en" } });
    expect(await emailsByKind()).toEqual(expected(owner.email));
    expect(await prisma.invite.findUniqueOrThrow({ where: { id: invite.id }, select: { tokenHash: true } })).toEqual({ tokenHash: invite.tokenHash });
    expect(await prisma.passwordReset.findUniqueOrThrow({ where: { id: reset.id }, select: { tokenHash: true } })).toEqual({ tokenHash: reset.tokenHash });
  });

  it("retry while the mail server refuses them and go once it is back: exactly one message each", async () => {
    const { owner } = await everyEmailingWrite();
    useSmtp(`smtp://127.0.0.1:${await closedPort()}`);
    expect(await runJobs()).toBe(8);
    const failed = await listFailedJobs();
    expect(failed.map((j) => j.kind).sort()).toEqual(["acceptance_emails", "invite_email", "login_alert", "password_reset_email", "payment_emails", "proposal_sent", "resume_link", "resume_link"]);
    expect(failed.every((j) => j.status === "retrying" && j.attempts === 1 && /could not be sent/.test(j.lastError ?? ""))).toBe(true);
    // Not due again yet (the first retry waits 10 s).
    expect(await runJobs()).toBe(0);

    // The mail server is back (here: the outbox); the owner retries them now rather than wait.
    useSmtp(undefined);
    for (const job of failed) expect(await retryJob(job.id)).toBe(true);
    expect(await runJobs()).toBe(8);
    expect(await listFailedJobs()).toEqual([]);
    // Each failed attempt was replaced by the message that went: one per email, none failed.
    expect(await emailsByKind()).toEqual(expected(owner.email));
    expect(await emailsByKind("outbox")).toEqual(expected(owner.email));
  });

  it("a proposal sent several times at once, run by two runners at once (two instances), is one version and one email", async () => {
    const { user } = await staffSession("owner");
    const lead = await submittedLead("race@jobs-emails.example");
    // Each with the version its page showed (0: none yet), as the send form always carries it.
    const sends = await Promise.all([0, 0, 0, 0].map((seen) => sendProposal(lead.id, user.id, new Date(), seen, { attachPdf: false })));
    expect(sends.filter((s) => !s.alreadySent)).toHaveLength(1);
    expect(new Set(sends.map((s) => s.version.id)).size).toBe(1);
    const [a, b] = await Promise.all([runJobs(), runJobs()]);
    expect(a + b).toBe(1);
    expect(await prisma.proposalVersion.count({ where: { proposal: { leadId: lead.id } } })).toBe(1);
    expect(await prisma.emailMessage.count({ where: { kind: "proposal_sent", leadId: lead.id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { leadId: lead.id, action: "proposal.sent" } })).toBe(1);
  });
});
