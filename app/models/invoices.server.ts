// Invoices: issued inside the transaction that makes a payment count (the
// Stripe webhook, the owner's "record bank transfer", a differing amount taken
// as received; the retainer's paid subscription invoices), a credit note inside
// the one that records a refund, full or partial. Both are idempotent: one TD01
// per payment, and one TD04 per refund step (unique paymentId + documentType +
// refundedUpToCents: the cumulative amount refunded once the note counts), so a
// repeated webhook or a double click never issues two. Stripe reports the
// running total refunded (amount_refunded), which may arrive out of order: the
// payment keeps the largest one heard (Payment.refundedCents) and a note is
// issued for what it adds to the notes already issued, nothing when it adds
// nothing; the notes never go beyond the invoice (app/domain/invoice/refund.ts).
//
// Numbers: one sequence a year for invoices and credit notes, from the
// InvoiceCounter row of the year, moved by one UPDATE … RETURNING in the same
// transaction as the invoice it numbers: on PostgreSQL the row stays locked
// until that transaction ends, so a second payment waits and takes the next
// number (whatever instance it runs on); SQLite runs one writing transaction at
// a time. A transaction that fails gives its number back with it: no gap; the
// unique (year, number) makes a duplicate impossible.
//
// The caller has already written the payment's row in the transaction (which
// locks it on PostgreSQL), so two issuings for one payment take turns too.
import { zipSync } from "fflate";
import { fatturaPaXml } from "~/domain/invoice/fatturapa";
import { buildRefundCreditNote } from "~/domain/invoice/refund";
import { buildInvoice, fatturaPaFileName, invoiceClientOf, invoiceNumberLabel, invoicePurpose, parseFrozenInvoice, romeDate, supplierOf, type FrozenInvoice } from "~/domain/invoice/invoice";
import { monthBounds } from "~/domain/invoice/month";
import { countsAsPaid, isPaymentStatus } from "~/domain/payment-state";
import { taxDocumentForDue } from "~/domain/tax/document";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { offerOf, type Tx } from "./payment-records.server";
import { getOwnerSettings, ownerSettingsIn } from "./settings.server";

type IssuedInvoice = { id: string; year: number; number: number; documentType: string };

const issuedSelect = { id: true, year: true, number: true, documentType: true } as const;

/** The next number of `year`, taken in `tx` (see the top of this file). */
export async function nextInvoiceNumber(tx: Tx, year: number): Promise<number> {
  await tx.$executeRaw`INSERT INTO "InvoiceCounter" ("year", "lastNumber", "updatedAt") VALUES (${year}, 0, CURRENT_TIMESTAMP) ON CONFLICT ("year") DO NOTHING`;
  const rows = await tx.$queryRaw<Array<{ lastNumber: number | bigint }>>`UPDATE "InvoiceCounter" SET "lastNumber" = "lastNumber" + 1, "updatedAt" = CURRENT_TIMESTAMP WHERE "year" = ${year} RETURNING "lastNumber"`;
  const value = rows[0]?.lastNumber;
  if (value === undefined) throw new Error(`No invoice counter for ${year}`);
  return Number(value);
}

async function store(tx: Tx, frozen: FrozenInvoice, refs: { paymentId: string; leadId: string; originalInvoiceId: string | null; refundedUpToCents: number }) {
  return tx.invoice.create({
    data: {
      year: frozen.year,
      number: frozen.number,
      documentType: frozen.documentType,
      paymentId: refs.paymentId,
      leadId: refs.leadId,
      originalInvoiceId: refs.originalInvoiceId,
      refundedUpToCents: refs.refundedUpToCents,
      issuedOn: new Date(`${frozen.issuedOn}T00:00:00.000Z`),
      currency: frozen.currency,
      totalCents: frozen.document.grossCents,
      dueCents: frozen.document.dueCents,
      data: JSON.stringify(frozen),
    },
    select: issuedSelect,
  });
}

/**
 * Issues the invoice (TD01) of a payment that counts, in `tx`; the existing one
 * when it has one; null when the payment does not count (pending, failed,
 * refunded, or an amount still to check) or has no acceptance to invoice;
 * with `beforePayment`, also a bank transfer still awaited (a public body's).
 * The line says what the payment was for (Payment.purpose: the onboarding fee
 * unless the retainer's rows say otherwise).
 */
export async function issueInvoiceForPayment(tx: Tx, paymentId: string, now: Date = new Date(), options: { beforePayment?: boolean } = {}): Promise<IssuedInvoice | null> {
  const existing = await tx.invoice.findUnique({ where: invoiceOfPayment(paymentId), select: issuedSelect });
  if (existing) return existing;
  const payment = await tx.payment.findUnique({
    where: { id: paymentId },
    select: { id: true, leadId: true, acceptanceId: true, provider: true, purpose: true, status: true, mismatch: true, amountCents: true, currency: true, paidAt: true },
  });
  // A public body's invoice comes before its transfer (beforePayment: a pending bank-transfer row, see transfer-invoices.server.ts).
  const awaited = options.beforePayment === true && payment?.provider === "manual" && payment.status === "pending";
  if (!payment || !isPaymentStatus(payment.status) || (!awaited && !countsAsPaid({ status: payment.status, mismatch: payment.mismatch }))) return null;
  const acceptanceSelect = { id: true, proposalVersionId: true, versionHash: true, packageId: true, addOnIds: true, fullName: true, ip: true, userAgent: true, onboardingCents: true, taxTreatment: true, currency: true, acceptedAt: true } as const;
  const acceptance = payment.acceptanceId
    ? await tx.acceptance.findUnique({ where: { id: payment.acceptanceId }, select: acceptanceSelect })
    : await tx.acceptance.findFirst({ where: { leadId: payment.leadId }, orderBy: { acceptedAt: "asc" }, select: acceptanceSelect });
  if (!acceptance) return null;
  const [version, clientRow, settings] = await Promise.all([
    tx.proposalVersion.findUnique({ where: { id: acceptance.proposalVersionId }, select: { id: true, number: true, sentAt: true, snapshot: true, snapshotHash: true, view: true } }),
    tx.client.findUnique({ where: { leadId: payment.leadId } }),
    ownerSettingsIn(tx),
  ]);
  const client = clientRow ? invoiceClientOf(clientRow) : null;
  if (!client) return null;
  // What was bought, in Italian (the language of the XML); the amounts as the client was shown them.
  const terms = offerOf(acceptance, version, "it");
  const purpose = invoicePurpose(payment);
  const expectedFee = purpose === "retainer" ? terms.monthly.feeCents : terms.onboarding.feeCents;
  const document = taxDocumentForDue(terms.regime, terms.treatment, payment.amountCents, expectedFee);
  const issuedOn = romeDate(now);
  const year = Number(issuedOn.slice(0, 4));
  const number = await nextInvoiceNumber(tx, year);
  const frozen = buildInvoice({
    year,
    number,
    issuedOn,
    currency: payment.currency,
    purpose,
    packageName: terms.packageName,
    supplier: settings.fiscal,
    client,
    document,
    payment: { method: payment.provider === "stripe" ? "card" : "transfer", paidOn: payment.paidAt ? romeDate(payment.paidAt) : null },
    acceptance: { versionNumber: version?.number ?? null, acceptedOn: romeDate(acceptance.acceptedAt) },
  });
  const invoice = await store(tx, frozen, { paymentId, leadId: payment.leadId, originalInvoiceId: null, refundedUpToCents: 0 });
  await recordAudit({ action: "invoice.issued", leadId: payment.leadId, data: { invoiceId: invoice.id, paymentId, number: invoiceNumberLabel(frozen), totalCents: document.grossCents } }, tx);
  return invoice;
}

/** The key of a payment's invoice (TD01): a credit note's has the amount refunded instead of 0. */
function invoiceOfPayment(paymentId: string) {
  return { paymentId_documentType_refundedUpToCents: { paymentId, documentType: "TD01", refundedUpToCents: 0 } };
}

/**
 * Issues the credit note (TD04) of what was refunded of a payment since its
 * last credit note, in `tx`: Stripe's largest amount_refunded heard
 * (Payment.refundedCents), or all of it for a payment refunded in full, capped
 * at the invoice. The note already issued for that amount when there is one;
 * null when nothing more was refunded or the payment was never invoiced.
 */
export async function issueCreditNoteForPayment(tx: Tx, paymentId: string, now: Date = new Date()): Promise<IssuedInvoice | null> {
  const payment = await tx.payment.findUnique({ where: { id: paymentId }, select: { status: true, leadId: true, refundedCents: true } });
  if (!payment || (payment.status !== "refunded" && payment.refundedCents <= 0)) return null;
  const invoice = await tx.invoice.findUnique({ where: invoiceOfPayment(paymentId), select: { id: true, data: true, dueCents: true } });
  const original = invoice ? parseFrozenInvoice(invoice.data) : null;
  if (!invoice || !original) return null;
  const toCents = payment.status === "refunded" ? invoice.dueCents : Math.min(payment.refundedCents, invoice.dueCents);
  const existing = await tx.invoice.findUnique({ where: { paymentId_documentType_refundedUpToCents: { paymentId, documentType: "TD04", refundedUpToCents: toCents } }, select: issuedSelect });
  if (existing) return existing;
  const credited = await tx.invoice.aggregate({ where: { paymentId, documentType: "TD04" }, _max: { refundedUpToCents: true } });
  const fromCents = credited._max.refundedUpToCents ?? 0;
  // A smaller amount heard after a larger one (out of order) adds nothing.
  if (toCents <= fromCents) return null;
  const issuedOn = romeDate(now);
  const year = Number(issuedOn.slice(0, 4));
  const frozen = buildRefundCreditNote(original, { year, number: await nextInvoiceNumber(tx, year), issuedOn }, { fromCents, toCents });
  const note = await store(tx, frozen, { paymentId, leadId: payment.leadId, originalInvoiceId: invoice.id, refundedUpToCents: toCents });
  await recordAudit(
    { action: "invoice.credit_note", leadId: payment.leadId, data: { invoiceId: note.id, originalInvoiceId: invoice.id, paymentId, number: invoiceNumberLabel(frozen), totalCents: frozen.document.grossCents, refundedFromCents: fromCents, refundedUpToCents: toCents } },
    tx,
  );
  return note;
}

// ---------------------------------------------------------------- the owner's list and files

/** The invoices and credit notes dated in `month`, in number order. */
export async function listInvoices(month: string) {
  const rows = await prisma.invoice.findMany({
    where: { issuedOn: monthBounds(month) },
    orderBy: [{ year: "asc" }, { number: "asc" }],
    select: { id: true, year: true, number: true, documentType: true, issuedOn: true, totalCents: true, currency: true, sdiStatus: true, uploadedAt: true, leadId: true, paymentId: true, data: true },
  });
  const settings = await getOwnerSettings();
  return rows.map(({ data, ...row }) => {
    const frozen = parseFrozenInvoice(data);
    const supplier = frozen ? supplierOf(frozen, settings.fiscal) : null;
    return { ...row, label: invoiceNumberLabel(row), clientName: frozen?.client.name ?? "", fileName: frozen && supplier ? fatturaPaFileName(frozen, supplier) : null };
  });
}

export type XmlFile = { fileName: string; xml: string };

/** The FatturaPA file of one invoice; "no-supplier" while the owner's fiscal identity is missing; null: no such invoice. */
export async function invoiceXml(id: string): Promise<XmlFile | "no-supplier" | null> {
  const row = await prisma.invoice.findUnique({ where: { id }, select: { data: true } });
  const frozen = row ? parseFrozenInvoice(row.data) : null;
  if (!frozen) return null;
  return xmlFileOf(frozen, (await getOwnerSettings()).fiscal);
}

function xmlFileOf(frozen: FrozenInvoice, current: Parameters<typeof supplierOf>[1]): XmlFile | "no-supplier" {
  const supplier = supplierOf(frozen, current);
  if (!supplier) return "no-supplier";
  return { fileName: fatturaPaFileName(frozen, supplier), xml: fatturaPaXml(frozen, supplier) };
}

/** Every XML file of the month in one ZIP; "no-supplier" while the fiscal identity is missing. */
export async function monthZip(month: string): Promise<{ zip: Uint8Array; count: number } | "no-supplier"> {
  const rows = await prisma.invoice.findMany({ where: { issuedOn: monthBounds(month) }, orderBy: [{ year: "asc" }, { number: "asc" }], select: { data: true } });
  const current = (await getOwnerSettings()).fiscal;
  const files: Record<string, Uint8Array> = {};
  for (const row of rows) {
    const frozen = parseFrozenInvoice(row.data);
    if (!frozen) continue;
    const file = xmlFileOf(frozen, current);
    if (file === "no-supplier") return "no-supplier";
    files[file.fileName] = new TextEncoder().encode(file.xml);
  }
  // Deflate level 6 (XML shrinks to about a fifth); a fixed date keeps the archive the same for the same invoices.
  return { zip: zipSync(files, { level: 6, mtime: new Date("2026-01-01T00:00:00Z") }), count: Object.keys(files).length };
}

/** The owner marks an invoice as uploaded to the SDI (or handed to their intermediary): its number; null when there is no such invoice or it was marked already. */
export async function markInvoiceUploaded(id: string, actorId: string, now: Date = new Date()): Promise<string | null> {
  return prisma.$transaction(async (tx) => {
    // One conditional write: of two clicks (two tabs) exactly one marks it.
    const { count } = await tx.invoice.updateMany({ where: { id, sdiStatus: "to_upload" }, data: { sdiStatus: "uploaded", uploadedAt: now, uploadedById: actorId } });
    if (count === 0) return null;
    const row = await tx.invoice.findUniqueOrThrow({ where: { id }, select: { leadId: true, year: true, number: true } });
    const label = invoiceNumberLabel(row);
    await recordAudit({ action: "invoice.uploaded", leadId: row.leadId, actorId, data: { invoiceId: id, number: label } }, tx);
    return label;
  });
}
