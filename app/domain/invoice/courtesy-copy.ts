// The courtesy copy of an invoice or credit note: what the PDF (and the
// client area) shows, in the reader's language, drawn from the frozen document
// alone, so it always says what the XML says. Pure: words come through `t`,
// dates, money and countries through Intl.
//
// The copy translates the lines and the legal notes; each note keeps the
// legal reference (article and law) of the XML's Italian wording (invoice.ts,
// legalWording), so an English copy cites the same provisions.
import { friendlyFormatIBAN } from "ibantools";
import { formatDate, formatMoney, formatNumber } from "~/i18n/format";
import type { Translate } from "../strategy/resolve";
import type { FiscalIdentity } from "./fiscal-identity";
import { invoiceNumberLabel, type FrozenInvoice, type InvoiceLine } from "./invoice";

type Locale = "it" | "en";

export interface CourtesyParty {
  name: string;
  /** Tax numbers, address, delivery code: one line each. */
  lines: string[];
}

export interface CourtesyCopy {
  locale: Locale;
  /** "Fattura n. 12/2026" / "Credit note no. 13/2026". */
  title: string;
  /** "Copia di cortesia" / "Courtesy copy". */
  kind: string;
  /** The document's date, written out. */
  issuedOn: string;
  /** A credit note's invoice ("Cancels invoice no. 12/2026 of …"), otherwise null. */
  reference: string | null;
  supplier: CourtesyParty | null;
  client: CourtesyParty;
  head: { description: string; vat: string; amount: string };
  rows: Array<{ description: string; vat: string; amount: string }>;
  totals: Array<{ label: string; amount: string; strong: boolean }>;
  /** How it was (or is to be) paid. */
  payment: string;
  /** The legal notes, translated, with their legal references. */
  notes: string[];
  /** The SDI disclaimer: the electronic invoice is the one that counts. */
  disclaimer: string;
  labels: { from: string; to: string; page: string };
  fileName: string;
}

function day(iso: string, locale: Locale): string {
  // A YYYY-MM-DD of Rome's calendar: noon UTC is the same day in Rome.
  return formatDate(new Date(`${iso}T12:00:00.000Z`), locale, "long");
}

function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function supplierParty(s: FiscalIdentity, t: Translate): CourtesyParty {
  const name = s.companyName || `${s.firstName} ${s.lastName}`.trim();
  const lines = [
    `${s.address}, ${s.postalCode} ${s.city} (${s.province})`,
    t("invoice.copy.partitaIva", { number: s.partitaIva }),
    ...(s.codiceFiscale !== s.partitaIva ? [t("invoice.copy.codiceFiscale", { code: s.codiceFiscale })] : []),
    ...(s.pec ? [t("invoice.copy.pec", { pec: s.pec })] : []),
  ];
  return { name, lines };
}

function clientParty(c: FrozenInvoice["client"], t: Translate, locale: Locale): CourtesyParty {
  const place = [c.postalCode, c.city, c.province ? `(${c.province})` : null].filter(Boolean).join(" ");
  const lines = [[c.address, place].filter(Boolean).join(", ")];
  if (c.country !== "IT") lines.push(countryName(c.country, locale));
  if (c.partitaIva) lines.push(t("invoice.copy.partitaIva", { number: c.partitaIva }));
  if (c.foreignTaxId) lines.push(t("invoice.copy.foreignTaxId", { number: `${c.country === "GR" ? "EL" : c.country}${c.foreignTaxId}` }));
  if (c.codiceFiscale && c.codiceFiscale !== c.partitaIva) lines.push(t("invoice.copy.codiceFiscale", { code: c.codiceFiscale }));
  if (c.kind === "public" && c.codiceDestinatario) lines.push(t("invoice.copy.officeCode", { code: c.codiceDestinatario }));
  else if (c.codiceDestinatario) lines.push(t("invoice.copy.recipientCode", { code: c.codiceDestinatario }));
  if (c.pec) lines.push(t("invoice.copy.pec", { pec: c.pec }));
  if (c.cig) lines.push(`CIG ${c.cig}`);
  if (c.cup) lines.push(`CUP ${c.cup}`);
  return { name: c.name, lines };
}

function lineText(line: InvoiceLine, invoice: FrozenInvoice, t: Translate, locale: Locale): string {
  if (line.kind === "rivalsa") return t("payment.tax.rivalsa", { rate: formatNumber(invoice.document.rivalsaPercent, locale) });
  if (line.kind === "stampDuty") return t("payment.tax.stampDuty");
  return t(`invoice.copy.purpose.${invoice.purpose}`, { package: invoice.packageName });
}

function vatText(line: InvoiceLine, t: Translate, locale: Locale): string {
  if (line.natura) return t(`invoice.copy.natura.${line.natura.replace(".", "_")}`);
  return `${formatNumber(line.ratePercent, locale)}%`;
}

/** The notes of the document (the causale of the XML), translated. */
function notesOf(invoice: FrozenInvoice, t: Translate): string[] {
  const doc = invoice.document;
  const keys: string[] = [];
  if (doc.regime === "forfettario") keys.push("forfettario", "noWithholding");
  if (doc.treatment === "reverseCharge") keys.push("reverseCharge");
  if (doc.treatment === "outOfScope") keys.push("outOfScope");
  if (doc.treatment === "splitPayment" && doc.vatLine) keys.push("splitPayment");
  if (doc.stampDuty) keys.push(doc.stampDuty.chargedToClient ? "stampDuty" : "stampDutyByStudio");
  return keys.map((key) => t(`invoice.copy.notes.${key}`));
}

function paymentText(invoice: FrozenInvoice, supplier: FiscalIdentity | null, t: Translate, locale: Locale): string {
  const { method, paidOn, dueCents } = invoice.payment;
  const amount = formatMoney(dueCents, locale, invoice.currency);
  if (invoice.documentType === "TD04") return t("invoice.copy.payment.refund", { amount });
  if (paidOn) return t(method === "card" ? "invoice.copy.payment.paidCard" : "invoice.copy.payment.paidTransfer", { amount, date: day(paidOn, locale) });
  return supplier?.iban ? t("invoice.copy.payment.toPayIban", { amount, iban: friendlyFormatIBAN(supplier.iban) ?? supplier.iban }) : t("invoice.copy.payment.toPay", { amount });
}

/** The courtesy copy of `invoice` in `locale`; `supplier` is the one it went out under (supplierOf). */
export function courtesyCopy(invoice: FrozenInvoice, supplier: FiscalIdentity | null, locale: Locale, t: Translate): CourtesyCopy {
  const money = (cents: number) => formatMoney(cents, locale, invoice.currency);
  const doc = invoice.document;
  const credit = invoice.documentType === "TD04";
  const number = invoiceNumberLabel(invoice);
  const totals: CourtesyCopy["totals"] = [];
  const taxable = invoice.lines.filter((l) => l.kind !== "stampDuty").reduce((sum, l) => sum + l.cents, 0);
  totals.push({ label: t(doc.regime === "forfettario" ? "invoice.copy.totalFees" : "invoice.copy.taxable"), amount: money(taxable), strong: false });
  if (doc.vatLine) totals.push({ label: t("payment.tax.vat", { rate: formatNumber(doc.ratePercent, locale) }), amount: money(doc.vatCents), strong: false });
  const stamp = invoice.lines.find((l) => l.kind === "stampDuty");
  if (stamp) totals.push({ label: t("payment.tax.stampDuty"), amount: money(stamp.cents), strong: false });
  const split = doc.dueCents !== doc.grossCents;
  totals.push({ label: t(credit ? "invoice.copy.totalCredit" : "invoice.copy.total"), amount: money(doc.grossCents), strong: !split });
  if (split) {
    totals.push({ label: t("invoice.copy.splitVat"), amount: `− ${money(doc.vatCents)}`, strong: false });
    totals.push({ label: t("invoice.copy.due"), amount: money(doc.dueCents), strong: true });
  }
  return {
    locale,
    title: t(credit ? "invoice.copy.titleCredit" : "invoice.copy.title", { number }),
    kind: t("invoice.copy.kind"),
    issuedOn: t("invoice.copy.issuedOn", { date: day(invoice.issuedOn, locale) }),
    reference: credit && invoice.original ? t("invoice.copy.reference", { number: invoiceNumberLabel(invoice.original), date: day(invoice.original.issuedOn, locale) }) : null,
    supplier: supplier ? supplierParty(supplier, t) : null,
    client: clientParty(invoice.client, t, locale),
    head: { description: t("invoice.copy.description"), vat: t("invoice.copy.vat"), amount: t("invoice.copy.amount") },
    rows: invoice.lines.map((line) => ({ description: lineText(line, invoice, t, locale), vat: vatText(line, t, locale), amount: money(line.cents) })),
    totals,
    payment: paymentText(invoice, supplier, t, locale),
    notes: notesOf(invoice, t),
    disclaimer: t("invoice.receipt.courtesy"),
    labels: { from: t("invoice.copy.from"), to: t("invoice.copy.to"), page: t("invoice.copy.page") },
    fileName: `${t(credit ? "invoice.copy.fileCredit" : "invoice.copy.file")}-${invoice.number}-${invoice.year}.pdf`,
  };
}
