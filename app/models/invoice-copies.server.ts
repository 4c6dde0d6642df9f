// The courtesy copies of invoices and credit notes: the list a client sees in
// their area (and the team on the lead page), and each copy as a PDF in the
// reader's language, drawn from the frozen invoice alone (the same data as the
// XML). Read only.
//
// A copy is rendered when asked for (one page, a warm worker takes a fraction
// of a second) and not stored: the invoice rows are kept for the legal
// retention anyway, and an unstored copy leaves nothing more to erase.
import { courtesyCopy } from "~/domain/invoice/courtesy-copy";
import { invoiceNumberLabel, parseFrozenInvoice, supplierOf, type DocumentType } from "~/domain/invoice/invoice";
import { getT, type Locale } from "~/i18n/i18n";
import { renderInPool } from "~/pdf/pool.server";
import { prisma } from "~/utils/db.server";
import { getOwnerSettings } from "./settings.server";

export interface InvoiceListItem {
  id: string;
  label: string;
  documentType: DocumentType;
  /** YYYY-MM-DD */
  issuedOn: string;
  totalCents: number;
  currency: string;
  /** A credit note's invoice ("12/2026"), else null. */
  cancels: string | null;
}

/** The invoices and credit notes of one lead, oldest first. */
export async function leadInvoices(leadId: string): Promise<InvoiceListItem[]> {
  const rows = await prisma.invoice.findMany({
    where: { leadId },
    orderBy: [{ year: "asc" }, { number: "asc" }],
    select: { id: true, year: true, number: true, documentType: true, issuedOn: true, totalCents: true, currency: true, originalInvoiceId: true },
  });
  // A credit note's invoice is the same lead's.
  const labels = new Map(rows.map((row) => [row.id, invoiceNumberLabel(row)]));
  return rows.map((row) => ({
    id: row.id,
    label: invoiceNumberLabel(row),
    documentType: row.documentType === "TD04" ? "TD04" : "TD01",
    issuedOn: row.issuedOn.toISOString().slice(0, 10),
    totalCents: row.totalCents,
    currency: row.currency,
    cancels: row.originalInvoiceId ? (labels.get(row.originalInvoiceId) ?? null) : null,
  }));
}

/**
 * The courtesy copy of an invoice as a PDF in `locale`; with `leadId`, only
 * when the invoice is that lead's (a client's link never reaches another's).
 * Null: no such invoice.
 */
export async function invoiceCopyPdf(invoiceId: string, locale: Locale, scope: { leadId?: string } = {}): Promise<{ fileName: string; pdf: Buffer } | null> {
  const row = await prisma.invoice.findUnique({ where: { id: invoiceId }, select: { leadId: true, data: true, issuedOn: true } });
  if (!row || (scope.leadId !== undefined && row.leadId !== scope.leadId)) return null;
  const frozen = parseFrozenInvoice(row.data);
  if (!frozen) return null;
  const settings = await getOwnerSettings();
  const t = getT(locale);
  const copy = courtesyCopy(frozen, supplierOf(frozen, settings.fiscal), locale, (key, options) => t(key, options));
  // The document's date as the PDF's own: the same copy gives the same bytes.
  const pdf = await renderInPool({ document: "invoice-copy", copy, branding: settings.branding, studioName: settings.studioName, createdAt: row.issuedOn.toISOString() });
  return { fileName: copy.fileName, pdf };
}
