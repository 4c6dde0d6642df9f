// What happens around a submitted questionnaire: the lead, and the emails
// (sent by jobs written with the lead, app/jobs).
import { buildLeadRecord } from "~/domain/intake/lead-record";
import type { RawAnswers } from "~/domain/intake/definition";
import { romeToday } from "~/domain/intake/schema";
import { intakeReceivedEmail, newLeadEmail, resumeLinkEmail } from "~/emails/templates";
import { getT, isLocale, type Locale } from "~/i18n/i18n";
import { getEnv } from "~/utils/env.server";
import { emailExists, notifyOwners, sendEmail } from "~/utils/email.server";
import { logger } from "~/utils/logger.server";
import { prisma } from "~/utils/db.server";
import { enqueue } from "~/jobs/queue.server";
import type { Tx } from "~/jobs/jobs.server";
import { issueResumeToken, parseAnswers, submitDraft } from "./intake-draft.server";
import { proposalExpectedDay } from "~/domain/proposal-edits";
import { sendProposal } from "./proposal-versions.server";
import { getOwnerSettings } from "./settings.server";

/**
 * Asks for a resume link by email: claims the draft's send (its resumeSentAt,
 * set now when it is unset or older than `gapMs`) and writes the job in the
 * same transaction. Of a double click or two tabs only one claim succeeds, so
 * one email goes within the gap; false when nothing was claimed (sent too
 * recently, or no address). The job issues the link's token when it runs, so
 * no secret is kept in the job.
 */
export async function requestResumeLink(draftId: string, { gapMs, now = new Date() }: { gapMs: number | null; now?: Date }): Promise<boolean> {
  const sentBefore = gapMs === null ? null : { OR: [{ resumeSentAt: null }, { resumeSentAt: { lte: new Date(now.getTime() - gapMs) } }] };
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.intakeDraft.updateMany({ where: { id: draftId, email: { not: null }, ...(sentBefore ?? { resumeSentAt: null }) }, data: { resumeSentAt: now } });
    if (count !== 1) return false;
    await enqueueResumeLink(tx, { draftId, reminder: false }, `resume_link:${draftId}:${now.getTime()}`);
    return true;
  });
}

export function enqueueResumeLink(tx: Tx, payload: { draftId: string; reminder: boolean }, key: string) {
  return enqueue(tx, { kind: "resume_link", key, payload });
}

/**
 * The job "resume_link": a fresh token (any earlier link stops working) and the
 * email with it; `reminder` when the team sent it from the pipeline. Run again
 * after its email is stored, it does nothing (the token it mailed stays valid).
 */
export async function sendResumeLink(job: { draftId: string; reminder: boolean }, jobKey: string): Promise<void> {
  const draft = await prisma.intakeDraft.findUnique({ where: { id: job.draftId }, select: { id: true, email: true, locale: true, answers: true } });
  if (!draft?.email) return; // purged, erased, or its address removed meanwhile
  if (await emailExists(jobKey)) return;
  const about = parseAnswers(draft.answers).about;
  // The language the prospect chose on the first step, before the one of the page they started on:
  // someone who opened /it and picked English reads the email (and the page it links to) in English.
  const chosen = Array.isArray(about?.language) ? about.language[0] : about?.language;
  const locale: Locale = isLocale(chosen) ? chosen : isLocale(draft.locale) ? draft.locale : "it";
  const { token, expiresAt } = await issueResumeToken(draft.id);
  const url = `${getEnv().APP_URL}/${locale}/intake/resume/${token}`;
  const organisation = typeof about?.organisation === "string" ? about.organisation : null;
  const result = await sendEmail({ kind: "resume_link", to: draft.email, locale, jobKey, ...resumeLinkEmail({ locale, url, organisation, expiresAt, reminder: job.reminder }) });
  if (result.status === "failed") throw new Error("the resume link could not be sent (see the outbox)");
}

/**
 * The studio sends generated proposals at once (a setting): version 1 is made
 * now, with the job that emails it (the PDF renders there, retried if it
 * fails). A failure here (the answers cannot make a proposal, say) never undoes
 * the submit: the lead stays, the prospect is told when to expect the
 * proposal, and the owner finds it to send like any other. Run again (a retried
 * job), the send of version 1 finds it sent and sends nothing more.
 */
async function autoSend(leadId: string): Promise<boolean> {
  try {
    await sendProposal(leadId, null, new Date(), 0);
    return true;
  } catch (error) {
    logger.error({ err: error, leadId }, "automatic proposal send failed: left for the owner");
    return false;
  }
}

export type SubmitOutcome = { ok: true; token: string } | { ok: false; step: string };

/**
 * Writes the lead and, in the same transaction, the jobs that email the
 * prospect (after the automatic send, when that setting is on) and the owners;
 * the job runner sends them, again after a crash, never twice.
 */
export async function submitIntake(draft: { id: string; answers: RawAnswers }, locale: Locale): Promise<SubmitOutcome> {
  const built = buildLeadRecord(draft.answers, romeToday());
  if (!built.ok) return { ok: false, step: built.step };
  const settings = await getOwnerSettings();
  const prospectLocale: Locale = isLocale(built.record.lead.locale) ? built.record.lead.locale : locale;
  // The day the prospect is told, fixed at submit (the page says the same one).
  const expectedBy = proposalExpectedDay(new Date(), settings);
  const { lead } = await submitDraft(draft.id, built.record, locale, async (tx, created) => {
    await enqueue(tx, { kind: "intake_received", key: `intake_received:${created.id}`, payload: { leadId: created.id, locale: prospectLocale, expectedBy, autoSend: settings.autoSendOnSubmit } });
    await enqueue(tx, { kind: "new_lead", key: `new_lead:${created.id}`, payload: { leadId: created.id } });
  });
  return { ok: true, token: lead.token };
}

const leadForEmail = { name: true, organisation: true, email: true, token: true, sector: true, erasedAt: true, goals: { select: { goal: true }, orderBy: { rank: "asc" } } } as const;

/** The job "intake_received": the automatic send when asked for, then the confirmation to the prospect. */
export async function sendIntakeReceived(job: { leadId: string; locale: Locale; expectedBy: string; autoSend: boolean }, jobKey: string): Promise<void> {
  const lead = await prisma.lead.findUnique({ where: { id: job.leadId }, select: leadForEmail });
  if (!lead || lead.erasedAt) return; // erased meanwhile: nobody to write to
  const sent = job.autoSend ? await autoSend(job.leadId) : false;
  const result = await sendEmail({
    kind: "intake_received",
    to: lead.email,
    locale: job.locale,
    leadId: job.leadId,
    jobKey,
    ...intakeReceivedEmail({
      locale: job.locale,
      name: lead.name,
      organisation: lead.organisation,
      proposalUrl: `${getEnv().APP_URL}/${job.locale}/p/${lead.token}`,
      proposal: sent ? { sent: true } : { sent: false, expectedBy: new Date(`${job.expectedBy}T12:00:00Z`) },
    }),
  });
  if (result.status === "failed") throw new Error("the confirmation email could not be sent (see the outbox)");
}

/** The job "new_lead": one email to each owner. */
export async function notifyNewLead(job: { leadId: string }, jobKey: string): Promise<void> {
  const lead = await prisma.lead.findUnique({ where: { id: job.leadId }, select: leadForEmail });
  if (!lead || lead.erasedAt) return;
  const appUrl = getEnv().APP_URL;
  const results = await notifyOwners(
    (ownerLocale: Locale) =>
      newLeadEmail({
        locale: ownerLocale,
        name: lead.name,
        organisation: lead.organisation,
        email: lead.email,
        sector: lead.sector ? getT(ownerLocale)(`questionnaire.options.sectors.${lead.sector}`) : null,
        goals: lead.goals.map((g) => getT(ownerLocale)(`goals.${g.goal}`)),
        leadUrl: `${appUrl}/${ownerLocale}/owner`,
      }),
    "new_lead",
    { leadId: job.leadId, jobKey },
  );
  if (results.some((r) => r.status === "failed")) throw new Error("the new-lead email could not be sent to every owner (see the outbox)");
}
