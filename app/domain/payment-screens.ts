// The payment screens' data, shaped from rows already read (pure, no words):
// the client area behind the private link, a receipt, the team's payments
// panel of a lead. The models read the rows (app/models/payment-records.server.ts)
// and hand them here; components translate. Money is integer cents.
import { isPaymentStatus, refundedAmount, type PaymentStatus } from "./payment-state";
import { clientPaymentState, dashboardUrl, invoicingDetails, iso, leadPaymentsSummary, type AcceptedTerms, type ClientPaymentState, type InvoicingRow, type LeadPaymentsSummary, type StripeMode } from "./payment-view";
import { taxDocumentForDue, type TaxDocument } from "./tax/document";

interface PaymentRow {
  id: string;
  provider: string;
  status: string;
  amountCents: number;
  expectedCents: number;
  currency: string;
  mismatch: boolean;
  note: string | null;
  paidAt: Date | null;
  refundedAt: Date | null;
  lastEventAt: Date | null;
  createdAt: Date;
  stripeSessionId: string | null;
  stripePaymentIntentId: string | null;
}

interface Acceptance {
  acceptedAt: Date;
  fullName: string;
  versionHash: string;
  onboardingCents: number;
  currency: string;
  ip: string | null;
  userAgent: string | null;
}

/** An acceptance with the version it pins and what it bought (AcceptedOffer in the models). */
export interface Accepted extends AcceptedTerms {
  acceptance: Acceptance;
  version: { number: number; sentAt: Date } | null;
  offer: { kickoffUrl: string | null } | null;
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
  monthly: TaxDocument;
  onboarding: TaxDocument;
  currency: string;
  state: ClientPaymentState;
  receipts: Array<{ id: string; provider: string; status: string; amountCents: number; paidAt: string | null; refundedAt: string | null }>;
  invoicing: { kind: string; legalName: string; taxId: string | null; delivery: string | null; address: string } | null;
  kickoffUrl: string | null;
  /** False when online payment is off (no Stripe key in production): bank transfer only. */
  onlinePayment: boolean;
}

/** What the client sees through their private link once they have accepted. */
export function clientPortal(input: {
  token: string;
  lead: { name: string; organisation: string };
  accepted: Accepted;
  payments: PaymentRow[];
  client: InvoicingRow | null;
  kickoffUrl: string | null;
  onlinePayment: boolean;
}): ClientPortal {
  const { accepted, payments, client } = input;
  const { acceptance, version } = accepted;
  const invoicing = client ? invoicingDetails(client) : null;
  return {
    token: input.token,
    organisation: input.lead.organisation,
    contactName: input.lead.name,
    acceptedAt: acceptance.acceptedAt.toISOString(),
    fullName: acceptance.fullName,
    version: version ? { number: version.number, sentAt: version.sentAt.toISOString(), hash: acceptance.versionHash, intact: accepted.intact } : null,
    packageName: accepted.packageName,
    addOns: accepted.addOns,
    monthly: accepted.monthly,
    onboarding: accepted.onboarding,
    currency: acceptance.currency,
    state: clientPaymentState(payments, acceptance.onboardingCents),
    receipts: payments
      .filter((p) => p.status === "paid" || p.status === "refunded")
      .map((p) => ({ id: p.id, provider: p.provider, status: p.status, amountCents: p.amountCents, paidAt: iso(p.paidAt), refundedAt: iso(p.refundedAt) })),
    invoicing: invoicing
      ? { kind: invoicing.kind, legalName: invoicing.legalName, taxId: invoicing.partitaIva ?? invoicing.vatNumber ?? invoicing.codiceFiscale, delivery: invoicing.codiceDestinatario ?? invoicing.pec, address: invoicing.address }
      : null,
    kickoffUrl: input.kickoffUrl ?? accepted.offer?.kickoffUrl ?? null,
    // A public body (split payment) pays by bank transfer against the invoice.
    onlinePayment: input.onlinePayment && accepted.treatment !== "splitPayment",
  };
}

export interface Receipt {
  id: string;
  provider: string;
  status: string;
  paidAt: string | null;
  refundedAt: string | null;
  amount: TaxDocument;
  currency: string;
  reference: string | null;
  studio: { name: string; displayName: string | null; vatNumber: string | null; city: string | null; email: string | null };
  client: ReturnType<typeof invoicingDetails> | null;
  organisation: string;
  packageName: string;
  version: { number: number; hash: string } | null;
}

/** A receipt for one payment: the accepted fee's document when the amount is the one accepted, else the amount split under the accepted regime (else ordinary VAT at the studio's rate). */
export function receipt(input: {
  payment: Pick<PaymentRow, "id" | "provider" | "status" | "paidAt" | "refundedAt" | "amountCents" | "currency" | "stripePaymentIntentId" | "stripeSessionId">;
  accepted: Accepted | null;
  client: InvoicingRow | null;
  organisation: string;
  studio: Receipt["studio"];
  vatRatePercent: number;
}): Receipt {
  const { payment, accepted } = input;
  return {
    id: payment.id,
    provider: payment.provider,
    status: payment.status,
    paidAt: iso(payment.paidAt),
    refundedAt: iso(payment.refundedAt),
    amount: taxDocumentForDue(accepted?.regime ?? { kind: "ordinary", vatRatePercent: input.vatRatePercent }, accepted?.treatment ?? "standard", payment.amountCents, accepted?.onboarding.feeCents ?? null),
    currency: payment.currency,
    reference: payment.stripePaymentIntentId ?? payment.stripeSessionId,
    studio: input.studio,
    client: input.client ? invoicingDetails(input.client) : null,
    organisation: input.organisation,
    packageName: accepted?.packageName ?? "",
    version: accepted?.version ? { number: accepted.version.number, hash: accepted.acceptance.versionHash } : null,
  };
}

export interface LeadPaymentsData {
  leadId: string;
  leadStatus: string;
  /** Where Stripe payments go: the local stand-in, Stripe in test mode, or live. */
  stripeMode: StripeMode;
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
    monthly: TaxDocument;
    onboarding: TaxDocument;
    expectedCents: number;
    currency: string;
  };
  client: null | ReturnType<typeof invoicingDetails>;
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
  summary: LeadPaymentsSummary;
}

/** Everything the team's payments panel shows for a lead (props for <LeadPayments>). */
export function leadPayments(input: {
  lead: { id: string; status: string };
  stripeMode: StripeMode;
  standinUrl: string | null;
  viewerRole: string;
  accepted: Accepted | null;
  payments: PaymentRow[];
  /** Refunded so far per payment id (refundedUpTo of the lead's refund records). */
  refunded: Map<string, number>;
  client: InvoicingRow | null;
  audit: Array<{ id: string; action: string; createdAt: Date; actorName: string | null; data: Record<string, unknown> }>;
}): LeadPaymentsData {
  const { accepted, stripeMode } = input;
  const a = accepted?.acceptance;
  return {
    leadId: input.lead.id,
    leadStatus: input.lead.status,
    stripeMode,
    standinUrl: input.standinUrl,
    canSettleDifferences: input.viewerRole === "owner",
    acceptance:
      accepted && a
        ? {
            acceptedAt: a.acceptedAt.toISOString(),
            fullName: a.fullName,
            ip: a.ip,
            userAgent: a.userAgent,
            versionNumber: accepted.version?.number ?? null,
            versionHash: a.versionHash,
            intact: accepted.intact,
            packageName: accepted.packageName,
            addOnNames: accepted.addOns.map((x) => x.name),
            monthly: accepted.monthly,
            onboarding: accepted.onboarding,
            expectedCents: a.onboardingCents,
            currency: a.currency,
          }
        : null,
    client: input.client ? invoicingDetails(input.client) : null,
    payments: input.payments.map((p) => ({
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
      refundedCents: refundedAmount(p, input.refunded),
      createdAt: p.createdAt.toISOString(),
      stripeSessionId: p.stripeSessionId,
      stripePaymentIntentId: p.stripePaymentIntentId,
      dashboardUrl: dashboardUrl(stripeMode, p.stripePaymentIntentId),
    })),
    history: input.audit
      .filter((e) => e.action.startsWith("payment.") || e.action === "proposal.accepted")
      .map((e) => ({ id: e.id, action: e.action, at: e.createdAt.toISOString(), actorName: e.actorName, data: e.data })),
    summary: leadPaymentsSummary(input.payments, a ? a.onboardingCents : null),
  };
}
