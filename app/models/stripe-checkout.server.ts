// Stripe Checkout for the accepted onboarding fee: the one module that talks
// to Stripe for a payment (webhooks aside: stripe-webhook.server.ts). Money is
// integer cents; the amount charged is the fee accepted, VAT included. The line
// items' names are text Stripe shows the client, so they are translated here
// (as an email's would be).
import { clientPaymentState } from "~/domain/payment-view";
import { PAYMENT_METADATA_KEY } from "~/domain/stripe-events";
import { chargedLines, type ChargedLine, type TaxDocument } from "~/domain/tax/document";
import type { TFunction } from "i18next";
import { getT, type Locale } from "~/i18n/i18n";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { sha256 } from "~/utils/storage.server";
import { getStripe, onlinePaymentEnabled } from "~/utils/stripe.server";
import { recordAudit } from "./audit.server";
import { acceptedOffer, paymentRows, type AcceptedOffer } from "./payment-records.server";
import { getOwnerSettings } from "./settings.server";

export type CheckoutStart =
  | { ok: true; url: string }
  | { ok: false; reason: "not_accepted" | "paid" | "processing" | "nothing_due" | "unavailable" | "disabled" };

/** A checkout being opened by another request (its row is there, its session not yet) is waited for this long. */
const IN_FLIGHT_MS = 30_000;
const IN_FLIGHT_POLL_MS = 100;


/**
 * The id of the n-th Stripe attempt of an acceptance. Derived, not random: two
 * requests that try to open the same attempt at once insert the same primary
 * key, so the database lets exactly one of them in and the other reuses its
 * session. Hashed so it gives nothing away.
 */
function checkoutPaymentId(acceptanceId: string, attempt: number): string {
  return `ck${sha256(`${acceptanceId}:${attempt}`).slice(0, 23)}`;
}

/** The name Stripe shows for one charged line of a document (the fee, rivalsa, IVA, stamp duty), in the client's language. */
export function checkoutItemName(t: TFunction, line: ChargedLine, doc: TaxDocument, studio: string): string {
  if (line.line === "fee") return t(doc.vatLine ? "payment.checkout.itemNet" : "payment.checkout.itemFee", { studio });
  if (line.line === "vat") return t("payment.checkout.itemVat", { rate: line.ratePercent });
  if (line.line === "rivalsa") return t("payment.checkout.itemRivalsa", { rate: line.ratePercent });
  return t("payment.checkout.itemStampDuty");
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens (or reopens) a Stripe Checkout for the accepted onboarding fee: a
 * pending Payment row first, whose id goes in the session's metadata, so every
 * event about it finds its way back. At most one session is open per
 * acceptance: a session still open is reused, and two requests at once agree
 * on one through the row's primary key (see checkoutPaymentId).
 */
export async function startCheckout(token: string, locale: Locale): Promise<CheckoutStart> {
  const lead = await prisma.lead.findUnique({ where: { token }, select: { id: true, email: true, organisation: true, erasedAt: true } });
  if (!lead || lead.erasedAt) return { ok: false, reason: "not_accepted" };
  const accepted = await acceptedOffer(lead.id, locale);
  if (!accepted) return { ok: false, reason: "not_accepted" };
  // No Stripe key in production: no online payment (and never a checkout on 127.0.0.1). A public
  // body (split payment) pays by bank transfer against the invoice, never by card.
  if (!onlinePaymentEnabled() || accepted.treatment === "splitPayment") return { ok: false, reason: "disabled" };
  const stripe = getStripe();
  const started = Date.now();
  for (;;) {
    if (Date.now() - started > IN_FLIGHT_MS) return { ok: false, reason: "unavailable" };
    const rows = await paymentRows(lead.id);
    const state = clientPaymentState(rows, accepted.acceptance.onboardingCents);
    if (state === "paid" || state === "refunded") return { ok: false, reason: "paid" };
    if (state === "processing") return { ok: false, reason: "processing" };
    if (state === "nothing_due") return { ok: false, reason: "nothing_due" };

    const pendingStripe = rows.filter((p) => p.provider === "stripe" && p.status === "pending" && !p.lastEventAt);
    // Another request is opening a session right now: wait for it rather than open a second one.
    const inFlight = pendingStripe.find((p) => !p.stripeSessionId && Date.now() - p.createdAt.getTime() < IN_FLIGHT_MS);
    if (inFlight) {
      await wait(IN_FLIGHT_POLL_MS);
      continue;
    }
    // A session still open from a moment ago: send the client back to it rather than open another.
    const open = pendingStripe.filter((p) => p.stripeSessionId).at(-1);
    if (open?.stripeSessionId) {
      try {
        const session = await stripe.checkout.sessions.retrieve(open.stripeSessionId);
        if (session.status === "open" && session.url && session.locale === locale) return { ok: true, url: session.url };
        // Paid (or a bank debit under way) and the event not here yet: never a second charge.
        if (session.status === "complete") return { ok: false, reason: "processing" };
        if (session.status === "open") await stripe.checkout.sessions.expire(session.id);
      } catch (error) {
        logger.warn({ err: error, paymentId: open.id }, "could not reuse the open checkout session");
      }
    }
    const attempt = rows.filter((p) => p.provider === "stripe").length;
    const opened = await openCheckout({ lead, token, locale, accepted, paymentId: checkoutPaymentId(accepted.acceptance.id, attempt) });
    if (opened === "taken") continue; // another request won this attempt: reuse what it opens
    return opened;
  }
}

async function openCheckout(input: {
  lead: { id: string; email: string; organisation: string };
  token: string;
  locale: Locale;
  accepted: AcceptedOffer;
  paymentId: string;
}): Promise<CheckoutStart | "taken"> {
  const { lead, token, locale, accepted } = input;
  const { acceptance, onboarding } = accepted;
  const stripe = getStripe();
  const t = getT(locale);
  const settings = await getOwnerSettings();
  const gross = acceptance.onboardingCents;
  // The lines of the accepted fee's document under the version's regime (fee, rivalsa, IVA, stamp
  // duty), adding up to what was accepted; anything else (never seen) goes as one line of that amount.
  const lines = onboarding.dueCents === gross ? chargedLines(onboarding) : [{ line: "fee" as const, cents: gross, ratePercent: 0 }];
  let payment: { id: string; createdAt: Date };
  try {
    payment = await prisma.payment.create({
      data: { id: input.paymentId, leadId: lead.id, acceptanceId: acceptance.id, provider: "stripe", status: "pending", amountCents: 0, expectedCents: gross, currency: acceptance.currency },
      select: { id: true, createdAt: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return "taken";
    throw error;
  }
  const metadata = {
    [PAYMENT_METADATA_KEY]: payment.id,
    lead_id: lead.id,
    acceptance_id: acceptance.id,
    proposal_version_id: acceptance.proposalVersionId,
    version_hash: acceptance.versionHash,
    expected_cents: String(gross),
  };
  const base = `${getEnv().APP_URL}/${locale}/p/${token}`;
  const currency = acceptance.currency.toLowerCase();
  const lineItems = lines.map((line) => ({
    quantity: 1,
    price_data: {
      currency,
      unit_amount: line.cents,
      product_data: { name: checkoutItemName(t, line, onboarding, settings.studioName), ...(line.line === "fee" ? { description: t("payment.checkout.itemDetail", { organisation: lead.organisation }) } : {}) },
    },
  }));
  try {
    const session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        locale,
        customer_email: lead.email,
        client_reference_id: acceptance.id,
        line_items: lineItems,
        metadata,
        payment_intent_data: { metadata, description: t("payment.checkout.description", { organisation: lead.organisation }) },
        success_url: `${base}/checkout/success?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${base}/checkout/cancel`,
      },
      // The row's id can come back after a failed attempt is deleted; its creation time cannot.
      { idempotencyKey: `checkout-${payment.id}-${payment.createdAt.getTime()}` },
    );
    if (!session.url) throw new Error("Stripe returned a session without a URL");
    await prisma.$transaction(async (tx) => {
      await tx.payment.update({ where: { id: payment.id }, data: { stripeSessionId: session.id } });
      await recordAudit({ action: "payment.checkout", leadId: lead.id, data: { paymentId: payment.id, sessionId: session.id, expectedCents: gross, currency: acceptance.currency } }, tx);
    });
    return { ok: true, url: session.url };
  } catch (error) {
    logger.error({ err: error, paymentId: payment.id }, "could not open a Stripe checkout");
    await prisma.payment.delete({ where: { id: payment.id } });
    return { ok: false, reason: "unavailable" };
  }
}
