import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { manualPaymentSchema } from "./payment-forms";
import { readStripeEvent } from "./stripe-events";

const event = (type: string, object: Record<string, unknown>) => ({ id: "evt_1", object: "event", type, created: 1_800_000_000, livemode: false, data: { object } }) as unknown as Stripe.Event;
const session = { id: "cs_1", object: "checkout.session", metadata: { socialbrief_payment: "pay_1" }, payment_intent: "pi_1", amount_total: 61000, currency: "eur" };

describe("readStripeEvent", () => {
  it("reads a completed checkout, paid or still processing, with its references", () => {
    const paid = readStripeEvent(event("checkout.session.completed", { ...session, payment_status: "paid" }));
    expect(paid).toEqual({
      eventId: "evt_1",
      type: "checkout.session.completed",
      signal: { type: "checkout.completed", at: new Date(1_800_000_000_000), paid: true, amountCents: 61000, currency: "eur" },
      refs: { paymentId: "pay_1", sessionId: "cs_1", paymentIntentId: "pi_1", invoiceId: null },
      livemode: false,
    });
    expect(readStripeEvent(event("checkout.session.completed", { ...session, payment_status: "unpaid" }))?.signal).toMatchObject({ paid: false });
  });

  it("reads async results, expiry and refunds (full or partial)", () => {
    expect(readStripeEvent(event("checkout.session.async_payment_succeeded", session))?.signal).toMatchObject({ type: "async.succeeded", amountCents: 61000 });
    expect(readStripeEvent(event("checkout.session.async_payment_failed", session))?.signal.type).toBe("async.failed");
    expect(readStripeEvent(event("checkout.session.expired", { ...session, payment_intent: null }))?.refs.paymentIntentId).toBeNull();
    const charge = { id: "ch_1", object: "charge", amount: 61000, amount_refunded: 1000, refunded: false, currency: "eur", payment_intent: "pi_1", metadata: {} };
    expect(readStripeEvent(event("charge.refunded", charge))).toMatchObject({
      signal: { type: "refunded", full: false, refundedCents: 1000, amountCents: 61000 },
      refs: { paymentId: null, sessionId: null, paymentIntentId: "pi_1", invoiceId: null },
    });
    expect(readStripeEvent(event("charge.refunded", { ...charge, amount_refunded: 61000, refunded: true }))?.signal).toMatchObject({ full: true });
  });

  it("ignores other event types", () => {
    expect(readStripeEvent(event("customer.created", { id: "cus_1" }))).toBeNull();
  });
});

describe("manual payment form", () => {
  it("reads amounts the Italian and English way, refuses future dates", () => {
    expect(manualPaymentSchema("it", "2026-03-01").parse({ intent: "manual", amount: "1.234,50", paidOn: "2026-03-01", note: " CRO " })).toEqual({ intent: "manual", amount: 123450, paidOn: "2026-03-01", note: "CRO" });
    expect(manualPaymentSchema("en", "2026-03-01").parse({ intent: "manual", amount: "€610.00", paidOn: "2026-02-28", note: "x" }).amount).toBe(61000);
    const bad = manualPaymentSchema("it", "2026-03-01").safeParse({ intent: "manual", amount: "0", paidOn: "2026-03-02", note: "x" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path[0])).toEqual(["amount", "paidOn"]);
  });
});
