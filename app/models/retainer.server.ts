// The monthly retainer of an acceptance as a Stripe subscription: starting it
// (Checkout in subscription mode), cancelling it, and reading it for the
// client area, the lead page and the dashboard. Its state moves only with
// verified webhook events (retainer-webhook.server.ts); this module never marks
// anything paid. Money is integer cents.
import { SUBSCRIPTION_METADATA_KEY } from "~/domain/subscription-events";
import { canCancel, cancellationPlan, isSubscriptionStatus, retainerBlock, retainerFigures, retainerPortal, type CancellationPlan, type SubscriptionStatus } from "~/domain/subscription";
import { chargedLines } from "~/domain/tax/document";
import type { Prisma } from "~/generated/sqlite/client";
import { getT, type Locale } from "~/i18n/i18n";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { getStripe, onlinePaymentEnabled } from "~/utils/stripe.server";
import { recordAudit } from "./audit.server";
import { acceptedOffer, type AcceptedOffer } from "./payment-records.server";
import { getOwnerSettings } from "./settings.server";
import { checkoutItemName } from "./stripe-checkout.server";

export type RetainerStart =
  | { ok: true; url: string }
  | { ok: false; reason: "not_accepted" | "disabled" | "bank_transfer" | "nothing_due" | "already" | "unavailable" };

/** A Checkout being opened by another request (its row is there, its session not yet) is waited for this long. */
const IN_FLIGHT_MS = 30_000;
const IN_FLIGHT_POLL_MS = 100;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const subscriptionSelect = {
  id: true,
  leadId: true,
  acceptanceId: true,
  generation: true,
  stripeSessionId: true,
  stripeSubscriptionId: true,
  status: true,
  monthlyCents: true,
  currency: true,
  minimumTermMonths: true,
  startedAt: true,
  currentPeriodEnd: true,
  minimumTermEndsAt: true,
  cancelAt: true,
  canceledAt: true,
  failedRenewals: true,
  lastEventAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.SubscriptionSelect;

export type SubscriptionRow = Prisma.SubscriptionGetPayload<{ select: typeof subscriptionSelect }>;

const statusOf = (row: { status: string }): SubscriptionStatus => (isSubscriptionStatus(row.status) ? row.status : "incomplete");

async function leadOf(token: string) {
  const lead = await prisma.lead.findUnique({ where: { token }, select: { id: true, email: true, organisation: true, erasedAt: true } });
  return lead && !lead.erasedAt ? lead : null;
}

/**
 * Opens (or reopens) the Checkout in subscription mode for the accepted
 * package's monthly fee. One live Subscription row per acceptance at a time:
 * the latest generation, and a new one (generation + 1, with the minimum term
 * from settings again) only once the latest has ended. The unique
 * (acceptanceId, generation) makes two clicks or two tabs agree on that row, and
 * on its one open session: of two requests making the next generation, one
 * wins, the other uses its row.
 */
export async function startRetainer(token: string, locale: Locale): Promise<RetainerStart> {
  const lead = await leadOf(token);
  if (!lead) return { ok: false, reason: "not_accepted" };
  const accepted = await acceptedOffer(lead.id, locale);
  if (!accepted) return { ok: false, reason: "not_accepted" };
  const blocked = retainerBlock({ treatment: accepted.treatment, monthlyDueCents: accepted.monthly.dueCents, online: onlinePaymentEnabled() });
  if (blocked) return { ok: false, reason: blocked };
  const stripe = getStripe();
  const started = Date.now();
  for (;;) {
    if (Date.now() - started > IN_FLIGHT_MS) return { ok: false, reason: "unavailable" };
    let row = await prisma.subscription.findFirst({ where: { acceptanceId: accepted.acceptance.id }, orderBy: { generation: "desc" }, select: subscriptionSelect });
    let mine = false;
    // None yet, or the last one ended (canceled is final): a new subscription, the next generation.
    if (!row || statusOf(row) === "canceled") {
      const settings = await getOwnerSettings();
      try {
        row = await prisma.subscription.create({
          data: {
            leadId: lead.id,
            acceptanceId: accepted.acceptance.id,
            generation: (row?.generation ?? 0) + 1,
            status: "incomplete",
            monthlyCents: accepted.monthly.dueCents,
            currency: accepted.acceptance.currency,
            minimumTermMonths: settings.retainerMinimumTermMonths,
          },
          select: subscriptionSelect,
        });
        mine = true;
      } catch (error) {
        if (isUniqueViolation(error)) continue; // the other tab's row: use it
        throw error;
      }
    }
    // The checkout finished (the subscription exists, or its events are on their way): never a second one.
    if (statusOf(row) !== "incomplete" || row.stripeSubscriptionId) return { ok: false, reason: "already" };
    if (!row.stripeSessionId) {
      // Another request is opening the session right now: wait for it rather than open a second one.
      if (!mine && Date.now() - row.updatedAt.getTime() < IN_FLIGHT_MS) {
        await wait(IN_FLIGHT_POLL_MS);
        continue;
      }
      const opened = await openSession({ row, lead, token, locale, accepted, replacing: null });
      if (opened === "taken") continue;
      return opened;
    }
    try {
      const session = await stripe.checkout.sessions.retrieve(row.stripeSessionId);
      if (session.status === "open" && session.url && session.locale === locale) return { ok: true, url: session.url };
      if (session.status === "complete") return { ok: false, reason: "already" };
      if (session.status === "open") await stripe.checkout.sessions.expire(session.id);
    } catch (error) {
      logger.warn({ err: error, subscriptionId: row.id }, "could not reuse the retainer's checkout session");
    }
    const opened = await openSession({ row, lead, token, locale, accepted, replacing: row.stripeSessionId });
    if (opened === "taken") continue;
    return opened;
  }
}

async function openSession(input: {
  row: SubscriptionRow;
  lead: { id: string; email: string; organisation: string };
  token: string;
  locale: Locale;
  accepted: AcceptedOffer;
  /** The session this one replaces (expired, or in another language), null for the first. */
  replacing: string | null;
}): Promise<RetainerStart | "taken"> {
  const { row, lead, token, locale, accepted, replacing } = input;
  const t = getT(locale);
  const settings = await getOwnerSettings();
  const { monthly, acceptance } = accepted;
  const metadata = { [SUBSCRIPTION_METADATA_KEY]: row.id, lead_id: lead.id, acceptance_id: acceptance.id, monthly_cents: String(row.monthlyCents) };
  const currency = row.currency.toLowerCase();
  const base = `${getEnv().APP_URL}/${locale}/p/${token}`;
  const lineItems = chargedLines(monthly).map((line) => ({
    quantity: 1,
    price_data: {
      currency,
      unit_amount: line.cents,
      recurring: { interval: "month" as const },
      product_data: {
        name: line.line === "fee" ? t(monthly.vatLine ? "retainer.checkout.itemNet" : "retainer.checkout.itemFee", { studio: settings.studioName }) : checkoutItemName(t, line, monthly, settings.studioName),
        ...(line.line === "fee" ? { description: accepted.packageName } : {}),
      },
    },
  }));
  try {
    const session = await getStripe().checkout.sessions.create(
      {
        mode: "subscription",
        locale,
        customer_email: lead.email,
        client_reference_id: acceptance.id,
        line_items: lineItems,
        metadata,
        subscription_data: { metadata, description: t("payment.checkout.description", { organisation: lead.organisation }) },
        success_url: `${base}?retainer=started`,
        cancel_url: `${base}?retainer=cancelled`,
      },
      // Two requests opening the same session get the same one from Stripe.
      { idempotencyKey: `retainer-${row.id}-${replacing ?? "first"}` },
    );
    if (!session.url) throw new Error("Stripe returned a session without a URL");
    const claimed = await prisma.$transaction(async (tx) => {
      const { count } = await tx.subscription.updateMany({ where: { id: row.id, stripeSessionId: replacing }, data: { stripeSessionId: session.id } });
      if (count === 1) await recordAudit({ action: "retainer.checkout", leadId: lead.id, data: { subscriptionId: row.id, sessionId: session.id, monthlyCents: row.monthlyCents, currency: row.currency } }, tx);
      return count === 1;
    });
    // Another request stored a session first (the same one, as a rule): go by what is stored.
    if (!claimed) return "taken";
    return { ok: true, url: session.url };
  } catch (error) {
    if (isUniqueViolation(error)) return "taken";
    logger.error({ err: error, subscriptionId: row.id }, "could not open the retainer's checkout");
    return { ok: false, reason: "unavailable" };
  }
}

export type RetainerCancel = { ok: true; endsAt: Date | null } | { ok: false; reason: "not_found" | "not_cancellable" | "unavailable" };

/** The newest of a lead's subscriptions (one started after an ended one is newer). */
const latestFirst = [{ createdAt: "desc" }, { generation: "desc" }] satisfies Prisma.SubscriptionOrderByWithRelationInput[];

/** The subscription behind a private link: the latest (null before it was ever started). */
export async function retainerOfToken(token: string) {
  const lead = await leadOf(token);
  if (!lead) return null;
  return prisma.subscription.findFirst({ where: { leadId: lead.id }, orderBy: latestFirst, select: subscriptionSelect });
}

/** What a cancellation asked now would do (for the confirmation page). */
export function planFor(row: SubscriptionRow, now = new Date()): CancellationPlan {
  return cancellationPlan({ now, minimumTermEndsAt: row.minimumTermEndsAt, currentPeriodEnd: row.currentPeriodEnd });
}

/**
 * The client cancels: before the minimum term ends the subscription is set to
 * end with the term (Stripe's cancel_at), after it with the month being paid
 * (cancel_at_period_end). Asking twice changes nothing more.
 */
export async function cancelRetainer(token: string, now = new Date()): Promise<RetainerCancel> {
  const row = await retainerOfToken(token);
  if (!row?.stripeSubscriptionId) return { ok: false, reason: "not_found" };
  if (row.cancelAt && statusOf(row) !== "canceled") return { ok: true, endsAt: row.cancelAt };
  if (!canCancel({ status: statusOf(row), cancelAt: row.cancelAt })) return { ok: false, reason: "not_cancellable" };
  const plan = planFor(row, now);
  let endsAt: Date | null;
  try {
    const updated = await getStripe().subscriptions.update(
      row.stripeSubscriptionId,
      plan.kind === "at_term_end" ? { cancel_at: Math.floor(plan.at.getTime() / 1000) } : { cancel_at_period_end: true },
      { idempotencyKey: `retainer-cancel-${row.id}` },
    );
    endsAt = updated.cancel_at ? new Date(updated.cancel_at * 1000) : plan.at;
  } catch (error) {
    logger.error({ err: error, subscriptionId: row.id }, "could not cancel the retainer in Stripe");
    return { ok: false, reason: "unavailable" };
  }
  await prisma.$transaction(async (tx) => {
    // Shown at once; the event Stripe sends about it says the same (and wins if newer).
    await tx.subscription.updateMany({ where: { id: row.id, cancelAt: null, status: { not: "canceled" } }, data: { cancelAt: endsAt } });
    await recordAudit({ action: "retainer.cancel_requested", leadId: row.leadId, data: { subscriptionId: row.id, plan: plan.kind, endsAt: endsAt?.toISOString() ?? null } }, tx);
  });
  return { ok: true, endsAt };
}

/** The months of the retainer a lead paid (or failed to pay), newest first. */
export function retainerPayments(leadId: string) {
  return prisma.payment.findMany({
    where: { leadId, purpose: "retainer" },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, amountCents: true, currency: true, paidAt: true, mismatch: true, stripeInvoiceId: true },
  });
}

type RetainerPaymentRow = Awaited<ReturnType<typeof retainerPayments>>[number];

/** The lead's subscription and its months (null when never started); `payments` when the caller read them already. */
export async function leadRetainer(leadId: string, payments?: RetainerPaymentRow[]) {
  const [row, months] = await Promise.all([prisma.subscription.findFirst({ where: { leadId }, orderBy: latestFirst, select: subscriptionSelect }), payments ?? retainerPayments(leadId)]);
  return row ? { row, payments: months } : null;
}

/** The lead page's retainer panel: null before the proposal is accepted. */
export async function leadRetainerPanel(leadId: string, locale: Locale) {
  const [accepted, retainer, settings] = await Promise.all([acceptedOffer(leadId, locale), leadRetainer(leadId), getOwnerSettings()]);
  if (!accepted) return null;
  return { view: retainerViewOf(accepted, retainer, settings.retainerMinimumTermMonths), subscriptionId: retainer?.row.stripeSubscriptionId ?? null };
}

/** The retainer as the client area and the lead page show it, from what was read. */
export function retainerViewOf(accepted: Pick<AcceptedOffer, "treatment" | "monthly">, retainer: Awaited<ReturnType<typeof leadRetainer>>, minimumTermMonths: number) {
  return retainerPortal({
    row: retainer?.row ?? null,
    payments: retainer?.payments ?? [],
    treatment: accepted.treatment,
    monthlyDueCents: accepted.monthly.dueCents,
    minimumTermMonths,
    online: onlinePaymentEnabled(),
  });
}

/** Counts per status and the MRR, over every subscription now. */
export async function retainerDashboard() {
  const rows = await prisma.subscription.findMany({ select: { status: true, monthlyCents: true, currency: true } });
  return retainerFigures(rows);
}
