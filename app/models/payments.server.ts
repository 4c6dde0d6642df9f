// Payments: starting a Stripe Checkout for the accepted onboarding fee, what
// the client sees through their private link (portal, receipts), what the team
// sees on a lead (the payments panel), and payments the team records by hand.
// Money is integer cents; the amount charged is the fee accepted, VAT included.
import { parseAcceptable } from "~/domain/proposal-edits";
import type { Prisma } from "~/generated/sqlite/client";
import { countsAsPaid, isPaymentStatus, refundedUpTo, type PaymentStatus, type RefundRecord } from "~/domain/payment-state";
import { PAYMENT_METADATA_KEY } from "~/domain/stripe-events";
import { vatFromGross, vatFromNet, type VatBreakdown } from "~/domain/vat";
import { getT, type Locale } from "~/i18n/i18n";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { sha256 } from "~/utils/storage.server";
import { getStripe, onlinePaymentEnabled, standinPort, stripeMode as currentStripeMode, usesStandin } from "~/utils/stripe.server";
import { listAudit, recordAudit } from "./audit.server";
import { viewFromSnapshot } from "./proposal-versions.server";
import { getOwnerSettings } from "./settings.server";

export type Tx = Prisma.TransactionClient;

/** Stripe Checkout cannot charge less than this (EUR 0.50). */
export const STRIPE_MINIMUM_CENTS = 50;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function parseIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
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

/** Refund records heard before `before` (all when omitted). */
export async function refundRecords(before?: Date): Promise<RefundRecord[]> {
  const rows = await prisma.auditLog.findMany({
    where: { action: { in: [...refundAuditActions] }, ...(before ? { createdAt: { lt: before } } : {}) },
    select: { createdAt: true, data: true },
  });
  return rows.map(refundRecord).filter((r): r is RefundRecord => r !== null);
}

/** How much of a payment went back: what Stripe reported, or all of it for a refunded payment with no amount on record. */
export function refundedAmount(payment: { id: string; status: string; amountCents: number }, reported: Map<string, number>): number {
  const amount = reported.get(payment.id);
  if (amount !== undefined) return Math.min(amount, payment.amountCents || amount);
  return payment.status === "refunded" ? payment.amountCents : 0;
}

/** Moves the lead to "paid" when a payment counts as received, and back to "accepted" when none does any more. */
export async function syncLeadStatus(tx: Tx, leadId: string, actorId: string | null) {
  const [lead, payments, acceptance] = await Promise.all([
    tx.lead.findUnique({ where: { id: leadId }, select: { status: true } }),
    tx.payment.findMany({ where: { leadId }, select: { status: true, mismatch: true } }),
    tx.acceptance.findFirst({ where: { leadId }, select: { id: true } }),
  ]);
  if (!lead) return;
  const paid = payments.some((p) => isPaymentStatus(p.status) && countsAsPaid({ status: p.status, mismatch: p.mismatch }));
  let to = lead.status;
  if (paid) to = "paid";
  else if (lead.status === "paid") to = acceptance ? "accepted" : "proposal_sent";
  if (to === lead.status) return;
  await tx.lead.update({ where: { id: leadId }, data: { status: to } });
  await recordAudit({ action: "lead.status", leadId, actorId, data: { from: lead.status, to, reason: "payment" } }, tx);
}

/** The acceptance of a lead with the version it pins and what that version offered. */
async function acceptedOffer(leadId: string, locale: Locale) {
  const acceptance = await prisma.acceptance.findFirst({ where: { leadId }, orderBy: { acceptedAt: "asc" } });
  if (!acceptance) return null;
  const version = await prisma.proposalVersion.findUnique({
    where: { id: acceptance.proposalVersionId },
    select: { id: true, number: true, sentAt: true, snapshot: true, snapshotHash: true, locale: true },
  });
  const offer = version ? parseAcceptable(version.snapshot) : null;
  const built = version ? viewFromSnapshot(version.snapshot, locale) : null;
  const addOnIds = parseIds(acceptance.addOnIds);
  const packages = built?.view.investment.packages ?? offer?.packages ?? [];
  const addOns = built?.view.investment.addOns ?? offer?.addOns ?? [];
  const pkg = packages.find((p) => p.id === acceptance.packageId);
  const chosen = addOns.filter((a) => addOnIds.includes(a.id));
  const rate = offer?.vatRatePercent ?? 22;
  const onboarding: VatBreakdown = offer ? vatFromNet(offer.onboardingNetCents, rate) : vatFromGross(acceptance.onboardingCents, rate);
  const monthlyNet = (pkg?.monthlyNetCents ?? 0) + chosen.filter((a) => a.recurring).reduce((sum, a) => sum + a.priceNetCents, 0);
  return {
    acceptance,
    version,
    view: built?.view ?? null,
    offer,
    /** The version still reads as it was accepted (its hash is the one the client accepted). */
    intact: Boolean(version && version.snapshotHash === acceptance.versionHash),
    packageName: pkg?.name ?? acceptance.packageId,
    addOns: chosen.map((a) => ({ id: a.id, name: a.name, priceNetCents: a.priceNetCents, recurring: a.recurring })),
    monthly: vatFromNet(monthlyNet, rate),
    onboarding,
    rate,
  };
}

type PaymentRow = Awaited<ReturnType<typeof paymentRows>>[number];

function paymentRows(leadId: string) {
  return prisma.payment.findMany({
    where: { leadId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      provider: true,
      status: true,
      amountCents: true,
      expectedCents: true,
      currency: true,
      mismatch: true,
      note: true,
      paidAt: true,
      refundedAt: true,
      lastEventAt: true,
      createdAt: true,
      stripeSessionId: true,
      stripePaymentIntentId: true,
    },
  });
}

export type ClientPaymentState = "due" | "processing" | "paid" | "refunded" | "failed" | "nothing_due";

/** The client's view of their payments: one word for the portal. */
export function clientPaymentState(rows: Array<Pick<PaymentRow, "status" | "provider" | "lastEventAt">>, dueCents: number): ClientPaymentState {
  if (rows.some((p) => p.status === "paid")) return "paid";
  if (rows.some((p) => p.status === "refunded")) return "refunded";
  // A finished checkout whose money is on its way (a bank debit): Stripe said "completed, unpaid".
  if (rows.some((p) => p.status === "pending" && p.provider === "stripe" && p.lastEventAt)) return "processing";
  if (dueCents < STRIPE_MINIMUM_CENTS) return "nothing_due";
  const last = rows.at(-1);
  return last?.status === "failed" ? "failed" : "due";
}

export interface ClientPortal {
  token: string;
  organisation: string;
  contactName: string;
  acceptedAt: string;
  fullName: string;
  version: { number: number; sentAt: string; hash: string; intact: boolean } | null;
  packageName: string;
  addOns: Array<{ id: string; name: string; priceNetCents: number; recurring: boolean }>;
  monthly: VatBreakdown;
  onboarding: VatBreakdown;
  currency: string;
  state: ClientPaymentState;
  receipts: Array<{ id: string; provider: string; status: string; amountCents: number; paidAt: string | null; refundedAt: string | null }>;
  invoicing: { kind: string; legalName: string; taxId: string | null; delivery: string | null; address: string } | null;
  kickoffUrl: string | null;
  /** False when online payment is off (no Stripe key in production): bank transfer only. */
  onlinePayment: boolean;
}

function addressLine(c: { address: string; postalCode: string; city: string; province: string }) {
  return `${c.address}, ${c.postalCode} ${c.city} (${c.province})`;
}

/** What the client sees through their private link once they have accepted; null before. */
export async function getClientPortal(token: string, locale: Locale) {
  const lead = await prisma.lead.findUnique({ where: { token }, select: { id: true, name: true, organisation: true, erasedAt: true } });
  if (!lead || lead.erasedAt) return null;
  const accepted = await acceptedOffer(lead.id, locale);
  if (!accepted) return null;
  const [rows, client, settings] = await Promise.all([paymentRows(lead.id), prisma.client.findUnique({ where: { leadId: lead.id } }), getOwnerSettings()]);
  const portal: ClientPortal = {
    token,
    organisation: lead.organisation,
    contactName: lead.name,
    acceptedAt: accepted.acceptance.acceptedAt.toISOString(),
    fullName: accepted.acceptance.fullName,
    version: accepted.version ? { number: accepted.version.number, sentAt: accepted.version.sentAt.toISOString(), hash: accepted.acceptance.versionHash, intact: accepted.intact } : null,
    packageName: accepted.packageName,
    addOns: accepted.addOns,
    monthly: accepted.monthly,
    onboarding: accepted.onboarding,
    currency: accepted.acceptance.currency,
    state: clientPaymentState(rows, accepted.acceptance.onboardingCents),
    receipts: rows
      .filter((p) => p.status === "paid" || p.status === "refunded")
      .map((p) => ({ id: p.id, provider: p.provider, status: p.status, amountCents: p.amountCents, paidAt: iso(p.paidAt), refundedAt: iso(p.refundedAt) })),
    invoicing: client
      ? {
          kind: client.kind,
          legalName: client.legalName,
          taxId: client.partitaIva ?? client.codiceFiscale,
          delivery: client.codiceDestinatario ?? client.pec,
          address: addressLine(client),
        }
      : null,
    kickoffUrl: settings.kickoffUrl ?? accepted.offer?.kickoffUrl ?? null,
    onlinePayment: onlinePaymentEnabled(),
  };
  return { portal, view: accepted.view };
}

export type CheckoutStart =
  | { ok: true; url: string }
  | { ok: false; reason: "not_accepted" | "paid" | "processing" | "nothing_due" | "unavailable" | "disabled" };

/** A checkout being opened by another request (its row is there, its session not yet) is waited for this long. */
const IN_FLIGHT_MS = 30_000;
const IN_FLIGHT_POLL_MS = 100;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * The id of the n-th Stripe attempt of an acceptance. Derived, not random: two
 * requests that try to open the same attempt at once insert the same primary
 * key, so the database lets exactly one of them in and the other reuses its
 * session. Hashed so it gives nothing away.
 */
export function checkoutPaymentId(acceptanceId: string, attempt: number): string {
  return `ck${sha256(`${acceptanceId}:${attempt}`).slice(0, 23)}`;
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
  // No Stripe key in production: no online payment (and never a checkout on 127.0.0.1).
  if (!onlinePaymentEnabled()) return { ok: false, reason: "disabled" };
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
  accepted: NonNullable<Awaited<ReturnType<typeof acceptedOffer>>>;
  paymentId: string;
}): Promise<CheckoutStart | "taken"> {
  const { lead, token, locale, accepted } = input;
  const { acceptance, onboarding } = accepted;
  const stripe = getStripe();
  const t = getT(locale);
  const settings = await getOwnerSettings();
  const gross = acceptance.onboardingCents;
  // The same split as the proposal's quote: imponibile + IVA = what was accepted.
  const split = onboarding.grossCents === gross ? onboarding : vatFromGross(gross, onboarding.ratePercent);
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
  const lineItems = [
    {
      quantity: 1,
      price_data: {
        currency,
        unit_amount: split.netCents,
        product_data: { name: t("payment.checkout.itemNet", { studio: settings.studioName }), description: t("payment.checkout.itemDetail", { organisation: lead.organisation }) },
      },
    },
    ...(split.vatCents > 0 ? [{ quantity: 1, price_data: { currency, unit_amount: split.vatCents, product_data: { name: t("payment.checkout.itemVat", { rate: split.ratePercent }) } } }] : []),
  ];
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

/** The payment a Checkout success page is about, read only: the page never changes it. */
export async function getCheckoutPayment(token: string, sessionId: string | null) {
  const lead = await prisma.lead.findUnique({ where: { token }, select: { id: true, erasedAt: true } });
  if (!lead || lead.erasedAt) return null;
  const rows = await paymentRows(lead.id);
  const acceptance = await prisma.acceptance.findFirst({ where: { leadId: lead.id }, select: { onboardingCents: true } });
  if (!acceptance) return null;
  const payment = sessionId ? (rows.find((p) => p.stripeSessionId === sessionId) ?? null) : null;
  return {
    state: clientPaymentState(rows, acceptance.onboardingCents),
    payment: payment ? { id: payment.id, status: payment.status, amountCents: payment.amountCents, paidAt: iso(payment.paidAt) } : null,
  };
}

export interface Receipt {
  id: string;
  provider: string;
  status: string;
  paidAt: string | null;
  refundedAt: string | null;
  amount: VatBreakdown;
  currency: string;
  reference: string | null;
  studio: { name: string; displayName: string | null; vatNumber: string | null; city: string | null; email: string | null };
  client: { legalName: string; kind: string; partitaIva: string | null; codiceFiscale: string | null; codiceDestinatario: string | null; pec: string | null; address: string } | null;
  organisation: string;
  packageName: string;
  version: { number: number; hash: string } | null;
}

/** A receipt for one payment of the lead behind a private link (paid or refunded ones only). */
export async function getReceipt(token: string, paymentId: string, locale: Locale): Promise<Receipt | null> {
  const lead = await prisma.lead.findUnique({ where: { token }, select: { id: true, organisation: true, erasedAt: true } });
  if (!lead || lead.erasedAt) return null;
  const payment = await prisma.payment.findFirst({ where: { id: paymentId, leadId: lead.id, status: { in: ["paid", "refunded"] } } });
  if (!payment) return null;
  const [accepted, client, settings, profile] = await Promise.all([
    acceptedOffer(lead.id, locale),
    prisma.client.findUnique({ where: { leadId: lead.id } }),
    getOwnerSettings(),
    prisma.profile.findUnique({ where: { id: 1 }, select: { displayName: true, vatNumber: true, city: true, email: true } }),
  ]);
  return {
    id: payment.id,
    provider: payment.provider,
    status: payment.status,
    paidAt: iso(payment.paidAt),
    refundedAt: iso(payment.refundedAt),
    amount: vatFromGross(payment.amountCents, accepted?.rate ?? settings.vatRatePercent),
    currency: payment.currency,
    reference: payment.stripePaymentIntentId ?? payment.stripeSessionId,
    studio: { name: settings.studioName, displayName: profile?.displayName ?? null, vatNumber: profile?.vatNumber ?? null, city: profile?.city ?? null, email: profile?.email ?? null },
    client: client
      ? {
          legalName: client.legalName,
          kind: client.kind,
          partitaIva: client.partitaIva,
          codiceFiscale: client.codiceFiscale,
          codiceDestinatario: client.codiceDestinatario,
          pec: client.pec,
          address: addressLine(client),
        }
      : null,
    organisation: lead.organisation,
    packageName: accepted?.packageName ?? "",
    version: accepted?.version ? { number: accepted.version.number, hash: accepted.acceptance.versionHash } : null,
  };
}

// ------------------------------------------------------------------ owner side

export interface LeadPaymentsData {
  leadId: string;
  leadStatus: string;
  /** Where Stripe payments go: the local stand-in, Stripe in test mode, or live. */
  stripeMode: "standin" | "test" | "live" | "disabled";
  /** The stand-in's dashboard (refunds, re-deliveries), when it plays Stripe's part. */
  standinUrl: string | null;
  /** Whether the viewer may settle a difference or record a transfer that does not match (the owner only). */
  canSettleDifferences: boolean;
  acceptance: null | {
    acceptedAt: string;
    fullName: string;
    ip: string | null;
    userAgent: string | null;
    versionNumber: number | null;
    versionHash: string;
    intact: boolean;
    packageName: string;
    addOnNames: string[];
    monthly: VatBreakdown;
    onboarding: VatBreakdown;
    expectedCents: number;
    currency: string;
  };
  client: null | { kind: string; legalName: string; partitaIva: string | null; codiceFiscale: string | null; codiceDestinatario: string | null; pec: string | null; address: string };
  payments: Array<{
    id: string;
    provider: string;
    status: PaymentStatus;
    amountCents: number;
    expectedCents: number;
    currency: string;
    mismatch: boolean;
    note: string | null;
    paidAt: string | null;
    refundedAt: string | null;
    /** How much went back to the client (partial refunds included). */
    refundedCents: number;
    createdAt: string;
    stripeSessionId: string | null;
    stripePaymentIntentId: string | null;
    dashboardUrl: string | null;
  }>;
  history: Array<{ id: string; action: string; at: string; actorName: string | null; data: Record<string, unknown> }>;
  summary: "not_accepted" | "awaiting" | "processing" | "paid" | "refunded" | "review";
}

function dashboardUrl(mode: LeadPaymentsData["stripeMode"], intentId: string | null): string | null {
  if (!intentId) return null;
  if (mode === "standin" || mode === "disabled") return null;
  return `https://dashboard.stripe.com/${mode === "test" ? "test/" : ""}payments/${intentId}`;
}

/** Everything the payments panel shows for a lead (props for <LeadPayments>); null when the lead does not exist. */
export async function getLeadPayments(leadId: string, locale: Locale, viewer: { role: string }): Promise<LeadPaymentsData | null> {
  const lead = await prisma.lead.findUnique({ where: { id: leadId }, select: { id: true, status: true } });
  if (!lead) return null;
  const env = getEnv();
  const stripeMode: LeadPaymentsData["stripeMode"] = currentStripeMode(env);
  const [accepted, rows, client, audit] = await Promise.all([acceptedOffer(lead.id, locale), paymentRows(lead.id), prisma.client.findUnique({ where: { leadId } }), listAudit(leadId)]);
  const reported = refundedUpTo(
    audit.filter((e) => (refundAuditActions as readonly string[]).includes(e.action)).map(refundRecord).filter((r): r is RefundRecord => r !== null),
    null,
  );
  const payments = rows.map((p) => ({
    id: p.id,
    provider: p.provider,
    status: isPaymentStatus(p.status) ? p.status : ("pending" as const),
    amountCents: p.amountCents,
    expectedCents: p.expectedCents,
    currency: p.currency,
    mismatch: p.mismatch,
    note: p.note,
    paidAt: iso(p.paidAt),
    refundedAt: iso(p.refundedAt),
    refundedCents: refundedAmount(p, reported),
    createdAt: p.createdAt.toISOString(),
    stripeSessionId: p.stripeSessionId,
    stripePaymentIntentId: p.stripePaymentIntentId,
    dashboardUrl: dashboardUrl(stripeMode, p.stripePaymentIntentId),
  }));
  let summary: LeadPaymentsData["summary"] = "not_accepted";
  if (accepted) {
    const state = clientPaymentState(rows, accepted.acceptance.onboardingCents);
    if (payments.some((p) => p.mismatch && (p.status === "paid" || p.status === "refunded")) && !payments.some((p) => countsAsPaid(p))) summary = "review";
    else if (state === "paid") summary = "paid";
    else if (state === "refunded") summary = "refunded";
    else if (state === "processing") summary = "processing";
    else summary = "awaiting";
  }
  return {
    leadId: lead.id,
    leadStatus: lead.status,
    stripeMode,
    standinUrl: standinDashboardUrl(),
    canSettleDifferences: viewer.role === "owner",
    acceptance: accepted
      ? {
          acceptedAt: accepted.acceptance.acceptedAt.toISOString(),
          fullName: accepted.acceptance.fullName,
          ip: accepted.acceptance.ip,
          userAgent: accepted.acceptance.userAgent,
          versionNumber: accepted.version?.number ?? null,
          versionHash: accepted.acceptance.versionHash,
          intact: accepted.intact,
          packageName: accepted.packageName,
          addOnNames: accepted.addOns.map((a) => a.name),
          monthly: accepted.monthly,
          onboarding: accepted.onboarding,
          expectedCents: accepted.acceptance.onboardingCents,
          currency: accepted.acceptance.currency,
        }
      : null,
    client: client
      ? { kind: client.kind, legalName: client.legalName, partitaIva: client.partitaIva, codiceFiscale: client.codiceFiscale, codiceDestinatario: client.codiceDestinatario, pec: client.pec, address: addressLine(client) }
      : null,
    payments,
    history: audit
      .filter((e) => e.action.startsWith("payment.") || e.action === "proposal.accepted")
      .map((e) => ({ id: e.id, action: e.action, at: e.createdAt.toISOString(), actorName: e.actorName, data: e.data })),
    summary,
  };
}

export class PaymentActionError extends Error {
  constructor(public code: "not_accepted" | "not_found" | "not_flagged" | "already_paid" | "owner_only") {
    super(code);
  }
}

/**
 * A payment received outside Stripe (a bank transfer), recorded by a team
 * member with a note. Only an owner may record an amount other than the
 * accepted fee ("owner_only" for a member): otherwise a member could settle any
 * fee with a token transfer and then accept the difference.
 */
export async function recordManualPayment(input: { leadId: string; actorId: string; actorRole: string; amountCents: number; paidOn: Date; note: string }) {
  const acceptance = await prisma.acceptance.findFirst({ where: { leadId: input.leadId }, select: { id: true, onboardingCents: true, currency: true } });
  if (!acceptance) throw new PaymentActionError("not_accepted");
  if (input.amountCents !== acceptance.onboardingCents && input.actorRole !== "owner") throw new PaymentActionError("owner_only");
  return prisma.$transaction(async (tx) => {
    // A write first: on PostgreSQL it locks the lead's row, so two recordings at
    // once take turns and the second sees the first (SQLite runs one transaction at a time).
    await tx.lead.update({ where: { id: input.leadId }, data: { updatedAt: new Date() }, select: { id: true } });
    const existing = await tx.payment.findMany({ where: { leadId: input.leadId }, select: { status: true, mismatch: true } });
    if (existing.some((p) => isPaymentStatus(p.status) && countsAsPaid({ status: p.status, mismatch: p.mismatch }))) throw new PaymentActionError("already_paid");
    const mismatch = input.amountCents !== acceptance.onboardingCents;
    const payment = await tx.payment.create({
      data: {
        leadId: input.leadId,
        acceptanceId: acceptance.id,
        provider: "manual",
        status: "paid",
        amountCents: input.amountCents,
        expectedCents: acceptance.onboardingCents,
        currency: acceptance.currency,
        mismatch,
        note: input.note,
        paidAt: input.paidOn,
      },
      select: { id: true },
    });
    await recordAudit(
      { action: "payment.manual", leadId: input.leadId, actorId: input.actorId, data: { paymentId: payment.id, amountCents: input.amountCents, expectedCents: acceptance.onboardingCents, currency: acceptance.currency, note: input.note, paidOn: input.paidOn.toISOString().slice(0, 10) } },
      tx,
    );
    if (mismatch) {
      await recordAudit({ action: "payment.mismatch", leadId: input.leadId, actorId: input.actorId, data: { paymentId: payment.id, reportedCents: input.amountCents, expectedCents: acceptance.onboardingCents, currency: acceptance.currency } }, tx);
    }
    await syncLeadStatus(tx, input.leadId, input.actorId);
    return payment;
  });
}

/**
 * The team looked at a payment whose amount differs from the one accepted and
 * takes it as received: the amount reported becomes the one expected, the flag
 * goes, and the note says why. Owners only ("owner_only" for anyone else): it
 * settles the fee at whatever amount came in.
 */
export async function acceptReportedAmount(input: { leadId: string; paymentId: string; actorId: string; actorRole: string; note: string }) {
  if (input.actorRole !== "owner") throw new PaymentActionError("owner_only");
  return prisma.$transaction(async (tx) => {
    const payment = await tx.payment.findFirst({ where: { id: input.paymentId, leadId: input.leadId }, select: { id: true, mismatch: true, amountCents: true, expectedCents: true, note: true } });
    if (!payment) throw new PaymentActionError("not_found");
    if (!payment.mismatch) throw new PaymentActionError("not_flagged");
    await tx.payment.update({
      where: { id: payment.id },
      data: { mismatch: false, expectedCents: payment.amountCents, note: payment.note ? `${payment.note}\n${input.note}` : input.note },
    });
    await recordAudit(
      { action: "payment.reviewed", leadId: input.leadId, actorId: input.actorId, data: { paymentId: payment.id, amountCents: payment.amountCents, previousExpectedCents: payment.expectedCents, note: input.note } },
      tx,
    );
    await syncLeadStatus(tx, input.leadId, input.actorId);
  });
}

/** Where the stand-in's dashboard is (to make refunds in the demo), when it is in use. */
export function standinDashboardUrl(): string | null {
  const env = getEnv();
  return usesStandin(env) ? `http://127.0.0.1:${standinPort(env)}/` : null;
}

