// Emails around acceptance and payment: to the client (their client area, the
// receipt) and to the owners. Each is a job written in the transaction of the
// write that causes it (the acceptance; the payment that made the lead paid),
// carried out here: a failed send throws so the runner retries it, and a re-run
// sends only what is not stored yet (jobKey, one per recipient).
import { ownerPaymentEmail, paymentReceivedEmail, proposalAcceptedEmail } from "~/emails/templates";
import { formatMoney } from "~/i18n/format";
import { isLocale, type Locale } from "~/i18n/i18n";
import type { Tx } from "~/jobs/jobs.server";
import { enqueue } from "~/jobs/queue.server";
import { prisma } from "~/utils/db.server";
import type { EmailContent } from "~/emails/templates";
import { notifyOwners, sendEmail, type EmailKind, type OutgoingEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { parseAcceptable } from "~/domain/proposal-edits";
import { invoiceNumberLabel } from "~/domain/invoice/invoice";
import { invoiceCopyPdf } from "./invoice-copies.server";

async function leadFor(leadId: string) {
  const lead = await prisma.lead.findUnique({ where: { id: leadId }, select: { id: true, token: true, name: true, email: true, organisation: true, locale: true, erasedAt: true } });
  return lead && !lead.erasedAt ? lead : null;
}

type Lead = NonNullable<Awaited<ReturnType<typeof leadFor>>>;
type OutgoingAttachment = NonNullable<OutgoingEmail["attachments"]>[number];

/**
 * One message to the client (key "<job>:client") and one to each owner: a
 * re-run sends only those not stored yet; throws when one could not be sent,
 * so the runner retries.
 */
async function toClientAndOwners(lead: Lead, jobKey: string, client: { kind: EmailKind; locale: Locale; content: EmailContent; attachments?: OutgoingAttachment[] }, owners: (locale: Locale) => EmailContent, what: string) {
  const results = [await sendEmail({ kind: client.kind, to: lead.email, locale: client.locale, leadId: lead.id, jobKey: `${jobKey}:client`, ...client.content, ...(client.attachments ? { attachments: client.attachments } : {}) })];
  results.push(...(await notifyOwners(owners, "owner_payment", { leadId: lead.id, jobKey })));
  if (results.some((r) => r.status === "failed")) throw new Error(`${what} could not be sent to everyone (see the outbox)`);
}

/** In the acceptance's transaction: the job that emails the client and the owners. */
export function enqueueAcceptanceEmails(tx: Tx, job: { leadId: string; acceptanceId: string; locale: Locale }) {
  return enqueue(tx, { kind: "acceptance_emails", key: `acceptance_emails:${job.acceptanceId}`, payload: job });
}

/** In the transaction that made a payment count as received: the job that sends the receipt and tells the owners. */
export function enqueuePaymentEmails(tx: Tx, job: { leadId: string; paymentId: string }) {
  return enqueue(tx, { kind: "payment_emails", key: `payment_emails:${job.paymentId}`, payload: job });
}

/** The job "acceptance_emails": the client gets their client area link, the owners a note. */
export async function sendAcceptanceEmails(job: { leadId: string; acceptanceId: string; locale: Locale }, jobKey: string) {
  const { leadId, locale } = job;
  const lead = await leadFor(leadId);
  const acceptance = await prisma.acceptance.findUnique({ where: { id: job.acceptanceId }, select: { packageId: true, onboardingCents: true, currency: true, proposalVersionId: true } });
  if (!lead || !acceptance) return;
  const version = await prisma.proposalVersion.findUnique({ where: { id: acceptance.proposalVersionId }, select: { number: true, snapshot: true } });
  const packageName = (version && parseAcceptable(version.snapshot)?.packages.find((p) => p.id === acceptance.packageId)?.name) ?? acceptance.packageId;
  const appUrl = getEnv().APP_URL;
  await toClientAndOwners(
    lead,
    jobKey,
    { kind: "proposal_accepted", locale, content: proposalAcceptedEmail({ locale, name: lead.name, organisation: lead.organisation, version: version?.number ?? 1, url: `${appUrl}/${locale}/p/${lead.token}` }) },
    (l) => ownerPaymentEmail({ locale: l, event: "accepted", organisation: lead.organisation, name: lead.name, packageName, amount: formatMoney(acceptance.onboardingCents, l, acceptance.currency), leadUrl: `${appUrl}/${l}/owner/leads/${lead.id}` }),
    "the acceptance emails",
  );
}

/** The job "payment_emails": the receipt link to the client, with the courtesy copy of the payment's invoice attached; a note to the owners. */
export async function sendPaymentEmails(job: { leadId: string; paymentId: string }, jobKey: string) {
  const { leadId, paymentId } = job;
  const lead = await leadFor(leadId);
  const payment = await prisma.payment.findUnique({ where: { id: paymentId }, select: { amountCents: true, currency: true } });
  if (!lead || !payment) return;
  const locale: Locale = isLocale(lead.locale) ? lead.locale : "it";
  const appUrl = getEnv().APP_URL;
  // The invoice was issued in the payment's transaction (none while an amount is to check).
  const invoice = await prisma.invoice.findFirst({ where: { paymentId, documentType: "TD01" }, select: { id: true, year: true, number: true } });
  const copy = invoice ? await invoiceCopyPdf(invoice.id, locale) : null;
  await toClientAndOwners(
    lead,
    jobKey,
    {
      kind: "payment_received",
      locale,
      content: paymentReceivedEmail({ locale, organisation: lead.organisation, amount: formatMoney(payment.amountCents, locale, payment.currency), url: `${appUrl}/${locale}/p/${lead.token}/receipt/${paymentId}`, invoiceNumber: copy && invoice ? invoiceNumberLabel(invoice) : null }),
      ...(copy ? { attachments: [{ filename: copy.fileName, content: copy.pdf, contentType: "application/pdf" }] } : {}),
    },
    (l) => ownerPaymentEmail({ locale: l, event: "paid", organisation: lead.organisation, name: lead.name, packageName: "", amount: formatMoney(payment.amountCents, l, payment.currency), leadUrl: `${appUrl}/${l}/owner/leads/${lead.id}` }),
    "the payment emails",
  );
}
