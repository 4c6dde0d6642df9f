import { describe, expect, it } from "vitest";
import {
  addMonths,
  applySubscriptionSignal,
  applySubscriptionSignals,
  cancellationPlan,
  fromStripeStatus,
  minimumTermEnd,
  newSubscriptionState,
  retainerBlock,
  retainerFigures,
  retainerPortal,
  type SubscriptionSignal,
} from "./subscription";

const d = (iso: string) => new Date(iso);

describe("minimum term", () => {
  it.each([
    ["2026-01-15T10:00:00Z", 3, "2026-04-15T10:00:00Z"],
    ["2026-01-31T10:00:00Z", 1, "2026-02-28T10:00:00Z"], // no 31 February: its last day
    ["2028-01-31T10:00:00Z", 1, "2028-02-29T10:00:00Z"], // leap year
    ["2026-11-30T23:59:59Z", 3, "2027-02-28T23:59:59Z"], // across the year
    ["2026-08-31T00:00:00Z", 12, "2027-08-31T00:00:00Z"],
  ])("started %s, %i months: ends %s", (start, months, end) => {
    expect(minimumTermEnd(d(start), months).toISOString()).toBe(end.replace("Z", ".000Z"));
  });

  it("adds months one at a time the way Stripe bills them (from the start, not from the last bill)", () => {
    expect(addMonths(d("2026-01-31T00:00:00Z"), 2).toISOString()).toBe("2026-03-31T00:00:00.000Z");
  });
});

describe("when a cancellation takes effect", () => {
  const term = d("2026-04-15T10:00:00Z");
  const periodEnd = d("2026-03-15T10:00:00Z");
  it("before the minimum term ends: at the end of the term (cancel_at)", () => {
    expect(cancellationPlan({ now: d("2026-02-20T09:00:00Z"), minimumTermEndsAt: term, currentPeriodEnd: periodEnd })).toEqual({ kind: "at_term_end", at: term });
  });
  it("at or after its end: at the end of the month being paid", () => {
    expect(cancellationPlan({ now: term, minimumTermEndsAt: term, currentPeriodEnd: d("2026-05-15T10:00:00Z") })).toEqual({ kind: "at_period_end", at: d("2026-05-15T10:00:00Z") });
    expect(cancellationPlan({ now: d("2026-09-01T00:00:00Z"), minimumTermEndsAt: term, currentPeriodEnd: null })).toEqual({ kind: "at_period_end", at: null });
  });
});

describe("the subscription state machine", () => {
  const t0 = d("2026-01-15T10:00:00Z");
  const sec = (n: number) => new Date(t0.getTime() + n * 1000);
  const completed: SubscriptionSignal = { type: "checkout.completed", at: sec(0), paid: true };
  const firstPaid: SubscriptionSignal = { type: "invoice.paid", at: sec(1), periodEnd: d("2026-02-15T10:00:00Z") };
  const renewed: SubscriptionSignal = { type: "invoice.paid", at: sec(100), periodEnd: d("2026-03-15T10:00:00Z") };
  const renewedSub: SubscriptionSignal = { type: "subscription.updated", at: sec(100), status: "active", currentPeriodEnd: d("2026-03-15T10:00:00Z"), cancelAt: null };
  const failed: SubscriptionSignal = { type: "invoice.failed", at: sec(200) };
  const failedSub: SubscriptionSignal = { type: "subscription.updated", at: sec(200), status: "past_due", currentPeriodEnd: d("2026-04-15T10:00:00Z"), cancelAt: null };
  const deleted: SubscriptionSignal = { type: "subscription.deleted", at: sec(300), canceledAt: sec(300) };

  it("in order: active, renewed, then past due after a failed renewal, then canceled", () => {
    const active = applySubscriptionSignals(newSubscriptionState, [completed, firstPaid]);
    expect(active).toMatchObject({ status: "active", currentPeriodEnd: d("2026-02-15T10:00:00Z"), failedRenewals: 0, lastEventAt: sec(1) });
    const pastDue = applySubscriptionSignals(active, [renewed, renewedSub, failed, failedSub]);
    expect(pastDue).toMatchObject({ status: "past_due", currentPeriodEnd: d("2026-04-15T10:00:00Z"), failedRenewals: 1, lastEventAt: sec(200) });
    expect(applySubscriptionSignal(pastDue, deleted).next).toMatchObject({ status: "canceled", canceledAt: sec(300) });
  });

  it("an older event never overwrites a newer state, whatever the order of delivery", () => {
    const signals = [completed, firstPaid, renewed, renewedSub, failed, failedSub];
    const inOrder = applySubscriptionSignals(newSubscriptionState, signals);
    // Every order of the same events ends in the same state.
    const orders = [[...signals].reverse(), [failedSub, completed, renewed, failed, firstPaid, renewedSub], [renewedSub, failed, firstPaid, failedSub, completed, renewed]];
    for (const order of orders) expect(applySubscriptionSignals(newSubscriptionState, order)).toEqual(inOrder);
  });

  it("a late 'paid' of an earlier month does not turn a past-due subscription active, nor move the renewal date back", () => {
    const pastDue = applySubscriptionSignals(newSubscriptionState, [completed, failed, failedSub]);
    const { next, stale, statusChanged } = applySubscriptionSignal(pastDue, firstPaid);
    expect([stale, statusChanged]).toEqual([true, false]);
    expect(next).toMatchObject({ status: "past_due", currentPeriodEnd: d("2026-04-15T10:00:00Z") });
  });

  it("a failed renewal counts even when its event comes late, and is counted once per event", () => {
    const active = applySubscriptionSignals(newSubscriptionState, [completed, renewed]);
    expect(applySubscriptionSignal(active, { type: "invoice.failed", at: sec(50) }).next).toMatchObject({ status: "active", failedRenewals: 1 });
  });

  it("canceled is final: a deletion wins even when older news arrives after it, or when it is itself late", () => {
    const canceled = applySubscriptionSignals(newSubscriptionState, [completed, deleted]);
    expect(applySubscriptionSignals(canceled, [renewed, renewedSub, { ...renewedSub, at: sec(400) }])).toMatchObject({ status: "canceled", canceledAt: sec(300) });
    const lateDeletion = applySubscriptionSignals(newSubscriptionState, [completed, { ...renewedSub, at: sec(500) }, deleted]);
    expect(lateDeletion.status).toBe("canceled");
  });

  it("a cancellation scheduled by Stripe is kept until a newer update clears it", () => {
    const scheduled = applySubscriptionSignals(newSubscriptionState, [completed, { ...renewedSub, cancelAt: d("2026-04-15T10:00:00Z") }]);
    expect(scheduled.cancelAt).toEqual(d("2026-04-15T10:00:00Z"));
    expect(applySubscriptionSignal(scheduled, { ...renewedSub, at: sec(50), cancelAt: null }).next.cancelAt).toEqual(d("2026-04-15T10:00:00Z"));
  });

  it("reads Stripe's statuses as ours", () => {
    expect(["active", "trialing", "past_due", "canceled", "incomplete_expired", "unpaid", "paused", "incomplete"].map(fromStripeStatus)).toEqual(["active", "active", "past_due", "canceled", "canceled", "unpaid", "unpaid", "incomplete"]);
  });
});

describe("MRR and counts per state", () => {
  it("sums the monthly amounts of the active subscriptions only, per currency", () => {
    const figures = retainerFigures([
      { status: "active", monthlyCents: 90000, currency: "EUR" },
      { status: "active", monthlyCents: 46800, currency: "EUR" },
      { status: "past_due", monthlyCents: 160000, currency: "EUR" },
      { status: "canceled", monthlyCents: 45000, currency: "EUR" },
      { status: "incomplete", monthlyCents: 45000, currency: "EUR" },
      { status: "nonsense", monthlyCents: 1, currency: "EUR" },
    ]);
    expect(figures.mrr).toEqual([{ currency: "EUR", cents: 136800 }]);
    expect(figures.counts).toEqual({ incomplete: 1, active: 2, past_due: 1, canceled: 1, unpaid: 0 });
    expect(retainerFigures([]).mrr).toEqual([]);
  });
});

describe("what the client is offered", () => {
  it("a public body pays by bank transfer; no card without online payment; nothing under Stripe's minimum", () => {
    expect(retainerBlock({ treatment: "splitPayment", monthlyDueCents: 90000, online: true })).toBe("bank_transfer");
    expect(retainerBlock({ treatment: "standard", monthlyDueCents: 90000, online: false })).toBe("disabled");
    expect(retainerBlock({ treatment: "standard", monthlyDueCents: 49, online: true })).toBe("nothing_due");
    expect(retainerBlock({ treatment: "reverseCharge", monthlyDueCents: 50, online: true })).toBeNull();
  });

  it("offers the start until Stripe has the subscription, then its state", () => {
    const base = { payments: [], treatment: "standard", monthlyDueCents: 93800, minimumTermMonths: 3, online: true };
    expect(retainerPortal({ ...base, row: null })).toMatchObject({ offer: "start", subscription: null, minimumTermMonths: 3 });
    const row = { status: "incomplete", stripeSubscriptionId: null, monthlyCents: 93800, currency: "EUR", minimumTermMonths: 6, currentPeriodEnd: null, minimumTermEndsAt: null, cancelAt: null, failedRenewals: 0 };
    expect(retainerPortal({ ...base, row })).toMatchObject({ offer: "start", subscription: null, minimumTermMonths: 6 });
    const active = retainerPortal({ ...base, row: { ...row, status: "active", stripeSubscriptionId: "sub_1", currentPeriodEnd: d("2026-02-15T10:00:00Z") } });
    expect(active).toMatchObject({ offer: null, subscription: { status: "active", cancellable: true, currentPeriodEnd: "2026-02-15T10:00:00.000Z" } });
    const ending = retainerPortal({ ...base, row: { ...row, status: "active", stripeSubscriptionId: "sub_1", cancelAt: d("2026-04-15T10:00:00Z") } });
    expect(ending.subscription?.cancellable).toBe(false);
  });

  it("once it has ended: its state, and a new one offered with the minimum term of today's settings", () => {
    const base = { payments: [], treatment: "standard", monthlyDueCents: 93800, minimumTermMonths: 3, online: true };
    const row = { status: "canceled", stripeSubscriptionId: "sub_1", monthlyCents: 93800, currency: "EUR", minimumTermMonths: 6, currentPeriodEnd: null, minimumTermEndsAt: null, cancelAt: null, failedRenewals: 0 };
    expect(retainerPortal({ ...base, row })).toMatchObject({ offer: "start", minimumTermMonths: 3, subscription: { status: "canceled", cancellable: false } });
    expect(retainerPortal({ ...base, row, online: false })).toMatchObject({ offer: "disabled", subscription: { status: "canceled" } });
  });
});
