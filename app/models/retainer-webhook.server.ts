// Applying a verified Stripe event to a retainer subscription (the route
// checks the signature, stripe-webhook.server.ts the shape and hands the
// subscription events here). In ONE transaction:
//   - the event id is recorded first, so a repeated delivery changes nothing;
//   - the Subscription moves with the pure state machine (domain/subscription.ts),
//     which keeps out-of-order events right (an older event never overwrites a
//     newer state);
//   - an invoice paid (or failed) is a Payment row of purpose "retainer", one per
//     Stripe invoice (stripeInvoiceId is unique), moved with the payment state
//     machine (a failed month that is paid later becomes paid, never back);
//   - a failed renewal enqueues the emails to the client and the owners
//     (durable job), and every change goes to the lead's audit log.
import { applySignal, countsAsPaid, isPaymentStatus, type PaymentState } from "~/domain/payment-state";
import { applySubscriptionSignal, isSubscriptionStatus, minimumTermEnd, type SubscriptionState } from "~/domain/subscription";
import type { SubscriptionEvent } from "~/domain/subscription-events";
import { formatMoney } from "~/i18n/format";
import { isLocale, type Locale } from "~/i18n/i18n";
import { ownerRetainerFailedEmail, retainerFailedEmail } from "~/emails/templates";
import { enqueue } from "~/jobs/queue.server";
import type Stripe from "stripe";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { notifyOwners, sendEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { recordAudit } from "./audit.server";
import type { Tx } from "./payment-records.server";
import { subscriptionSelect, type SubscriptionRow } from "./retainer.server";
import { issueInvoiceForPayment } from "./invoices.server";

export type RetainerOutcome =
  | { outcome: "applied"; subscriptionId: string; status: string; changed: boolean; paymentId: string | null }
  | { outcome: "duplicate" }
  | { outcome: "ignored"; why: "unknown-subscription" };

class ConcurrentChange extends Error {}

async function findRow(tx: Tx, refs: SubscriptionEvent["refs"]): Promise<SubscriptionRow | null> {
  if (refs.stripeSubscriptionId) {
    const byStripe = await tx.subscription.findUnique({ where: { stripeSubscriptionId: refs.stripeSubscriptionId }, select: subscriptionSelect });
    if (byStripe) return byStripe;
  }
  if (refs.rowId) {
    const byId = await tx.subscription.findUnique({ where: { id: refs.rowId }, select: subscriptionSelect });
    // Our id in the metadata of another Stripe subscription than the one linked: not ours to move.
    if (byId && (!byId.stripeSubscriptionId || byId.stripeSubscriptionId === refs.stripeSubscriptionId)) return byId;
  }
  if (refs.sessionId) return tx.subscription.findUnique({ where: { stripeSessionId: refs.sessionId }, select: subscriptionSelect });
  return null;
}

function stateOf(row: SubscriptionRow): SubscriptionState {
  return {
    status: isSubscriptionStatus(row.status) ? row.status : "incomplete",
    currentPeriodEnd: row.currentPeriodEnd,
    cancelAt: row.cancelAt,
    canceledAt: row.canceledAt,
    failedRenewals: row.failedRenewals,
    lastEventAt: row.lastEventAt,
  };
}

const earlier = (a: Date | null, b: Date | null) => (a && b ? (a.getTime() <= b.getTime() ? a : b) : (a ?? b));

/** The month an invoice pays for, as a Payment row (made on its first event); null when the event is not about an invoice. */
async function applyInvoice(tx: Tx, row: SubscriptionRow, read: SubscriptionEvent, at: Date) {
  const invoice = read.invoice;
  if (!invoice) return null;
  const existing = await tx.payment.findUnique({ where: { stripeInvoiceId: invoice.id }, select: { id: true, status: true, expectedCents: true, amountCents: true, currency: true, mismatch: true, lastEventAt: true, paidAt: true, refundedAt: true, updatedAt: true } });
  const payment =
    existing ??
    (await tx.payment.create({
      data: {
        leadId: row.leadId,
        acceptanceId: row.acceptanceId,
        provider: "stripe",
        purpose: "retainer",
        status: "pending",
        amountCents: 0,
        expectedCents: row.monthlyCents,
        currency: row.currency,
        stripeInvoiceId: invoice.id,
        stripeSubscriptionId: read.refs.stripeSubscriptionId ?? row.stripeSubscriptionId,
      },
      select: { id: true, status: true, expectedCents: true, amountCents: true, currency: true, mismatch: true, lastEventAt: true, paidAt: true, refundedAt: true, updatedAt: true },
    }));
  const before: PaymentState = { ...payment, status: isPaymentStatus(payment.status) ? payment.status : "pending" };
  const { next, statusChanged, newMismatch } = applySignal(before, invoice.paid ? { type: "async.succeeded", at, amountCents: invoice.amountCents, currency: invoice.currency } : { type: "async.failed", at });
  const { count } = await tx.payment.updateMany({
    where: { id: payment.id, updatedAt: payment.updatedAt },
    data: { status: next.status, amountCents: next.amountCents, mismatch: next.mismatch, lastEventAt: next.lastEventAt, paidAt: next.paidAt },
  });
  if (count !== 1) throw new ConcurrentChange();
  const paidNow = statusChanged && countsAsPaid(next);
  if (statusChanged || newMismatch) {
    await recordAudit({ action: `retainer.payment_${next.status}`, leadId: row.leadId, data: { paymentId: payment.id, invoiceId: invoice.id, subscriptionId: row.id, amountCents: invoice.amountCents, expectedCents: next.expectedCents, currency: next.currency, mismatch: next.mismatch } }, tx);
  }
  // A month that counts is invoiced in this same transaction (one invoice per payment, whatever the deliveries).
  if (paidNow) await issueInvoiceForPayment(tx, payment.id);
  return payment.id;
}

async function applyOnce(event: Stripe.Event, read: SubscriptionEvent): Promise<RetainerOutcome> {
  return prisma.$transaction(async (tx) => {
    // First: the event id. A second delivery fails here and changes nothing.
    await tx.stripeEvent.create({ data: { id: event.id, type: event.type, createdAt: new Date(event.created * 1000) } });
    const row = await findRow(tx, read.refs);
    if (!row) return { outcome: "ignored", why: "unknown-subscription" } as const;
    const at = read.signal.at;
    const before = stateOf(row);
    const { next, statusChanged, stale } = applySubscriptionSignal(before, read.signal);
    // When it started: the start of its first month (the checkout's time until that invoice is heard); the minimum term runs from it.
    const startedAt = read.signal.type === "checkout.completed" ? earlier(row.startedAt, at) : read.signal.type === "invoice.paid" ? earlier(row.startedAt, read.invoice?.periodStart ?? at) : row.startedAt;
    const { count } = await tx.subscription.updateMany({
      // Optimistic: another event for this subscription committed in between → start again.
      where: { id: row.id, updatedAt: row.updatedAt },
      data: {
        status: next.status,
        currentPeriodEnd: next.currentPeriodEnd,
        cancelAt: next.cancelAt,
        canceledAt: next.canceledAt,
        failedRenewals: next.failedRenewals,
        lastEventAt: next.lastEventAt,
        startedAt,
        minimumTermEndsAt: startedAt ? minimumTermEnd(startedAt, row.minimumTermMonths) : null,
        stripeSubscriptionId: row.stripeSubscriptionId ?? read.refs.stripeSubscriptionId,
      },
    });
    if (count !== 1) throw new ConcurrentChange();
    const paymentId = await applyInvoice(tx, row, read, at);
    const base = { subscriptionId: row.id, eventId: event.id, eventType: event.type, stale, livemode: read.livemode };
    if (statusChanged) await recordAudit({ action: `retainer.${next.status}`, leadId: row.leadId, data: { ...base, from: before.status } }, tx);
    if (read.signal.type === "invoice.failed" && read.invoice) {
      await recordAudit({ action: "retainer.renewal_failed", leadId: row.leadId, data: { ...base, invoiceId: read.invoice.id, amountCents: read.invoice.amountCents } }, tx);
      // The client and the owners hear of it, once per failed attempt (the event id is once).
      await enqueue(tx, { kind: "retainer_payment_failed", key: `retainer_payment_failed:${event.id}`, payload: { leadId: row.leadId, amountCents: read.invoice.amountCents, currency: read.invoice.currency.toUpperCase() } });
    }
    if (!statusChanged && !paymentId) logger.info({ subscriptionId: row.id, eventId: event.id, type: event.type, stale }, "stripe event changed no subscription state");
    return { outcome: "applied", subscriptionId: row.id, status: next.status, changed: statusChanged, paymentId } as const;
  });
}

/** Applies one verified subscription event, exactly once. Throws only when it should be retried. */
export async function processSubscriptionEvent(event: Stripe.Event, read: SubscriptionEvent): Promise<RetainerOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyOnce(event, read);
    } catch (error) {
      if (isUniqueViolation(error)) {
        // The event id: a repeat. Anything else (two events making one invoice's row at once): again.
        if (await prisma.stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return { outcome: "duplicate" };
        if (attempt < 5) continue;
      }
      if (error instanceof ConcurrentChange && attempt < 5) continue;
      throw error;
    }
  }
}

/** The job "retainer_payment_failed": the client (in their language) and the owners hear that a renewal failed. */
export async function sendRetainerFailedEmails(job: { leadId: string; amountCents: number; currency: string }, jobKey: string) {
  const lead = await prisma.lead.findUnique({ where: { id: job.leadId }, select: { id: true, token: true, name: true, email: true, organisation: true, locale: true, erasedAt: true } });
  if (!lead || lead.erasedAt) return;
  const locale: Locale = isLocale(lead.locale) ? lead.locale : "it";
  const appUrl = getEnv().APP_URL;
  const results = [
    await sendEmail({
      kind: "retainer_failed",
      to: lead.email,
      locale,
      leadId: lead.id,
      jobKey: `${jobKey}:client`,
      ...retainerFailedEmail({ locale, organisation: lead.organisation, amount: formatMoney(job.amountCents, locale, job.currency), url: `${appUrl}/${locale}/p/${lead.token}` }),
    }),
    ...(await notifyOwners((l) => ownerRetainerFailedEmail({ locale: l, organisation: lead.organisation, amount: formatMoney(job.amountCents, l, job.currency), leadUrl: `${appUrl}/${l}/owner/leads/${lead.id}` }), "owner_payment", { leadId: lead.id, jobKey })),
  ];
  if (results.some((r) => r.status === "failed")) throw new Error("the failed-renewal emails could not be sent to everyone (see the outbox)");
}
