// Emails around acceptance and payment: to the client (their client area, the
// receipt) and to the owners. Sending never fails the request that asked for
// it (sendEmail stores failures); a missing lead simply sends nothing.
import { ownerPaymentEmail, paymentReceivedEmail, proposalAcceptedEmail } from "~/emails/templates";
import { formatMoney } from "~/i18n/format";
import { isLocale, type Locale } from "~/i18n/i18n";
import { prisma } from "~/utils/db.server";
import { notifyOwners, sendEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { parseAcceptable } from "~/domain/proposal-edits";

async function leadFor(leadId: string) {
  const lead = await prisma.lead.findUnique({ where: { id: leadId }, select: { id: true, token: true, name: true, email: true, organisation: true, locale: true, erasedAt: true } });
  return lead && !lead.erasedAt ? lead : null;
}

/** After an acceptance: the client gets their client area link, the owners a note. */
export async function sendAcceptanceEmails(leadId: string, locale: Locale) {
  try {
    const lead = await leadFor(leadId);
    const acceptance = await prisma.acceptance.findFirst({ where: { leadId }, select: { packageId: true, onboardingCents: true, currency: true, proposalVersionId: true } });
    if (!lead || !acceptance) return;
    const version = await prisma.proposalVersion.findUnique({ where: { id: acceptance.proposalVersionId }, select: { number: true, snapshot: true } });
    const packageName = (version && parseAcceptable(version.snapshot)?.packages.find((p) => p.id === acceptance.packageId)?.name) ?? acceptance.packageId;
    const appUrl = getEnv().APP_URL;
    await sendEmail({
      kind: "proposal_accepted",
      to: lead.email,
      locale,
      leadId: lead.id,
      ...proposalAcceptedEmail({ locale, name: lead.name, organisation: lead.organisation, version: version?.number ?? 1, url: `${appUrl}/${locale}/p/${lead.token}` }),
    });
    await notifyOwners(
      (l) => ownerPaymentEmail({ locale: l, event: "accepted", organisation: lead.organisation, name: lead.name, packageName, amount: formatMoney(acceptance.onboardingCents, l, acceptance.currency), leadUrl: `${appUrl}/${l}/owner/leads/${lead.id}` }),
      "owner_payment",
      { leadId: lead.id },
    );
  } catch (error) {
    logger.error({ err: error, leadId }, "acceptance emails not sent");
  }
}

/** After a payment counts as received: the receipt link to the client, a note to the owners. */
export async function sendPaymentEmails(leadId: string, paymentId: string) {
  try {
    const lead = await leadFor(leadId);
    const payment = await prisma.payment.findUnique({ where: { id: paymentId }, select: { amountCents: true, currency: true } });
    if (!lead || !payment) return;
    const locale: Locale = isLocale(lead.locale) ? lead.locale : "it";
    const appUrl = getEnv().APP_URL;
    await sendEmail({
      kind: "payment_received",
      to: lead.email,
      locale,
      leadId: lead.id,
      ...paymentReceivedEmail({ locale, organisation: lead.organisation, amount: formatMoney(payment.amountCents, locale, payment.currency), url: `${appUrl}/${locale}/p/${lead.token}/receipt/${paymentId}` }),
    });
    await notifyOwners(
      (l) => ownerPaymentEmail({ locale: l, event: "paid", organisation: lead.organisation, name: lead.name, packageName: "", amount: formatMoney(payment.amountCents, l, payment.currency), leadUrl: `${appUrl}/${l}/owner/leads/${lead.id}` }),
      "owner_payment",
      { leadId: lead.id },
    );
  } catch (error) {
    logger.error({ err: error, leadId, paymentId }, "payment emails not sent");
  }
}
