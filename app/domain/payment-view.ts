// What the payment screens show, decided from rows already read: the client's
// one-word state, the terms of an acceptance (package, add-ons, fees with
// VAT), the team's summary of a lead, the invoicing lines, the Stripe
// dashboard link. Pure: no database, no Stripe, no words (components translate).
// Money is integer cents.
import type { AcceptableSnapshot } from "./proposal-edits";
import type { ProposalView } from "./strategy/view";
import { countsAsPaid, isPaymentStatus } from "./payment-state";
import { taxDocument, taxDocumentForDue, type TaxDocument } from "./tax/document";
import { regimeOrRate, type TaxRegime } from "./tax/regime";
import { isVatTreatment, type VatTreatment } from "./tax/treatment";

/** Stripe Checkout cannot charge less than this (EUR 0.50). */
export const STRIPE_MINIMUM_CENTS = 50;

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export type ClientPaymentState = "due" | "processing" | "paid" | "refunded" | "failed" | "nothing_due";

interface StateRow {
  status: string;
  provider: string;
  lastEventAt: Date | null;
}

/** The client's view of their payments: one word for the portal. */
export function clientPaymentState(rows: StateRow[], dueCents: number): ClientPaymentState {
  if (rows.some((p) => p.status === "paid")) return "paid";
  if (rows.some((p) => p.status === "refunded")) return "refunded";
  // A finished checkout whose money is on its way (a bank debit): Stripe said "completed, unpaid".
  if (rows.some((p) => p.status === "pending" && p.provider === "stripe" && p.lastEventAt)) return "processing";
  if (dueCents < STRIPE_MINIMUM_CENTS) return "nothing_due";
  const last = rows.at(-1);
  return last?.status === "failed" ? "failed" : "due";
}

export type LeadPaymentsSummary = "not_accepted" | "awaiting" | "processing" | "paid" | "refunded" | "review";

/** The team's one word for a lead's payments (`dueCents` null: nothing accepted yet). */
export function leadPaymentsSummary(rows: Array<StateRow & { mismatch: boolean }>, dueCents: number | null): LeadPaymentsSummary {
  if (dueCents === null) return "not_accepted";
  const received = rows.filter((p) => isPaymentStatus(p.status) && (p.status === "paid" || p.status === "refunded"));
  // Money came in at another amount and nobody settled it yet.
  if (received.some((p) => p.mismatch) && !rows.some((p) => isPaymentStatus(p.status) && countsAsPaid({ status: p.status, mismatch: p.mismatch }))) return "review";
  const state = clientPaymentState(rows, dueCents);
  if (state === "paid" || state === "refunded" || state === "processing") return state;
  return "awaiting";
}

/** The add-on ids an acceptance stored (JSON text); anything unreadable is none. */
export function parseIds(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

export interface AcceptedTerms {
  /** The version still reads as it was accepted (its hash is the one the client accepted). */
  intact: boolean;
  packageName: string;
  addOns: Array<{ id: string; name: string; priceNetCents: number; recurring: boolean }>;
  /** Under the version's regime and the client's VAT treatment. */
  monthly: TaxDocument;
  onboarding: TaxDocument;
  rate: number;
  regime: TaxRegime;
  treatment: VatTreatment;
}

/**
 * What an acceptance bought, from the version it pins: the package and add-ons
 * by name (the view's wording in the reader's language when there is one, else
 * the snapshot's), the monthly fee and the onboarding fee with VAT.
 */
export function acceptedTerms(input: {
  acceptance: { packageId: string; addOnIds: string; onboardingCents: number; versionHash: string; taxTreatment?: string | null };
  versionHash: string | null;
  offer: AcceptableSnapshot | null;
  view: ProposalView | null;
}): AcceptedTerms {
  const { acceptance, offer, view } = input;
  const addOnIds = parseIds(acceptance.addOnIds);
  const packages = view?.investment.packages ?? offer?.packages ?? [];
  const addOns = view?.investment.addOns ?? offer?.addOns ?? [];
  const pkg = packages.find((p) => p.id === acceptance.packageId);
  const chosen = addOns.filter((a) => addOnIds.includes(a.id));
  const rate = offer?.vatRatePercent ?? 22;
  const regime = regimeOrRate(offer?.taxRegime, rate);
  const treatment: VatTreatment = isVatTreatment(acceptance.taxTreatment) ? acceptance.taxTreatment : "standard";
  const monthlyNet = (pkg?.monthlyNetCents ?? 0) + chosen.filter((a) => a.recurring).reduce((sum, a) => sum + a.priceNetCents, 0);
  return {
    intact: input.versionHash !== null && input.versionHash === acceptance.versionHash,
    packageName: pkg?.name ?? acceptance.packageId,
    addOns: chosen.map((a) => ({ id: a.id, name: a.name, priceNetCents: a.priceNetCents, recurring: a.recurring })),
    monthly: taxDocument(regime, treatment, monthlyNet),
    onboarding: offer ? taxDocument(regime, treatment, offer.onboardingNetCents) : taxDocumentForDue(regime, treatment, acceptance.onboardingCents, null),
    rate,
    regime,
    treatment,
  };
}

export interface InvoicingRow {
  kind: string;
  legalName: string;
  partitaIva: string | null;
  codiceFiscale: string | null;
  codiceDestinatario: string | null;
  pec: string | null;
  /** Absent in rows read without them (tests, old selects). */
  cig?: string | null;
  cup?: string | null;
  vatNumber?: string | null;
  country?: string;
  address: string;
  postalCode: string;
  city: string;
  province: string;
}

/** The invoicing data given at acceptance, the address on one line. */
export function invoicingDetails(c: InvoicingRow) {
  return {
    kind: c.kind,
    legalName: c.legalName,
    partitaIva: c.partitaIva,
    codiceFiscale: c.codiceFiscale,
    codiceDestinatario: c.codiceDestinatario,
    pec: c.pec,
    cig: c.cig ?? null,
    cup: c.cup ?? null,
    vatNumber: c.vatNumber ?? null,
    // Italian addresses end with the province, foreign ones with the country.
    address: c.country && c.country !== "IT" ? `${c.address}, ${c.postalCode} ${c.city} (${c.country})` : `${c.address}, ${c.postalCode} ${c.city} (${c.province})`,
  };
}

export type StripeMode = "standin" | "test" | "live" | "disabled";

/** A payment's page in the Stripe dashboard (none for the stand-in or without Stripe). */
export function dashboardUrl(mode: StripeMode, intentId: string | null): string | null {
  if (!intentId) return null;
  if (mode === "standin" || mode === "disabled") return null;
  return `https://dashboard.stripe.com/${mode === "test" ? "test/" : ""}payments/${intentId}`;
}
