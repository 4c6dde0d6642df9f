// The FatturaPA XML of a frozen invoice or credit note (schema 1.2.x of the
// Agenzia delle Entrate; technical rules 1.9). Pure: the document and the
// supplier in, the XML text out. Built with xmlbuilder2 (escaping and element
// order as written, no string concatenation). Validated against the official
// XSD in tests/integration/invoices.test.ts (xmllint --schema).
//
// What each client gets (strategy playbook, "Money and invoices"):
// - FPR12 between private parties; FPA12 to a public administration, whose
//   CodiceDestinatario is the 6-character Codice Univoco Ufficio, with
//   EsigibilitaIVA "S" (split payment, art. 17-ter DPR 633/72) and the CIG/CUP
//   in DatiOrdineAcquisto when given;
// - CodiceDestinatario: the client's 7 characters, or "0000000" with the PEC
//   (or alone, for a consumer, who gets the courtesy copy); "XXXXXXX" abroad;
// - EU business: Natura N2.1 (art. 7-ter), reverse charge wording; non-EU: N2.1;
// - regime forfettario: RegimeFiscale RF19, Natura N2.2 with the legal wording,
//   DatiBollo (BolloVirtuale SI, ImportoBollo 2.00) when the stamp duty is due,
//   the duty charged to the client as a line with Natura N1 (art. 15 DPR 633/72);
// - rivalsa INPS as a line of its own (see buildInvoice in invoice.ts).
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import { percentOfCents } from "../money";
import type { FiscalIdentity } from "./fiscal-identity";
import { invoiceNumberLabel, progressivoInvio, regimeFiscaleOfInvoice, riferimentoNormativo, type FrozenInvoice, type InvoiceClient, type Natura } from "./invoice";

const NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2";

/** Cents as the XML's amounts: "1234.50", "-3.00". No floating point. */
export function amount(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError("Amounts are integer cents");
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** A percentage as RateType ("22.00", "0.00"); rates here have at most two decimals. */
export function rate(percent: number): string {
  return amount(Math.round(percent * 100));
}

// The schema's strings are Basic Latin and Latin-1 Supplement only (String…LatinType).
const replacements: Record<string, string> = { "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u20ac": "EUR", "\u00a0": " " };

/** Text the schema accepts: typographic marks made plain, other characters outside Latin-1 as "?", within `max` characters, never empty. */
export function latin(text: string, max: number): string {
  const plain = text
    .normalize("NFC")
    .replace(/[\u2018\u2019\u201c\u201d\u00ab\u00bb\u2013\u2014\u2026\u20ac\u00a0]/g, (c) => replacements[c] ?? c)
    // eslint-disable-next-line no-control-regex -- control characters have no place in an invoice
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
    .replace(/[^\u0020-\u00ff]/gu, "?")
    .replace(/\s+/g, " ")
    .trim();
  return (plain || "-").slice(0, max);
}

function anagrafica(parent: XMLBuilder, names: { companyName?: string; firstName?: string; lastName?: string }) {
  const a = parent.ele("Anagrafica");
  if (names.companyName) a.ele("Denominazione").txt(latin(names.companyName, 80));
  else {
    a.ele("Nome").txt(latin(names.firstName ?? "", 60));
    a.ele("Cognome").txt(latin(names.lastName ?? "", 60));
  }
}

function sede(parent: XMLBuilder, place: { address: string; postalCode: string; city: string; province: string | null; country: string }) {
  const s = parent.ele("Sede");
  s.ele("Indirizzo").txt(latin(place.address, 60));
  // CAP is five digits in the schema: an address abroad carries "00000" (technical rules).
  s.ele("CAP").txt(/^\d{5}$/.test(place.postalCode) ? place.postalCode : "00000");
  s.ele("Comune").txt(latin(place.city, 60));
  if (place.country === "IT" && place.province) s.ele("Provincia").txt(place.province);
  s.ele("Nazione").txt(place.country);
}

/** CodiceDestinatario and PECDestinatario for the client. */
export function recipientCode(client: InvoiceClient): { code: string; pec: string | null } {
  if (client.kind === "eu" || client.kind === "nonEu") return { code: "XXXXXXX", pec: null };
  if (client.kind === "public") return { code: client.codiceDestinatario ?? "999999", pec: null };
  if (client.codiceDestinatario && /^[A-Z0-9]{7}$/.test(client.codiceDestinatario)) return { code: client.codiceDestinatario, pec: null };
  return { code: "0000000", pec: client.pec };
}

function cessionario(header: XMLBuilder, client: InvoiceClient) {
  const c = header.ele("CessionarioCommittente");
  const d = c.ele("DatiAnagrafici");
  if (client.kind === "eu" || client.kind === "nonEu") {
    const id = d.ele("IdFiscaleIVA");
    id.ele("IdPaese").txt(client.country);
    // A client abroad without a tax number: the technical rules' placeholder. FOR THE ACCOUNTANT.
    id.ele("IdCodice").txt(latin(client.foreignTaxId ?? "99999999999", 28).replace(/[^A-Za-z0-9]/g, "") || "99999999999");
  } else if (client.partitaIva) {
    const id = d.ele("IdFiscaleIVA");
    id.ele("IdPaese").txt("IT");
    id.ele("IdCodice").txt(client.partitaIva);
  }
  if (client.codiceFiscale && client.kind !== "eu" && client.kind !== "nonEu") d.ele("CodiceFiscale").txt(client.codiceFiscale);
  // The client's name as given at acceptance (a consumer's full name as one Denominazione).
  anagrafica(d, { companyName: client.name });
  sede(c, client);
}

interface Summary {
  ratePercent: number;
  natura: Natura | null;
  cents: number;
  /** The IVA the lines give themselves (a partial refund's credit note); null: cents × rate. */
  vatCents: number | null;
}

/** DatiRiepilogo: one per rate and Natura, in the order the lines first use them. */
export function summaries(invoice: Pick<FrozenInvoice, "lines">): Summary[] {
  const out: Summary[] = [];
  for (const line of invoice.lines) {
    const same = out.find((s) => s.ratePercent === line.ratePercent && s.natura === line.natura);
    const vat = line.vatCents ?? null;
    if (same) {
      same.cents += line.cents;
      if (vat !== null) same.vatCents = (same.vatCents ?? 0) + vat;
    } else out.push({ ratePercent: line.ratePercent, natura: line.natura, cents: line.cents, vatCents: vat });
  }
  return out;
}

/**
 * The FatturaPA XML of `invoice`, sent under `supplier` (the one frozen with it,
 * or the one in settings when it was issued before there was one).
 */
export function fatturaPaXml(invoice: FrozenInvoice, supplier: FiscalIdentity): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(NAMESPACE, "p:FatturaElettronica", { versione: invoice.format, "xmlns:ds": "http://www.w3.org/2000/09/xmldsig#" });
  // Children are unqualified (the schema's elementFormDefault), so they sit in no namespace.
  const header = root.ele("", "FatturaElettronicaHeader");
  const t = header.ele("DatiTrasmissione");
  const tid = t.ele("IdTrasmittente");
  tid.ele("IdPaese").txt("IT");
  // The sender: the owner's codice fiscale (an intermediary who re-sends the file puts its own).
  tid.ele("IdCodice").txt(supplier.codiceFiscale);
  t.ele("ProgressivoInvio").txt(progressivoInvio(invoice));
  t.ele("FormatoTrasmissione").txt(invoice.format);
  const recipient = recipientCode(invoice.client);
  t.ele("CodiceDestinatario").txt(recipient.code);
  if (recipient.pec) t.ele("PECDestinatario").txt(latin(recipient.pec, 256));

  const cedente = header.ele("CedentePrestatore");
  const da = cedente.ele("DatiAnagrafici");
  const idIva = da.ele("IdFiscaleIVA");
  idIva.ele("IdPaese").txt("IT");
  idIva.ele("IdCodice").txt(supplier.partitaIva);
  da.ele("CodiceFiscale").txt(supplier.codiceFiscale);
  anagrafica(da, supplier);
  da.ele("RegimeFiscale").txt(regimeFiscaleOfInvoice(invoice));
  sede(cedente, { ...supplier, country: "IT" });
  cessionario(header, invoice.client);

  const body = root.ele("", "FatturaElettronicaBody");
  const generali = body.ele("DatiGenerali");
  const g = generali.ele("DatiGeneraliDocumento");
  g.ele("TipoDocumento").txt(invoice.documentType);
  g.ele("Divisa").txt(invoice.currency);
  g.ele("Data").txt(invoice.issuedOn);
  g.ele("Numero").txt(invoiceNumberLabel(invoice));
  const doc = invoice.document;
  if (doc.stampDuty) {
    const bollo = g.ele("DatiBollo");
    bollo.ele("BolloVirtuale").txt("SI");
    bollo.ele("ImportoBollo").txt(amount(doc.stampDuty.cents));
  }
  const rows = summaries(invoice);
  const vatOf = (s: Summary) => s.vatCents ?? percentOfCents(s.cents, s.ratePercent);
  const total = rows.reduce((sum, s) => sum + s.cents + vatOf(s), 0);
  g.ele("ImportoTotaleDocumento").txt(amount(total));
  for (const line of invoice.causale) g.ele("Causale").txt(latin(line, 200));
  if (invoice.order) {
    const o = generali.ele("DatiOrdineAcquisto");
    o.ele("IdDocumento").txt(latin(invoice.order.id, 20));
    o.ele("Data").txt(invoice.order.date);
    if (invoice.order.cup) o.ele("CodiceCUP").txt(invoice.order.cup);
    if (invoice.order.cig) o.ele("CodiceCIG").txt(invoice.order.cig);
  }
  if (invoice.original) {
    const f = generali.ele("DatiFattureCollegate");
    f.ele("IdDocumento").txt(invoiceNumberLabel(invoice.original));
    f.ele("Data").txt(invoice.original.issuedOn);
  }

  const beni = body.ele("DatiBeniServizi");
  invoice.lines.forEach((line, i) => {
    const l = beni.ele("DettaglioLinee");
    l.ele("NumeroLinea").txt(String(i + 1));
    l.ele("Descrizione").txt(latin(line.description, 1000));
    l.ele("PrezzoUnitario").txt(amount(line.cents));
    l.ele("PrezzoTotale").txt(amount(line.cents));
    l.ele("AliquotaIVA").txt(rate(line.ratePercent));
    if (line.natura) l.ele("Natura").txt(line.natura);
    if (line.kind === "rivalsa") {
      const a = l.ele("AltriDatiGestionali");
      a.ele("TipoDato").txt("RIVALSA");
      a.ele("RiferimentoTesto").txt("INPS GESTIONE SEPARATA");
    }
  });
  for (const s of rows) {
    const r = beni.ele("DatiRiepilogo");
    r.ele("AliquotaIVA").txt(rate(s.ratePercent));
    if (s.natura) r.ele("Natura").txt(s.natura);
    r.ele("ImponibileImporto").txt(amount(s.cents));
    r.ele("Imposta").txt(amount(vatOf(s)));
    if (!s.natura) r.ele("EsigibilitaIVA").txt(doc.treatment === "splitPayment" ? "S" : "I");
    if (s.natura) r.ele("RiferimentoNormativo").txt(latin(riferimentoNormativo(s.natura, doc.treatment), 100));
  }

  if (invoice.documentType === "TD01") {
    const p = body.ele("DatiPagamento");
    p.ele("CondizioniPagamento").txt("TP02");
    const d = p.ele("DettaglioPagamento");
    // MP08 payment card (Stripe Checkout), MP05 bank transfer.
    d.ele("ModalitaPagamento").txt(invoice.payment.method === "card" ? "MP08" : "MP05");
    if (invoice.payment.paidOn) d.ele("DataScadenzaPagamento").txt(invoice.payment.paidOn);
    d.ele("ImportoPagamento").txt(amount(invoice.payment.dueCents));
    if (invoice.payment.method === "transfer" && supplier.iban) d.ele("IBAN").txt(supplier.iban);
  }
  return root.end({ prettyPrint: true });
}
