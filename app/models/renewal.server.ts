// A prospect whose proposal has expired asks, from their private link, for it
// to be renewed: the owners get one email and the lead's timeline one entry
// per proposal (asking again changes nothing until a new version is sent). The
// email is a job written with the timeline entry.
import { romeToday } from "~/domain/intake/schema";
import { ownerRenewalEmail } from "~/emails/templates";
import { formatDate } from "~/i18n/format";
import type { Locale } from "~/i18n/i18n";
import { prisma } from "~/utils/db.server";
import { notifyOwners } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { enqueue } from "~/jobs/queue.server";
import { recordAudit } from "./audit.server";
import { getProposalView } from "./proposal.server";

export type RenewalOutcome = "requested" | "already" | "notExpired" | "accepted" | "missing";

/** Whether the prospect already asked to renew the proposal they see now (`since`: when it was sent, or the lead came in while nothing was). */
export async function renewalRequested(leadId: string, since: Date): Promise<boolean> {
  return (await prisma.auditLog.count({ where: { leadId, action: "proposal.renewal_requested", createdAt: { gte: since } } })) > 0;
}

export async function requestRenewal(token: string, locale: Locale): Promise<RenewalOutcome> {
  const { view, lead, version } = await getProposalView(token, locale);
  if (!view || !lead) return "missing";
  if (await prisma.acceptance.findFirst({ where: { leadId: lead.id }, select: { id: true } })) return "accepted";
  if (romeToday() <= view.validUntilDay) return "notExpired";
  if (await renewalRequested(lead.id, version?.sentAt ?? lead.createdAt)) return "already";
  // The timeline entry and the owners' email commit together; the job's key is
  // the version asked about, so two requests at once still email once.
  await prisma.$transaction(async (tx) => {
    await recordAudit({ action: "proposal.renewal_requested", leadId: lead.id }, tx);
    await enqueue(tx, { kind: "renewal_requested", key: `renewal_requested:${lead.id}:${version?.id ?? "none"}`, payload: { leadId: lead.id, validUntilDay: view.validUntilDay } });
  });
  return "requested";
}

/** The job "renewal_requested": one email to each owner. */
export async function notifyRenewalRequested(job: { leadId: string; validUntilDay: string }, jobKey: string): Promise<void> {
  const lead = await prisma.lead.findUnique({ where: { id: job.leadId }, select: { id: true, name: true, organisation: true, erasedAt: true } });
  if (!lead || lead.erasedAt) return;
  const appUrl = getEnv().APP_URL;
  const expiredOn = (l: Locale) => formatDate(new Date(`${job.validUntilDay}T12:00:00Z`), l, "long");
  const results = await notifyOwners(
    (l) => ownerRenewalEmail({ locale: l, organisation: lead.organisation, name: lead.name, expiredOn: expiredOn(l), leadUrl: `${appUrl}/${l}/owner/leads/${lead.id}` }),
    "renewal_requested",
    { leadId: lead.id, jobKey },
  );
  if (results.some((r) => r.status === "failed")) throw new Error("the renewal email could not be sent to every owner (see the outbox)");
}
