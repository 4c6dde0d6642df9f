// What a refund gives back, line by line, and the credit note (TD04) of each
// refund step. Pure: integer cents, no database, no Stripe.
//
// Stripe reports a charge's refunds as a running total (amount_refunded), in
// terms of what the client paid (the document's dueCents). Each step (from the
// total already credited to the new one) gets a credit note of its own, and the
// notes are computed as differences of one cumulative split:
//
//   note(from → to) = split(to) − split(from),   split(due) = the invoice itself
//
// so however the refund is cut into steps, the notes add up to the invoice line
// by line, cent for cent, and never exceed it.
//
// The split of `R` cents refunded (R < due; at R = due it is the invoice):
// - ordinary VAT, standard: R is VAT included; imponibile = R / (1 + rate),
//   rounded half up to the cent, IVA = R − imponibile. The imponibile is the
//   one whose IVA (rounded as on the invoice) gives R back when there is one,
//   otherwise the nearest; each note's IVA is then within one cent of its
//   imponibile × rate (the SDI's tolerance) and the last note takes the rest.
// - split payment (a public body, who paid the imponibile only): imponibile =
//   R, IVA = R × rate rounded half up (never more than the invoice's).
// - reverse charge, out of scope: no IVA; imponibile = R.
// - regime forfettario (no IVA). The RULE for the rivalsa INPS and the stamp
//   duty (FOR THE ACCOUNTANT to confirm):
//   - the rivalsa INPS is part of the fee (4 % of it): a refund gives both back
//     in the same proportion, rivalsa = imponibile × 4/104 rounded half up;
//   - the 2,00 € stamp duty charged to the client is owed once per document,
//     whatever its amount, and the invoice still stands after a partial refund:
//     a refund gives back the imponibile first, and the stamp duty only with
//     the cents beyond it, so only a refund of the whole payment returns it.
//   - A credit note over 77,47 € without VAT is itself a document subject to the
//     stamp duty (DPR 642/1972, tariff art. 13): it carries its own virtual
//     stamp duty (DatiBollo), borne by the studio.
import type { TaxDocument } from "../tax/document";
import { STAMP_DUTY_CENTS, STAMP_DUTY_THRESHOLD_CENTS } from "../tax/regime";
import { percentOfCents } from "../money";
import { buildCreditNote, invoiceNumberLabel, legalWording, type FrozenInvoice, type InvoiceLine } from "./invoice";

/** The cumulative part of an invoice's lines that `refundedCents` of its due amount gives back. */
export interface RefundedPart {
  feeCents: number;
  rivalsaCents: number;
  vatCents: number;
  /** Of the stamp duty charged to the client. */
  stampDutyCents: number;
}

/** a / b rounded half up, for non-negative integers. */
function divideHalfUp(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

const chargedStampDuty = (doc: TaxDocument) => (doc.stampDuty?.chargedToClient ? doc.stampDuty.cents : 0);

/** The part of `doc` refunded once `refundedCents` of what was paid went back (capped at the whole). */
export function refundedPart(doc: TaxDocument, refundedCents: number): RefundedPart {
  if (!Number.isSafeInteger(refundedCents)) throw new RangeError("A refund is integer cents");
  const r = Math.min(Math.max(refundedCents, 0), doc.dueCents);
  if (r === doc.dueCents) return { feeCents: doc.feeCents, rivalsaCents: doc.rivalsaCents, vatCents: doc.vatCents, stampDutyCents: chargedStampDuty(doc) };
  if (doc.regime === "forfettario") {
    const net = Math.min(r, doc.netCents);
    const rivalsa = doc.rivalsaCents === 0 ? 0 : net === doc.netCents ? doc.rivalsaCents : divideHalfUp(net * doc.rivalsaPercent, 100 + doc.rivalsaPercent);
    return { feeCents: net - rivalsa, rivalsaCents: rivalsa, vatCents: 0, stampDutyCents: r - net };
  }
  if (!doc.vatLine) return { feeCents: r, rivalsaCents: 0, vatCents: 0, stampDutyCents: 0 };
  if (doc.treatment === "splitPayment") return { feeCents: r, rivalsaCents: 0, vatCents: Math.min(percentOfCents(r, doc.ratePercent), doc.vatCents), stampDutyCents: 0 };
  const hundredths = Math.round(doc.ratePercent * 100);
  const net = divideHalfUp(r * 10_000, 10_000 + hundredths);
  return { feeCents: net, rivalsaCents: 0, vatCents: r - net, stampDutyCents: 0 };
}

/**
 * The amounts of the credit note that refunds what went back between
 * `fromCents` and `toCents` (cumulative, of the due amount): the document
 * (its `stampDuty` is the note's own, see the top) and how much of the stamp
 * duty charged on the invoice it gives back (a line of its own, in the total).
 */
export function creditNoteAmounts(doc: TaxDocument, fromCents: number, toCents: number): { document: TaxDocument; stampDutyRefundedCents: number } {
  if (!(toCents > fromCents)) throw new RangeError("A credit note refunds a positive amount");
  const a = refundedPart(doc, fromCents);
  const b = refundedPart(doc, toCents);
  const feeCents = b.feeCents - a.feeCents;
  const rivalsaCents = b.rivalsaCents - a.rivalsaCents;
  const vatCents = b.vatCents - a.vatCents;
  const stampDutyRefundedCents = b.stampDutyCents - a.stampDutyCents;
  const netCents = feeCents + rivalsaCents;
  const grossCents = netCents + vatCents + stampDutyRefundedCents;
  const ownStampDuty = doc.regime === "forfettario" && netCents > STAMP_DUTY_THRESHOLD_CENTS;
  const document: TaxDocument = {
    ...doc,
    feeCents,
    rivalsaCents,
    netCents,
    vatCents,
    stampDuty: ownStampDuty ? { cents: STAMP_DUTY_CENTS, chargedToClient: false } : null,
    grossCents,
    dueCents: doc.treatment === "splitPayment" ? grossCents - vatCents : grossCents,
  };
  return { document, stampDutyRefundedCents };
}

const euro = new Intl.NumberFormat("it-IT", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });
const italianDate = (iso: string) => iso.split("-").reverse().join("/");

/**
 * The credit note (TD04) of one refund step of `invoice`: from `fromCents` to
 * `toCents` of its due amount refunded. A refund of the whole at once is the
 * invoice's full reversal (buildCreditNote).
 */
export function buildRefundCreditNote(invoice: FrozenInvoice, at: { year: number; number: number; issuedOn: string }, step: { fromCents: number; toCents: number }): FrozenInvoice {
  const due = invoice.document.dueCents;
  if (step.fromCents <= 0 && step.toCents >= due) return buildCreditNote(invoice, at);
  const { document: doc, stampDutyRefundedCents } = creditNoteAmounts(invoice.document, step.fromCents, step.toCents);
  const centsOf: Record<InvoiceLine["kind"], number> = { fee: doc.feeCents, rivalsa: doc.rivalsaCents, stampDuty: stampDutyRefundedCents };
  const lines: InvoiceLine[] = invoice.lines
    .map((line): InvoiceLine => ({ ...line, cents: centsOf[line.kind], ...(line.kind === "fee" && doc.vatLine ? { vatCents: doc.vatCents } : {}) }))
    // The fee line stays (it carries the IVA); a rivalsa or stamp duty line with nothing refunded goes.
    .filter((line) => line.kind === "fee" || line.cents > 0);
  const reference = `Nota di credito a storno parziale della fattura n. ${invoiceNumberLabel(invoice)} del ${italianDate(invoice.issuedOn)} (rimborso di EUR ${euro.format(doc.dueCents / 100)})`;
  const causale = invoice.causale.filter((c) => c !== legalWording.stampDuty);
  if (doc.stampDuty) causale.push(legalWording.stampDuty);
  return {
    ...buildCreditNote(invoice, at),
    lines,
    document: doc,
    causale: [reference, ...causale],
    payment: { ...invoice.payment, dueCents: doc.dueCents },
    refund: { fromCents: step.fromCents, toCents: step.toCents },
  };
}
