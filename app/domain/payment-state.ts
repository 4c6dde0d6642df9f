// The payment state machine: what a Stripe event does to a Payment, as a pure
// function. Events can arrive late, twice (the webhook drops repeats by event
// id before this runs) or out of order, so:
//   - States have a precedence: pending < failed < paid < refunded. An event
//     only ever moves a payment up; a late "completed" cannot take a refunded
//     payment back to paid, a late "unpaid" cannot take a paid one back to
//     pending. Refunded is final.
//   - lastEventAt is the time (Stripe's event.created) of the newest event
//     applied. An event older than it is stale: it may still move the state up
//     (a refund that was delivered late is still a refund) but its amount does
//     not replace the one a newer event reported.
//   - Every amount reported is compared with the amount expected (the fee
//     accepted, VAT included): a difference sets `mismatch`, which stays set
//     until the owner looks at it. Nothing is silently accepted.
// Money is integer cents.

export const paymentStatuses = ["pending", "failed", "paid", "refunded"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export function isPaymentStatus(value: unknown): value is PaymentStatus {
  return typeof value === "string" && (paymentStatuses as readonly string[]).includes(value);
}

const rank: Record<PaymentStatus, number> = { pending: 0, failed: 1, paid: 2, refunded: 3 };

export interface PaymentState {
  status: PaymentStatus;
  expectedCents: number;
  amountCents: number;
  /** ISO code, upper case ("EUR"). */
  currency: string;
  mismatch: boolean;
  lastEventAt: Date | null;
  paidAt: Date | null;
  refundedAt: Date | null;
}

interface Reported {
  amountCents: number;
  /** As Stripe writes it ("eur"); compared without case. */
  currency: string;
}

/** What a Stripe event says about a payment, stripped of Stripe's shapes. */
export type PaymentSignal =
  | ({ type: "checkout.completed"; at: Date; paid: boolean } & Reported)
  | ({ type: "async.succeeded"; at: Date } & Reported)
  | { type: "async.failed"; at: Date }
  | { type: "checkout.expired"; at: Date }
  /**
   * `amountCents` is the charge's amount; `full` when all of it was refunded;
   * `refundedCents` how much of it is refunded so far (Stripe's amount_refunded);
   * `paidAt` when the charge was made (a refund proves the money came in, even
   * when the checkout's own event has not arrived yet).
   */
  | ({ type: "refunded"; at: Date; full: boolean; refundedCents: number; paidAt?: Date } & Reported);

export interface Transition {
  next: PaymentState;
  /** The status moved: write an audit entry `payment.<next.status>`. */
  statusChanged: boolean;
  /** This signal is the first to report an amount that differs from the expected one: audit `payment.mismatch`. */
  newMismatch: boolean;
  /** Older than the newest event applied before it. */
  stale: boolean;
  /** Why the status stayed as it was, when it did. */
  kept: null | "same" | "precedence" | "partial-refund" | "no-change";
}

function wanted(signal: PaymentSignal): PaymentStatus | null {
  switch (signal.type) {
    case "checkout.completed":
      return signal.paid ? "paid" : "pending";
    case "async.succeeded":
      return "paid";
    case "async.failed":
    case "checkout.expired":
      return "failed";
    case "refunded":
      return signal.full ? "refunded" : null;
  }
}

function reported(signal: PaymentSignal): Reported | null {
  return "amountCents" in signal ? { amountCents: signal.amountCents, currency: signal.currency } : null;
}

export function amountDiffers(state: Pick<PaymentState, "expectedCents" | "currency">, report: Reported): boolean {
  return report.amountCents !== state.expectedCents || report.currency.toUpperCase() !== state.currency.toUpperCase();
}

export function applySignal(state: PaymentState, signal: PaymentSignal): Transition {
  const stale = state.lastEventAt !== null && signal.at.getTime() < state.lastEventAt.getTime();
  const report = reported(signal);
  const differs = report ? amountDiffers(state, report) : false;
  const mismatch = state.mismatch || differs;

  const target = wanted(signal);
  let status = state.status;
  let kept: Transition["kept"] = null;
  if (target === null) kept = signal.type === "refunded" ? "partial-refund" : "no-change";
  else if (target === state.status) kept = "same";
  else if (rank[target] < rank[state.status]) kept = "precedence";
  else status = target;
  const statusChanged = status !== state.status;

  const next: PaymentState = {
    ...state,
    status,
    mismatch,
    // A charge's amount is what was paid; a stale event's amount is older news.
    amountCents: report && !stale ? report.amountCents : state.amountCents,
    lastEventAt: stale ? state.lastEventAt : signal.at,
    paidAt: statusChanged && status === "paid" ? signal.at : paidAtFromRefund(state, signal) ?? state.paidAt,
    refundedAt: statusChanged && status === "refunded" ? signal.at : state.refundedAt,
  };
  return { next, statusChanged, newMismatch: mismatch && !state.mismatch, stale, kept };
}

/** A refund arriving before the payment it refunds: the charge's own time is when the money came in. */
function paidAtFromRefund(state: PaymentState, signal: PaymentSignal): Date | null {
  if (signal.type !== "refunded" || state.paidAt) return null;
  return signal.paidAt ?? signal.at;
}

/** Applies signals in the order they are delivered (what the webhook does, one event at a time). */
export function applySignals(state: PaymentState, signals: readonly PaymentSignal[]): PaymentState {
  return signals.reduce((current, signal) => applySignal(current, signal).next, state);
}

/** A payment the owner can count as received: paid, and for the amount accepted. */
export function countsAsPaid(state: Pick<PaymentState, "status" | "mismatch">): boolean {
  return state.status === "paid" && !state.mismatch;
}

/** A refund as Stripe reported it: how much of the payment was refunded so far (cumulative), and when we heard. */
export interface RefundRecord {
  paymentId: string;
  at: Date;
  refundedCents: number;
}

/**
 * How much of each payment was refunded before `until` (everything heard when
 * null). Stripe reports the total refunded so far, and reports can arrive out
 * of order, so the largest one wins, never their sum.
 */
export function refundedUpTo(records: readonly RefundRecord[], until: Date | null): Map<string, number> {
  const totals = new Map<string, number>();
  for (const r of records) {
    if (until && r.at.getTime() >= until.getTime()) continue;
    totals.set(r.paymentId, Math.max(totals.get(r.paymentId) ?? 0, r.refundedCents));
  }
  return totals;
}

/** Refunded between `from` (included) and `to` (excluded), per payment. */
export function refundedWithin(records: readonly RefundRecord[], from: Date, to: Date): Map<string, number> {
  const before = refundedUpTo(records, from);
  const result = new Map<string, number>();
  for (const [id, total] of refundedUpTo(records, to)) {
    const amount = total - (before.get(id) ?? 0);
    if (amount > 0) result.set(id, amount);
  }
  return result;
}

/** The audit entries that say how much of a Stripe payment was refunded (Stripe's amount_refunded, cumulative). */
export const refundAuditActions = ["payment.refunded", "payment.partial_refund"] as const;

/** One refund audit entry as a RefundRecord, or null when it carries no amount. */
export function refundRecord(entry: { createdAt: Date; data: unknown }): RefundRecord | null {
  let data = entry.data;
  if (typeof data === "string") {
    try {
      data = JSON.parse(data) as unknown;
    } catch {
      return null;
    }
  }
  if (typeof data !== "object" || data === null) return null;
  const { paymentId, refundedCents } = data as { paymentId?: unknown; refundedCents?: unknown };
  if (typeof paymentId !== "string" || typeof refundedCents !== "number" || !Number.isInteger(refundedCents)) return null;
  return { paymentId, at: entry.createdAt, refundedCents };
}

/** How much of a payment went back: what Stripe reported, or all of it for a refunded payment with no amount on record. */
export function refundedAmount(payment: { id: string; status: string; amountCents: number }, reported: Map<string, number>): number {
  const amount = reported.get(payment.id);
  if (amount !== undefined) return Math.min(amount, payment.amountCents || amount);
  return payment.status === "refunded" ? payment.amountCents : 0;
}
