// What happens around a submitted questionnaire: the lead, and the emails.
import { buildLeadRecord } from "~/domain/intake/lead-record";
import type { RawAnswers } from "~/domain/intake/definition";
import { romeToday } from "~/domain/intake/schema";
import { intakeReceivedEmail, newLeadEmail, resumeLinkEmail } from "~/emails/templates";
import { getT, isLocale, type Locale } from "~/i18n/i18n";
import { getEnv } from "~/utils/env.server";
import { notifyOwners, sendEmail } from "~/utils/email.server";
import { logger } from "~/utils/logger.server";
import { issueResumeToken, submitDraft } from "./intake-draft.server";
import { proposalExpectedDay } from "~/domain/proposal-edits";
import { sendProposal } from "./proposal-versions.server";
import { getOwnerSettings } from "./settings.server";

/** Emails a fresh resume link; `reminder` when the team sends it from the pipeline rather than the prospect asking. */
export async function sendResumeLink(draft: { id: string; email: string | null; locale: string; answers: RawAnswers }, options: { reminder?: boolean } = {}) {
  if (!draft.email) return false;
  const locale: Locale = isLocale(draft.locale) ? draft.locale : "it";
  const { token, expiresAt } = await issueResumeToken(draft.id);
  const url = `${getEnv().APP_URL}/${locale}/intake/resume/${token}`;
  const organisation = typeof draft.answers.about?.organisation === "string" ? draft.answers.about.organisation : null;
  await sendEmail({ kind: "resume_link", to: draft.email, locale, ...resumeLinkEmail({ locale, url, organisation, expiresAt, reminder: options.reminder }) });
  return true;
}

/**
 * The studio sends generated proposals at once (a setting): version 1 goes out
 * now. A failure (the PDF cannot be rendered, say) never undoes the submit:
 * the lead stays, the prospect is told when to expect the proposal, and the
 * owner finds it to send like any other.
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

export async function submitIntake(draft: { id: string; answers: RawAnswers }, locale: Locale): Promise<SubmitOutcome> {
  const built = buildLeadRecord(draft.answers, romeToday());
  if (!built.ok) return { ok: false, step: built.step };
  // The lead is committed here, whatever happens next.
  const { lead, created } = await submitDraft(draft.id, built.record, locale);
  if (created) {
    const appUrl = getEnv().APP_URL;
    const prospectLocale: Locale = isLocale(built.record.lead.locale) ? built.record.lead.locale : locale;
    const { name, organisation, email, sector } = built.record.lead;
    const settings = await getOwnerSettings();
    const sent = settings.autoSendOnSubmit ? await autoSend(lead.id) : false;
    await sendEmail({
      kind: "intake_received",
      to: email,
      locale: prospectLocale,
      leadId: lead.id,
      ...intakeReceivedEmail({
        locale: prospectLocale,
        name,
        organisation,
        proposalUrl: `${appUrl}/${prospectLocale}/p/${lead.token}`,
        proposal: sent ? { sent: true } : { sent: false, expectedBy: new Date(`${proposalExpectedDay(new Date(), settings)}T12:00:00Z`) },
      }),
    });
    await notifyOwners(
      (ownerLocale: Locale) =>
        newLeadEmail({
          locale: ownerLocale,
          name,
          organisation,
          email,
          sector: sector ? getT(ownerLocale)(`questionnaire.options.sectors.${sector}`) : null,
          goals: built.record.goals.map((g) => getT(ownerLocale)(`goals.${g.goal}`)),
          leadUrl: `${appUrl}/${ownerLocale}/owner`,
        }),
      "new_lead",
      { leadId: lead.id },
    );
  }
  return { ok: true, token: lead.token };
}
