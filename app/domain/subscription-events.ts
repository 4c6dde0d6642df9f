// What a verified Stripe event says about a retainer subscription, stripped of
// Stripe's shapes: the signal for the state machine (subscription.ts), the
// references that find our Subscription row, and the invoice it pays (or fails
// to pay). Pure: no database, no network. The webhook checks the shapes with
// zod (stripe-webhook.server.ts) before this reads them.
import type Stripe from "stripe";
import type { SubscriptionSignal } from "./subscription";
import { fromStripeStatus } from "./subscription";

/** Metadata key on the Checkout session and the subscription (so on its invoices): our Subscription row's id. */
export const SUBSCRIPTION_METADATA_KEY = "socialbrief_subscription";

export interface SubscriptionRefs {
  /** From our metadata. */
  rowId: string | null;
  stripeSubscriptionId: string | null;
  sessionId: string | null;
}

export interface InvoiceFacts {
  id: string;
  paid: boolean;
  amountCents: number;
  currency: string;
  attemptCount: number;
  /** The start of the month it bills (the first invoice's is when the subscription started). */
  periodStart: Date | null;
}

export interface SubscriptionEvent {
  signal: SubscriptionSignal;
  refs: SubscriptionRefs;
  invoice: InvoiceFacts | null;
  livemode: boolean;
}

const idOf = (value: string | { id: string } | null | undefined): string | null => (typeof value === "string" ? value : (value?.id ?? null));
const at = (seconds: number | null | undefined) => (typeof seconds === "number" ? new Date(seconds * 1000) : null);

function rowIdIn(metadata: Stripe.Metadata | null | undefined): string | null {
  const value = metadata?.[SUBSCRIPTION_METADATA_KEY];
  return typeof value === "string" && value !== "" ? value : null;
}

/** The end of the month a subscription is in: its items' period end (the API keeps it there), the latest one. */
function periodEndOf(subscription: Stripe.Subscription): Date | null {
  const ends = (subscription.items?.data ?? []).map((i) => i.current_period_end).filter((n): n is number => typeof n === "number");
  return ends.length ? new Date(Math.max(...ends) * 1000) : null;
}

function invoiceEvent(event: Stripe.Event, invoice: Stripe.Invoice, paid: boolean): SubscriptionEvent | null {
  const details = invoice.parent?.subscription_details ?? null;
  if (!details) return null; // not a subscription's invoice
  const when = new Date(event.created * 1000);
  const lineEnds = (invoice.lines?.data ?? []).map((l) => l.period?.end).filter((n): n is number => typeof n === "number");
  const periodEnd = lineEnds.length ? new Date(Math.max(...lineEnds) * 1000) : null;
  const lineStarts = (invoice.lines?.data ?? []).map((l) => l.period?.start).filter((n): n is number => typeof n === "number");
  const periodStart = lineStarts.length ? new Date(Math.min(...lineStarts) * 1000) : null;
  return {
    signal: paid ? { type: "invoice.paid", at: when, periodEnd } : { type: "invoice.failed", at: when },
    refs: { rowId: rowIdIn(details.metadata), stripeSubscriptionId: idOf(details.subscription), sessionId: null },
    invoice: { id: invoice.id ?? "", paid, amountCents: paid ? invoice.amount_paid : invoice.amount_due, currency: invoice.currency, attemptCount: invoice.attempt_count ?? 1, periodStart },
    livemode: event.livemode,
  };
}

/** The subscription event in a Stripe event, or null when it is about something else (an onboarding payment, say). */
export function readSubscriptionEvent(event: Stripe.Event): SubscriptionEvent | null {
  const when = new Date(event.created * 1000);
  switch (event.type) {
    case "checkout.session.completed": {
      const s = event.data.object;
      if (s.mode !== "subscription") return null;
      return {
        signal: { type: "checkout.completed", at: when, paid: s.payment_status === "paid" },
        refs: { rowId: rowIdIn(s.metadata), stripeSubscriptionId: idOf(s.subscription), sessionId: s.id },
        invoice: null,
        livemode: event.livemode,
      };
    }
    case "invoice.paid":
      return invoiceEvent(event, event.data.object, true);
    case "invoice.payment_failed":
      return invoiceEvent(event, event.data.object, false);
    case "customer.subscription.updated":
    case "customer.subscription.deleted": {
      const sub = event.data.object;
      const refs = { rowId: rowIdIn(sub.metadata), stripeSubscriptionId: sub.id, sessionId: null };
      const signal: SubscriptionSignal =
        event.type === "customer.subscription.deleted"
          ? { type: "subscription.deleted", at: when, canceledAt: at(sub.ended_at) ?? at(sub.canceled_at) }
          : { type: "subscription.updated", at: when, status: fromStripeStatus(sub.status), currentPeriodEnd: periodEndOf(sub), cancelAt: at(sub.cancel_at) };
      return { signal, refs, invoice: null, livemode: event.livemode };
    }
    default:
      return null;
  }
}
