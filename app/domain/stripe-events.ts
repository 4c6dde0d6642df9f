// What a verified Stripe event says about one of our payments, stripped of
// Stripe's shapes: the signal for the payment state machine (payment-state.ts)
// and the references that find our Payment row. Pure: no database, no network.
import type Stripe from "stripe";
import type { PaymentSignal } from "./payment-state";

/** Metadata key on the Checkout Session and its PaymentIntent: our Payment row's id. */
export const PAYMENT_METADATA_KEY = "socialbrief_payment";

/** The event types the webhook acts on; any other is acknowledged and ignored. */
export const handledEventTypes = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "charge.refunded",
] as const;

export interface PaymentRefs {
  /** From our metadata, when the object carries it. */
  paymentId: string | null;
  sessionId: string | null;
  paymentIntentId: string | null;
  /** A retainer month's charge: the Stripe invoice it paid (the Payment's stripeInvoiceId). */
  invoiceId: string | null;
}

export interface PaymentEvent {
  eventId: string;
  type: (typeof handledEventTypes)[number];
  signal: PaymentSignal;
  refs: PaymentRefs;
  livemode: boolean;
}

const idOf = (value: string | { id: string } | null | undefined): string | null => (typeof value === "string" ? value : (value?.id ?? null));

function metadataPayment(metadata: Stripe.Metadata | null | undefined): string | null {
  const value = metadata?.[PAYMENT_METADATA_KEY];
  return typeof value === "string" && value !== "" ? value : null;
}

function sessionEvent(event: Stripe.Event, session: Stripe.Checkout.Session, signal: PaymentSignal): PaymentEvent {
  return {
    eventId: event.id,
    type: event.type as PaymentEvent["type"],
    signal,
    refs: { paymentId: metadataPayment(session.metadata), sessionId: session.id, paymentIntentId: idOf(session.payment_intent), invoiceId: null },
    livemode: event.livemode,
  };
}

/** The payment event in a Stripe event, or null for a type we do not act on. */
export function readStripeEvent(event: Stripe.Event): PaymentEvent | null {
  const at = new Date(event.created * 1000);
  switch (event.type) {
    case "checkout.session.completed": {
      const s = event.data.object;
      return sessionEvent(event, s, { type: "checkout.completed", at, paid: s.payment_status === "paid", amountCents: s.amount_total ?? 0, currency: s.currency ?? "" });
    }
    case "checkout.session.async_payment_succeeded": {
      const s = event.data.object;
      return sessionEvent(event, s, { type: "async.succeeded", at, amountCents: s.amount_total ?? 0, currency: s.currency ?? "" });
    }
    case "checkout.session.async_payment_failed":
      return sessionEvent(event, event.data.object, { type: "async.failed", at });
    case "checkout.session.expired":
      return sessionEvent(event, event.data.object, { type: "checkout.expired", at });
    case "charge.refunded": {
      const c = event.data.object;
      return {
        eventId: event.id,
        type: "charge.refunded",
        signal: {
          type: "refunded",
          at,
          full: c.refunded || c.amount_refunded >= c.amount,
          refundedCents: c.amount_refunded,
          paidAt: typeof c.created === "number" ? new Date(c.created * 1000) : at,
          amountCents: c.amount,
          currency: c.currency,
        },
        // A subscription invoice's charge names its invoice (Stripe before API 2025-03-31, and the stand-in); newer
        // charges do not, and the webhook asks Stripe (invoice_payments) for it.
        refs: { paymentId: metadataPayment(c.metadata), sessionId: null, paymentIntentId: idOf(c.payment_intent), invoiceId: idOf((c as { invoice?: string | { id: string } | null }).invoice) },
        livemode: event.livemode,
      };
    }
    default:
      return null;
  }
}
