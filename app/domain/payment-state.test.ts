import { describe, expect, it } from "vitest";
import { applySignal, applySignals, countsAsPaid, isPaymentStatus, refundedUpTo, refundedWithin, type PaymentSignal, type PaymentState } from "./payment-state";

const t = (seconds: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, seconds));
const pending: PaymentState = {
  status: "pending",
  expectedCents: 61_000,
  amountCents: 61_000,
  currency: "EUR",
  mismatch: false,
  lastEventAt: null,
  paidAt: null,
  refundedAt: null,
};
const completed = (at: number, paid = true, amountCents = 61_000): PaymentSignal => ({ type: "checkout.completed", at: t(at), paid, amountCents, currency: "eur" });
const succeeded = (at: number): PaymentSignal => ({ type: "async.succeeded", at: t(at), amountCents: 61_000, currency: "eur" });
const failed = (at: number): PaymentSignal => ({ type: "async.failed", at: t(at) });
const refunded = (at: number, refundedCents = 61_000): PaymentSignal => ({ type: "refunded", at: t(at), full: refundedCents === 61_000, refundedCents, amountCents: 61_000, currency: "eur" });

describe("payment state machine", () => {
  it("a paid checkout marks the payment paid, with the time", () => {
    const step = applySignal(pending, completed(1));
    expect(step.statusChanged).toBe(true);
    expect(step.next).toMatchObject({ status: "paid", paidAt: t(1), lastEventAt: t(1), mismatch: false });
    expect(countsAsPaid(step.next)).toBe(true);
  });

  it("an unpaid checkout (delayed payment method) stays pending until the async result", () => {
    const waiting = applySignal(pending, completed(1, false));
    expect(waiting.statusChanged).toBe(false);
    expect(waiting.kept).toBe("same");
    expect(waiting.next.status).toBe("pending");
    expect(applySignal(waiting.next, succeeded(5)).next.status).toBe("paid");
    expect(applySignal(waiting.next, failed(5)).next.status).toBe("failed");
  });

  it("a full refund is final; a partial one leaves the status", () => {
    const paid = applySignal(pending, completed(1)).next;
    const partial = applySignal(paid, refunded(5, 10_000));
    expect(partial.kept).toBe("partial-refund");
    expect(partial.next.status).toBe("paid");
    const full = applySignal(paid, refunded(6));
    expect(full.next).toMatchObject({ status: "refunded", refundedAt: t(6), paidAt: t(1) });
    expect(countsAsPaid(full.next)).toBe(false);
    for (const late of [completed(9), succeeded(9), failed(9), completed(9, false)]) {
      const step = applySignal(full.next, late);
      expect(step.next.status).toBe("refunded");
      expect(step.statusChanged).toBe(false);
    }
  });

  it("out of order: a refund delivered before the completed event still ends refunded", () => {
    const state = applySignals(pending, [refunded(6), completed(1)]);
    expect(state.status).toBe("refunded");
    expect(state.lastEventAt).toEqual(t(6));
    const step = applySignal(applySignal(pending, refunded(6)).next, completed(1));
    expect(step.stale).toBe(true);
    expect(step.kept).toBe("precedence");
  });

  it("a refund before the payment's own event leaves paidAt set, from the charge when it says when", () => {
    expect(applySignals(pending, [refunded(6), completed(1)]).paidAt).toEqual(t(6));
    const withCharge: PaymentSignal = { type: "refunded", at: t(6), full: true, refundedCents: 61_000, paidAt: t(2), amountCents: 61_000, currency: "eur" };
    expect(applySignals(pending, [withCharge, completed(1)])).toMatchObject({ status: "refunded", paidAt: t(2), refundedAt: t(6) });
    // A payment already paid keeps the time it was paid.
    expect(applySignals(pending, [completed(1), withCharge]).paidAt).toEqual(t(1));
  });

  it("out of order: the async success before the unpaid completed ends paid", () => {
    expect(applySignals(pending, [succeeded(5), completed(1, false)]).status).toBe("paid");
    expect(applySignals(pending, [failed(5), completed(1, false)]).status).toBe("failed");
  });

  it("every order of the same events ends in the same state", () => {
    const events = [completed(1, false), succeeded(3), refunded(7)];
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const order of orders) {
      const state = applySignals(pending, order.map((i) => events[i]!));
      expect(state.status).toBe("refunded");
      expect(state.lastEventAt).toEqual(t(7));
    }
  });

  it("an amount that differs from the one accepted is flagged once, and stays flagged", () => {
    const step = applySignal(pending, completed(1, true, 100));
    expect(step.newMismatch).toBe(true);
    expect(step.next).toMatchObject({ status: "paid", mismatch: true, amountCents: 100 });
    expect(countsAsPaid(step.next)).toBe(false);
    const again = applySignal(step.next, succeeded(2));
    expect(again.newMismatch).toBe(false);
    expect(again.next.mismatch).toBe(true);
  });

  it("another currency is a mismatch too", () => {
    const step = applySignal(pending, { type: "checkout.completed", at: t(1), paid: true, amountCents: 61_000, currency: "usd" });
    expect(step.newMismatch).toBe(true);
  });

  it("a stale event's amount does not replace a newer one", () => {
    const paid = applySignal(pending, completed(5, true, 61_000)).next;
    const stale = applySignal(paid, completed(1, true, 100));
    expect(stale.stale).toBe(true);
    expect(stale.next.amountCents).toBe(61_000);
    expect(stale.next.lastEventAt).toEqual(t(5));
    // …but it is still reported as a difference.
    expect(stale.next.mismatch).toBe(true);
  });

  it("an expired checkout fails a pending payment only", () => {
    expect(applySignal(pending, { type: "checkout.expired", at: t(1) }).next.status).toBe("failed");
    const paid = applySignal(pending, completed(1)).next;
    expect(applySignal(paid, { type: "checkout.expired", at: t(2) }).next.status).toBe("paid");
  });

  it("knows its statuses", () => {
    expect(isPaymentStatus("paid")).toBe(true);
    expect(isPaymentStatus("lost")).toBe(false);
  });
});

describe("refunded amounts", () => {
  const records = [
    { paymentId: "a", at: t(10), refundedCents: 1_000 },
    { paymentId: "a", at: t(30), refundedCents: 61_000 },
    // A late, older report: the total never goes down.
    { paymentId: "a", at: t(40), refundedCents: 1_000 },
    { paymentId: "b", at: t(20), refundedCents: 500 },
  ];
  it("takes the largest total reported, never the sum", () => {
    expect(refundedUpTo(records, null)).toEqual(new Map([["a", 61_000], ["b", 500]]));
    expect(refundedUpTo(records, t(20))).toEqual(new Map([["a", 1_000]]));
  });
  it("splits refunds by period", () => {
    expect(refundedWithin(records, t(0), t(15))).toEqual(new Map([["a", 1_000]]));
    expect(refundedWithin(records, t(15), t(50))).toEqual(new Map([["a", 60_000], ["b", 500]]));
  });
});
