// The monthly retainer as a Stripe subscription, as pure functions: the
// minimum term, when a cancellation takes effect, the state a verified event
// leads to, and the monthly recurring revenue. No database, no Stripe, no words.
//
// Events arrive late, twice (the webhook drops repeats by event id before this
// runs) or out of order, so:
//   - lastEventAt is the time (Stripe's event.created) of the newest event
//     applied. An older event is stale: it never overwrites the status, the
//     renewal date or the cancellation a newer event set.
//   - "canceled" is final: no event, stale or not, brings a subscription back.
//     A deletion is applied even when stale (the subscription did end).
//   - The renewal date only moves forward (a late invoice of an earlier month
//     cannot take it back).
//   - Every failed renewal counts, stale or not (it happened).
// Money is integer cents.

import { STRIPE_MINIMUM_CENTS } from "./payment-view";

export const subscriptionStatuses = ["incomplete", "active", "past_due", "canceled", "unpaid"] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

export function isSubscriptionStatus(value: unknown): value is SubscriptionStatus {
  return typeof value === "string" && (subscriptionStatuses as readonly string[]).includes(value);
}

/** Stripe's subscription statuses read as ours: the ones we do not keep apart are the nearest of ours. */
export function fromStripeStatus(status: string): SubscriptionStatus {
  switch (status) {
    case "active":
    case "trialing":
      return "active";
    case "past_due":
      return "past_due";
    case "canceled":
    case "incomplete_expired":
      return "canceled";
    case "unpaid":
    case "paused":
      return "unpaid";
    default:
      return "incomplete";
  }
}

/**
 * `date` plus `months` calendar months, at the same time of day (UTC); a day
 * the month does not have is its last day (31 January + 1 month = 28 or 29
 * February), as Stripe bills a subscription started on the 31st.
 */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(date.getTime());
  result.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return result;
}

/** When the minimum term of a subscription started at `startedAt` ends. */
export function minimumTermEnd(startedAt: Date, months: number): Date {
  return addMonths(startedAt, months);
}

export type CancellationPlan =
  /** Before the minimum term ends: the subscription runs to the end of the term (Stripe's cancel_at). */
  | { kind: "at_term_end"; at: Date }
  /** After it: to the end of the month being paid (cancel_at_period_end). */
  | { kind: "at_period_end"; at: Date | null };

/** When a cancellation asked for `now` takes effect. */
export function cancellationPlan(input: { now: Date; minimumTermEndsAt: Date | null; currentPeriodEnd: Date | null }): CancellationPlan {
  const { now, minimumTermEndsAt, currentPeriodEnd } = input;
  if (minimumTermEndsAt && now.getTime() < minimumTermEndsAt.getTime()) return { kind: "at_term_end", at: minimumTermEndsAt };
  return { kind: "at_period_end", at: currentPeriodEnd };
}

/** Whether the client may still ask to cancel (not ended, not already ending). */
export function canCancel(state: Pick<SubscriptionState, "status" | "cancelAt">): boolean {
  return state.status !== "canceled" && state.status !== "incomplete" && state.cancelAt === null;
}

export interface SubscriptionState {
  status: SubscriptionStatus;
  currentPeriodEnd: Date | null;
  cancelAt: Date | null;
  canceledAt: Date | null;
  failedRenewals: number;
  lastEventAt: Date | null;
}

/** What a verified Stripe event says about a subscription, stripped of Stripe's shapes. */
export type SubscriptionSignal =
  /** The Checkout session finished; `paid` when the first month was paid with it. */
  | { type: "checkout.completed"; at: Date; paid: boolean }
  /** An invoice was paid; `periodEnd` is the end of the month it pays for. */
  | { type: "invoice.paid"; at: Date; periodEnd: Date | null }
  | { type: "invoice.failed"; at: Date }
  /** Stripe's whole subscription as it is now. */
  | { type: "subscription.updated"; at: Date; status: SubscriptionStatus; currentPeriodEnd: Date | null; cancelAt: Date | null }
  | { type: "subscription.deleted"; at: Date; canceledAt: Date | null };

export interface SubscriptionTransition {
  next: SubscriptionState;
  statusChanged: boolean;
  /** Older than the newest event applied before it. */
  stale: boolean;
}

const later = (a: Date | null, b: Date | null): Date | null => (a && b ? (a.getTime() >= b.getTime() ? a : b) : (a ?? b));

export function applySubscriptionSignal(state: SubscriptionState, signal: SubscriptionSignal): SubscriptionTransition {
  const stale = state.lastEventAt !== null && signal.at.getTime() < state.lastEventAt.getTime();
  const ended = state.status === "canceled";
  let { status, cancelAt, canceledAt, failedRenewals } = state;
  let currentPeriodEnd = state.currentPeriodEnd;
  const fresh = !stale && !ended;
  switch (signal.type) {
    case "checkout.completed":
      if (fresh && signal.paid && status === "incomplete") status = "active";
      break;
    case "invoice.paid":
      // Paid: back to active (a renewal that failed, then was paid), unless a newer event said otherwise.
      if (fresh) status = "active";
      currentPeriodEnd = later(currentPeriodEnd, signal.periodEnd);
      break;
    case "invoice.failed":
      failedRenewals += 1;
      if (fresh) status = "past_due";
      break;
    case "subscription.updated":
      if (fresh) {
        status = signal.status;
        cancelAt = signal.cancelAt;
        if (signal.status === "canceled") canceledAt = signal.at;
      }
      if (!ended) currentPeriodEnd = later(currentPeriodEnd, signal.currentPeriodEnd);
      break;
    case "subscription.deleted":
      // Final, even when it arrives before older news.
      status = "canceled";
      canceledAt = state.canceledAt ?? signal.canceledAt ?? signal.at;
      break;
  }
  const next: SubscriptionState = { status, currentPeriodEnd, cancelAt, canceledAt, failedRenewals, lastEventAt: later(state.lastEventAt, signal.at) };
  return { next, statusChanged: next.status !== state.status, stale };
}

/** Applies signals in the order they are delivered. */
export function applySubscriptionSignals(state: SubscriptionState, signals: readonly SubscriptionSignal[]): SubscriptionState {
  return signals.reduce((current, signal) => applySubscriptionSignal(current, signal).next, state);
}

export const newSubscriptionState: SubscriptionState = { status: "incomplete", currentPeriodEnd: null, cancelAt: null, canceledAt: null, failedRenewals: 0, lastEventAt: null };

/** Counts per status and the monthly recurring revenue: the sum of the active subscriptions' monthly amounts, per currency. */
export function retainerFigures(rows: ReadonlyArray<{ status: string; monthlyCents: number; currency: string }>) {
  const counts = Object.fromEntries(subscriptionStatuses.map((s) => [s, 0])) as Record<SubscriptionStatus, number>;
  const mrr = new Map<string, number>();
  for (const row of rows) {
    if (!isSubscriptionStatus(row.status)) continue;
    counts[row.status] += 1;
    if (row.status === "active") mrr.set(row.currency, (mrr.get(row.currency) ?? 0) + row.monthlyCents);
  }
  return { counts, mrr: [...mrr].map(([currency, cents]) => ({ currency, cents })).sort((a, b) => a.currency.localeCompare(b.currency)) };
}


export type RetainerBlock = "disabled" | "bank_transfer" | "nothing_due";

/** Why a client may not start the retainer online (null: they may). A public body (split payment) pays by bank transfer against the invoice, never by card. */
export function retainerBlock(input: { treatment: string; monthlyDueCents: number; online: boolean }): RetainerBlock | null {
  if (input.treatment === "splitPayment") return "bank_transfer";
  if (!input.online) return "disabled";
  if (input.monthlyDueCents < STRIPE_MINIMUM_CENTS) return "nothing_due";
  return null;
}

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export interface RetainerPortal {
  /** What the client is offered: to start it (again, once the last one ended), or why not (null while one is under way). */
  offer: "start" | RetainerBlock | null;
  monthlyDueCents: number;
  minimumTermMonths: number;
  subscription: {
    status: SubscriptionStatus;
    monthlyCents: number;
    currency: string;
    currentPeriodEnd: string | null;
    minimumTermEndsAt: string | null;
    cancelAt: string | null;
    failedRenewals: number;
    cancellable: boolean;
  } | null;
  payments: Array<{ id: string; status: string; amountCents: number; currency: string; paidAt: string | null }>;
}

/** The retainer's part of the client area (and of the lead page), from rows already read. */
export function retainerPortal(input: {
  row: { status: string; stripeSubscriptionId: string | null; monthlyCents: number; currency: string; minimumTermMonths: number; currentPeriodEnd: Date | null; minimumTermEndsAt: Date | null; cancelAt: Date | null; failedRenewals: number } | null;
  payments: ReadonlyArray<{ id: string; status: string; amountCents: number; currency: string; paidAt: Date | null }>;
  treatment: string;
  monthlyDueCents: number;
  minimumTermMonths: number;
  online: boolean;
}): RetainerPortal {
  const { row } = input;
  const status: SubscriptionStatus = row && isSubscriptionStatus(row.status) ? row.status : "incomplete";
  // Started means Stripe has the subscription (or a finished checkout is on its way).
  const started = row !== null && (status !== "incomplete" || row.stripeSubscriptionId !== null);
  // One that ended may be followed by a new one (a new minimum term): offered beside the ended one's state.
  const live = started && status !== "canceled";
  const block = retainerBlock({ treatment: input.treatment, monthlyDueCents: input.monthlyDueCents, online: input.online });
  return {
    offer: live ? null : (block ?? "start"),
    monthlyDueCents: input.monthlyDueCents,
    minimumTermMonths: row && status !== "canceled" ? row.minimumTermMonths : input.minimumTermMonths,
    subscription:
      started && row
        ? {
            status,
            monthlyCents: row.monthlyCents,
            currency: row.currency,
            currentPeriodEnd: isoOrNull(row.currentPeriodEnd),
            minimumTermEndsAt: isoOrNull(row.minimumTermEndsAt),
            cancelAt: isoOrNull(row.cancelAt),
            failedRenewals: row.failedRenewals,
            cancellable: canCancel({ status, cancelAt: row.cancelAt }),
          }
        : null,
    payments: input.payments.filter((p) => p.status === "paid" || p.status === "failed").map((p) => ({ id: p.id, status: p.status, amountCents: p.amountCents, currency: p.currency, paidAt: isoOrNull(p.paidAt) })),
  };
}
