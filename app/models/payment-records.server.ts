// Payments data access: small typed reads scoped by lead (explicit selects),
// the accepted offer a lead's payment screens start from, and the lead status
// that follows the money. Decisions and shaping live in app/domain/payment-view.ts.
import { acceptedTerms, type AcceptedTerms } from "~/domain/payment-view";
import { countsAsPaid, isPaymentStatus, refundAuditActions, refundRecord, type RefundRecord } from "~/domain/payment-state";
import { parseAcceptable, type AcceptableSnapshot } from "~/domain/proposal-edits";
import type { ProposalView } from "~/domain/strategy/view";
import type { Prisma } from "~/generated/sqlite/client";
import type { Locale } from "~/i18n/i18n";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { enqueuePaymentEmails } from "./payment-emails.server";
import { viewFromSnapshot } from "./proposal-versions.server";

export type Tx = Prisma.TransactionClient;

const paymentSelect = {
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
} satisfies Prisma.PaymentSelect;

/** Every payment of a lead's onboarding fee, oldest first (the retainer's months are apart: retainerPayments). */
export function paymentRows(leadId: string) {
  return prisma.payment.findMany({ where: { leadId, purpose: "onboarding" }, orderBy: { createdAt: "asc" }, select: paymentSelect });
}

/** Every payment of a lead, oldest first, with its purpose (onboarding | retainer): one query for a page that shows both. */
export function paymentRowsByPurpose(leadId: string) {
  return prisma.payment.findMany({ where: { leadId }, orderBy: { createdAt: "asc" }, select: { ...paymentSelect, purpose: true, stripeInvoiceId: true } });
}


const acceptanceSelect = {
  id: true,
  proposalVersionId: true,
  versionHash: true,
  packageId: true,
  addOnIds: true,
  fullName: true,
  ip: true,
  userAgent: true,
  onboardingCents: true,
  taxTreatment: true,
  currency: true,
  acceptedAt: true,
} satisfies Prisma.AcceptanceSelect;

/** The (first) acceptance of a lead; null before the client accepts. */
export function firstAcceptance(leadId: string) {
  return prisma.acceptance.findFirst({ where: { leadId }, orderBy: { acceptedAt: "asc" }, select: acceptanceSelect });
}

export type AcceptanceRow = NonNullable<Awaited<ReturnType<typeof firstAcceptance>>>;

const invoicingSelect = {
  kind: true,
  legalName: true,
  partitaIva: true,
  codiceFiscale: true,
  codiceDestinatario: true,
  pec: true,
  cig: true,
  cup: true,
  vatNumber: true,
  country: true,
  address: true,
  postalCode: true,
  city: true,
  province: true,
} satisfies Prisma.ClientSelect;

/** The invoicing data given at acceptance. */
export function invoicingOf(leadId: string) {
  return prisma.client.findUnique({ where: { leadId }, select: invoicingSelect });
}

export const acceptedVersionSelect = { id: true, number: true, sentAt: true, snapshot: true, snapshotHash: true, view: true } satisfies Prisma.ProposalVersionSelect;
export type AcceptedVersionRow = { id: string; number: number; sentAt: Date; snapshot: string; snapshotHash: string; view: string | null };

export interface AcceptedOffer extends AcceptedTerms {
  acceptance: AcceptanceRow;
  version: AcceptedVersionRow | null;
  /** The version rebuilt from its snapshot in the reader's language. */
  view: ProposalView | null;
  offer: AcceptableSnapshot | null;
}

/** An acceptance with the version it pins, read already: what was bought (no query). */
export function offerOf(acceptance: AcceptanceRow, version: AcceptedVersionRow | null, locale: Locale): AcceptedOffer {
  const offer = version ? parseAcceptable(version.snapshot) : null;
  const view = version ? (viewFromSnapshot(version.snapshot, locale)?.view ?? null) : null;
  return { acceptance, version, view, offer, ...acceptedTerms({ acceptance, versionHash: version?.snapshotHash ?? null, offer, view }) };
}

/** The acceptance of a lead with the version it pins and what that version offered; null before acceptance. */
export async function acceptedOffer(leadId: string, locale: Locale): Promise<AcceptedOffer | null> {
  const acceptance = await firstAcceptance(leadId);
  if (!acceptance) return null;
  const version = await prisma.proposalVersion.findUnique({ where: { id: acceptance.proposalVersionId }, select: acceptedVersionSelect });
  return offerOf(acceptance, version, locale);
}

/** Refund records heard before `before` (all when omitted). */
export async function refundRecords(before?: Date): Promise<RefundRecord[]> {
  const rows = await prisma.auditLog.findMany({
    where: { action: { in: [...refundAuditActions] }, ...(before ? { createdAt: { lt: before } } : {}) },
    select: { createdAt: true, data: true },
  });
  return rows.map(refundRecord).filter((r): r is RefundRecord => r !== null);
}

/**
 * Moves the lead to "paid" when a payment counts as received, and back to
 * "accepted" when none does any more. `paymentId`: the payment this write is
 * about; when it makes the lead paid, its emails (receipt, owners) are enqueued
 * in the same transaction.
 */
export async function syncLeadStatus(tx: Tx, leadId: string, actorId: string | null, paymentId?: string) {
  const [lead, payments, acceptance] = await Promise.all([
    tx.lead.findUnique({ where: { id: leadId }, select: { status: true } }),
    // The onboarding fee makes a lead "paid"; the retainer's months do not change its status.
    tx.payment.findMany({ where: { leadId, purpose: "onboarding" }, select: { status: true, mismatch: true } }),
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
  if (to === "paid" && paymentId) await enqueuePaymentEmails(tx, { leadId, paymentId });
}
