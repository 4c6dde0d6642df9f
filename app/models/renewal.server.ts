// A prospect whose proposal has expired asks, from their private link, for it
// to be renewed: the owners get one email and the lead's timeline one entry
// per proposal (asking again changes nothing until a new version is sent).
import { romeToday } from "~/domain/intake/schema";
import { ownerRenewalEmail } from "~/emails/templates";
import { formatDate } from "~/i18n/format";
import type { Locale } from "~/i18n/i18n";
import { prisma } from "~/utils/db.server";
import { notifyOwners } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
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
  await recordAudit({ action: "proposal.renewal_requested", leadId: lead.id });
  try {
    const appUrl = getEnv().APP_URL;
    const expiredOn = (l: Locale) => formatDate(new Date(`${view.validUntilDay}T12:00:00Z`), l, "long");
    await notifyOwners(
      (l) => ownerRenewalEmail({ locale: l, organisation: lead.organisation, name: lead.name, expiredOn: expiredOn(l), leadUrl: `${appUrl}/${l}/owner/leads/${lead.id}` }),
      "renewal_requested",
      { leadId: lead.id },
    );
  } catch (error) {
    // The request is recorded on the lead's timeline either way.
    logger.error({ err: error, leadId: lead.id }, "renewal email not sent");
  }
  return "requested";
}
