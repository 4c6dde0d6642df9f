// Applying a verified Stripe event to our payments. The route checks the
// signature; this module:
//   - records the event id first, in the same transaction as its effect, so a
//     repeated delivery changes nothing (the insert fails on the primary key);
//   - finds our Payment from the event (session id, our metadata, payment intent;
//     for a refund that arrives before the payment, Stripe is asked which
//     session the payment intent belongs to);
//   - moves the payment with the pure state machine (payment-state.ts), which
//     keeps out-of-order events right and flags a differing amount;
//   - writes each change to the audit log and moves the lead to "paid" (or back
//     to "accepted" after a full refund).
import { createHash } from "node:crypto";
import type Stripe from "stripe";
import { z } from "zod";
import { applySignal, countsAsPaid, isPaymentStatus, type PaymentState } from "~/domain/payment-state";
import { PAYMENT_METADATA_KEY, readStripeEvent, type PaymentEvent } from "~/domain/stripe-events";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";
import { getStripe } from "~/utils/stripe.server";
import { readSubscriptionEvent } from "~/domain/subscription-events";
import { recordAudit } from "./audit.server";
import { processSubscriptionEvent, type RetainerOutcome } from "./retainer-webhook.server";
import { issueCreditNoteForPayment, issueInvoiceForPayment } from "./invoices.server";
import { enqueuePaymentEmails } from "./payment-emails.server";
import { syncLeadStatus, type Tx } from "./payment-records.server";

export type WebhookOutcome =
  | RetainerOutcome
  | { outcome: "applied"; paymentId: string; status: string; changed: boolean; paidNow: boolean }
  | { outcome: "duplicate" }
  | { outcome: "ignored"; why: "type" | "unknown-payment" };

// ---------------------------------------------------------------- shape of a signed event

// A signature says who sent the bytes, not that they have the shape we read.
// These schemas check every field readStripeEvent and the database use; other
// fields pass through untouched.
// Stripe's ids and event types are printable ASCII: anything else (a NUL, say, which
// PostgreSQL cannot store) is not an event we act on, nor a name we record.
const stripeId = z.string().regex(/^[\x21-\x7e]{1,255}$/);
const expandable = z.union([stripeId, z.object({ id: stripeId }).passthrough()]).nullable().optional();
const metadata = z.record(z.string()).nullable().optional();
// Amounts land in Int columns: PostgreSQL's integer holds up to 2^31 - 1 (over 21 million euros).
const cents = z.number().int().min(0).max(2_147_483_647);
const currency = z.string().max(10);

const SessionObject = z
  .object({
    id: stripeId,
    metadata,
    mode: z.string().max(50).optional(),
    subscription: expandable,
    payment_intent: expandable,
    payment_status: z.string().max(50).optional(),
    amount_total: cents.nullable().optional(),
    currency: currency.nullable().optional(),
  })
  .passthrough();

const ChargeObject = z
  .object({
    id: stripeId,
    amount: cents,
    amount_refunded: cents,
    refunded: z.boolean(),
    currency,
    created: z.number().int().min(0).optional(),
    metadata,
    payment_intent: expandable,
    invoice: expandable,
  })
  .passthrough();

const seconds = z.number().int().min(0).max(32503680000);

const InvoiceObject = z
  .object({
    id: stripeId,
    amount_paid: cents,
    amount_due: cents,
    currency,
    attempt_count: z.number().int().min(0).max(1000).optional(),
    lines: z.object({ data: z.array(z.object({ period: z.object({ start: seconds, end: seconds }).passthrough().optional() }).passthrough()).max(100) }).passthrough().optional(),
    parent: z
      .object({ subscription_details: z.object({ subscription: z.union([stripeId, z.object({ id: stripeId }).passthrough()]), metadata }).passthrough().nullable().optional() })
      .passthrough()
      .nullable()
      .optional(),
  })
  .passthrough();

const SubscriptionObject = z
  .object({
    id: stripeId,
    status: z.string().max(50),
    metadata,
    cancel_at: seconds.nullable().optional(),
    canceled_at: seconds.nullable().optional(),
    ended_at: seconds.nullable().optional(),
    items: z.object({ data: z.array(z.object({ current_period_end: seconds.optional() }).passthrough()).max(100) }).passthrough().optional(),
  })
  .passthrough();

const Envelope = z
  .object({
    id: stripeId,
    type: stripeId,
    created: z.number().int().min(0).max(32503680000),
    livemode: z.boolean(),
    data: z.object({ object: z.object({}).passthrough() }).passthrough(),
  })
  .passthrough();

const objectSchemas: Record<string, z.ZodTypeAny> = {
  "checkout.session.completed": SessionObject.extend({ payment_status: z.string().max(50) }),
  "checkout.session.async_payment_succeeded": SessionObject,
  "checkout.session.async_payment_failed": SessionObject,
  "checkout.session.expired": SessionObject,
  "charge.refunded": ChargeObject,
  "invoice.paid": InvoiceObject,
  "invoice.payment_failed": InvoiceObject,
  "customer.subscription.updated": SubscriptionObject,
  "customer.subscription.deleted": SubscriptionObject,
};

export type CheckedStripeEvent = { ok: true; event: Stripe.Event } | { ok: false; id: string; type: string; created: Date; problem: string };

function problemOf(error: z.ZodError, prefix: string[] = []): string {
  // Paths hold the event's own keys: their control characters are not recorded.
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const paths = error.issues.map((i) => [...prefix, ...i.path].join(".").replace(/[\u0000-\u001f\u007f-\u009f]/g, "?") || "(event)");
  return [...new Set(paths)].join(", ").slice(0, 500);
}

/**
 * Checks a signed event's parsed JSON (`body` is the raw bytes, to name an
 * event that has no usable id). Not ok: its id (or `invalid:` and the body's
 * SHA-256), its type (or "invalid") and what was wrong.
 */
export function checkStripeEvent(raw: unknown, body: Buffer, now: Date = new Date()): CheckedStripeEvent {
  const envelope = Envelope.safeParse(raw);
  const loose = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const fallback = () => ({
    id: stripeId.safeParse(loose.id).success ? (loose.id as string) : `invalid:${createHash("sha256").update(body).digest("hex")}`,
    type: stripeId.safeParse(loose.type).success ? (loose.type as string) : "invalid",
    created: typeof loose.created === "number" && Number.isInteger(loose.created) && loose.created >= 0 && loose.created < 32503680000 ? new Date(loose.created * 1000) : now,
  });
  if (!envelope.success) return { ok: false, ...fallback(), problem: problemOf(envelope.error) };
  const schema = objectSchemas[envelope.data.type];
  if (schema) {
    const object = schema.safeParse(envelope.data.data.object);
    if (!object.success) return { ok: false, ...fallback(), problem: problemOf(object.error, ["data", "object"]) };
  }
  return { ok: true, event: raw as Stripe.Event };
}

/** Records a signed event that failed the check, so it is acknowledged once and visible; a repeat changes nothing. */
export async function recordInvalidStripeEvent(checked: Extract<CheckedStripeEvent, { ok: false }>): Promise<{ outcome: "ignored"; why: "invalid" } | { outcome: "duplicate" }> {
  try {
    await prisma.stripeEvent.create({ data: { id: checked.id, type: checked.type, createdAt: checked.created, problem: checked.problem } });
    return { outcome: "ignored", why: "invalid" };
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: "duplicate" };
    throw error;
  }
}

class ConcurrentChange extends Error {}


const paymentSelect = {
  id: true,
  leadId: true,
  provider: true,
  status: true,
  expectedCents: true,
  amountCents: true,
  currency: true,
  mismatch: true,
  lastEventAt: true,
  paidAt: true,
  refundedAt: true,
  stripeSessionId: true,
  stripePaymentIntentId: true,
  refundedCents: true,
  updatedAt: true,
} as const;

async function findPayment(db: Tx, refs: PaymentEvent["refs"]) {
  if (refs.sessionId) {
    const bySession = await db.payment.findUnique({ where: { stripeSessionId: refs.sessionId }, select: paymentSelect });
    if (bySession) return bySession;
  }
  if (refs.paymentId) {
    const byId = await db.payment.findFirst({ where: { id: refs.paymentId, provider: "stripe" }, select: paymentSelect });
    if (byId) return byId;
  }
  if (refs.invoiceId) {
    const byInvoice = await db.payment.findUnique({ where: { stripeInvoiceId: refs.invoiceId }, select: paymentSelect });
    if (byInvoice) return byInvoice;
  }
  if (refs.paymentIntentId) {
    return db.payment.findFirst({ where: { stripePaymentIntentId: refs.paymentIntentId }, select: paymentSelect });
  }
  return null;
}

/**
 * A charge event without our metadata: ask Stripe which Checkout Session made
 * the payment intent, or (a retainer month, whose charge does not name its
 * invoice on newer API versions) which subscription invoice it paid.
 */
async function resolveRefs(refs: PaymentEvent["refs"]): Promise<PaymentEvent["refs"]> {
  if (refs.paymentId || refs.sessionId || refs.invoiceId || !refs.paymentIntentId) return refs;
  if (await prisma.payment.findFirst({ where: { stripePaymentIntentId: refs.paymentIntentId }, select: { id: true } })) return refs;
  const sessions = await getStripe().checkout.sessions.list({ payment_intent: refs.paymentIntentId, limit: 1 });
  const session = sessions.data[0];
  if (!session) {
    const paid = await getStripe().invoicePayments.list({ payment: { type: "payment_intent", payment_intent: refs.paymentIntentId }, limit: 1 });
    const invoice = paid.data[0]?.invoice;
    const invoiceId = typeof invoice === "string" ? invoice : (invoice?.id ?? null);
    return invoiceId ? { ...refs, invoiceId } : refs;
  }
  const paymentId = session.metadata?.[PAYMENT_METADATA_KEY];
  return { ...refs, sessionId: session.id, paymentId: typeof paymentId === "string" && paymentId ? paymentId : null };
}

function toState(row: NonNullable<Awaited<ReturnType<typeof findPayment>>>): PaymentState {
  return {
    status: isPaymentStatus(row.status) ? row.status : "pending",
    expectedCents: row.expectedCents,
    amountCents: row.amountCents,
    currency: row.currency,
    mismatch: row.mismatch,
    lastEventAt: row.lastEventAt,
    paidAt: row.paidAt,
    refundedAt: row.refundedAt,
  };
}

async function applyOnce(event: Stripe.Event, read: PaymentEvent | null, refs: PaymentEvent["refs"] | null): Promise<WebhookOutcome> {
  return prisma.$transaction(async (tx) => {
    // First: the event id. A second delivery fails here and changes nothing.
    await tx.stripeEvent.create({ data: { id: event.id, type: event.type, createdAt: new Date(event.created * 1000) } });
    if (!read || !refs) return { outcome: "ignored", why: "type" } as const;
    const row = await findPayment(tx, refs);
    if (!row) return { outcome: "ignored", why: "unknown-payment" } as const;

    const before = toState(row);
    const { next, statusChanged, newMismatch, stale, kept } = applySignal(before, read.signal);
    const { count } = await tx.payment.updateMany({
      // Optimistic: another event for this payment committed in between → start again.
      where: { id: row.id, updatedAt: row.updatedAt },
      data: {
        status: next.status,
        amountCents: next.amountCents,
        mismatch: next.mismatch,
        lastEventAt: next.lastEventAt,
        paidAt: next.paidAt,
        refundedAt: next.refundedAt,
        // The running total Stripe reports, the largest heard (reports come out of order); a full refund is all of it.
        refundedCents: read.signal.type === "refunded" ? Math.max(row.refundedCents, read.signal.full ? read.signal.amountCents : read.signal.refundedCents) : row.refundedCents,
        stripeSessionId: row.stripeSessionId ?? refs.sessionId,
        stripePaymentIntentId: row.stripePaymentIntentId ?? refs.paymentIntentId,
      },
    });
    if (count !== 1) throw new ConcurrentChange();

    const base = { paymentId: row.id, eventId: event.id, eventType: event.type, livemode: read.livemode, stale };
    if (statusChanged) {
      // A refund keeps how much was refunded (the dashboard and the panel read it back).
      const refund = read.signal.type === "refunded" ? { refundedCents: read.signal.refundedCents } : {};
      await recordAudit({ action: `payment.${next.status}`, leadId: row.leadId, data: { ...base, from: before.status, amountCents: next.amountCents, expectedCents: next.expectedCents, currency: next.currency, ...refund } }, tx);
    }
    if (newMismatch && read.signal.type !== "async.failed" && read.signal.type !== "checkout.expired") {
      await recordAudit(
        { action: "payment.mismatch", leadId: row.leadId, data: { ...base, reportedCents: read.signal.amountCents, reportedCurrency: read.signal.currency.toUpperCase(), expectedCents: next.expectedCents, currency: next.currency } },
        tx,
      );
    }
    if (read.signal.type === "refunded" && kept === "partial-refund") {
      await recordAudit({ action: "payment.partial_refund", leadId: row.leadId, data: { ...base, refundedCents: read.signal.refundedCents, amountCents: read.signal.amountCents } }, tx);
    }
    if (!statusChanged && !newMismatch && kept !== "partial-refund") {
      logger.info({ paymentId: row.id, eventId: event.id, type: event.type, kept, stale }, "stripe event changed no payment state");
    }
    await syncLeadStatus(tx, row.leadId, null);
    // The invoice of a payment that counts, a credit note for each step refunded (full or partial, including a
    // refund heard before the payment was invoiced): in this transaction, once each.
    if (countsAsPaid(next)) await issueInvoiceForPayment(tx, row.id);
    await issueCreditNoteForPayment(tx, row.id);
    const paidNow = statusChanged && countsAsPaid(next);
    // The receipt and the owners' note, with the event that made it paid (a redelivery stops at the event id above).
    if (paidNow) await enqueuePaymentEmails(tx, { leadId: row.leadId, paymentId: row.id });
    return { outcome: "applied", paymentId: row.id, status: next.status, changed: statusChanged, paidNow } as const;
  });
}

/** Applies one verified event, exactly once. Throws only when it should be retried (database or Stripe down). */
export async function processStripeEvent(event: Stripe.Event): Promise<WebhookOutcome> {
  if (await prisma.stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return { outcome: "duplicate" };
  // The monthly retainer's events (a subscription-mode checkout, its invoices, the subscription itself).
  const subscriptionEvent = readSubscriptionEvent(event);
  if (subscriptionEvent) return processSubscriptionEvent(event, subscriptionEvent);
  const read = readStripeEvent(event);
  const refs = read ? await resolveRefs(read.refs) : null;
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyOnce(event, read, refs);
    } catch (error) {
      if (isUniqueViolation(error)) return { outcome: "duplicate" };
      if (error instanceof ConcurrentChange && attempt < 5) continue;
      throw error;
    }
  }
}
