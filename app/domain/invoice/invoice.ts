// An invoice (fattura, TD01) or credit note (nota di credito, TD04) as it is
// frozen when issued: the supplier and the client as they were, the lines and
// amounts in integer cents from app/domain/tax/document.ts, the wording the law
// asks for. The FatturaPA XML (fatturapa.ts) and the courtesy copy are drawn
// from this alone, so a document never changes after it is issued. Pure.
import { z } from "zod";
import type { InvoicingRow } from "../payment-view";
import type { TaxDocument } from "../tax/document";
import type { ClientKind, VatTreatment } from "../tax/treatment";
import { isClientKind } from "../tax/treatment";
import { FiscalIdentitySchema, regimeFiscaleOf, type FiscalIdentity, type RegimeFiscale } from "./fiscal-identity";

export type DocumentType = "TD01" | "TD04";
export type InvoicePurpose = "onboarding" | "retainer";
export type Natura = "N1" | "N2.1" | "N2.2";

/** The client as the invoice names them (from the Client row written at acceptance). */
export interface InvoiceClient {
  kind: ClientKind;
  name: string;
  partitaIva: string | null;
  codiceFiscale: string | null;
  /** An EU or non-EU client's tax number without its country prefix. */
  foreignTaxId: string | null;
  address: string;
  postalCode: string;
  city: string;
  province: string | null;
  country: string;
  /** 7 characters (private), 6 (public body) or none (PEC, consumer, abroad). */
  codiceDestinatario: string | null;
  pec: string | null;
  cig: string | null;
  cup: string | null;
}

export interface InvoiceLine {
  kind: "fee" | "rivalsa" | "stampDuty";
  /** Italian (the language of the XML); the courtesy copy translates by `kind` and `purpose`. */
  description: string;
  cents: number;
  /** 0 with a Natura. */
  ratePercent: number;
  natura: Natura | null;
  /** The IVA of the line when it is not its cents × rate (a partial refund's credit note: app/domain/invoice/refund.ts). */
  vatCents?: number;
}

export interface FrozenInvoice {
  documentType: DocumentType;
  /** FPA12 for a public administration, FPR12 otherwise. */
  format: "FPA12" | "FPR12";
  year: number;
  number: number;
  /** YYYY-MM-DD (Europe/Rome). */
  issuedOn: string;
  currency: string;
  purpose: InvoicePurpose;
  packageName: string;
  /** Null when the owner had not yet given their fiscal identity: the XML then takes the one in settings (withSupplier). */
  supplier: FiscalIdentity | null;
  client: InvoiceClient;
  lines: InvoiceLine[];
  /** The amounts, as the client was shown them. */
  document: TaxDocument;
  /** Causale lines (each at most 200 characters in the XML). */
  causale: string[];
  payment: { method: "card" | "transfer"; dueCents: number; paidOn: string | null };
  /** A public body's order reference (DatiOrdineAcquisto): the accepted proposal, CIG and CUP. */
  order: { id: string; date: string; cig: string | null; cup: string | null } | null;
  /** A credit note's invoice. */
  original: { year: number; number: number; issuedOn: string } | null;
  /** A partial refund's credit note: the step of the invoice's due amount refunded it credits (cumulative cents). */
  refund?: { fromCents: number; toCents: number };
}

// ---------------------------------------------------------------- numbering

/** The invoice's number as printed and in <Numero>: "12/2026". */
export function invoiceNumberLabel(doc: { year: number; number: number }): string {
  return `${doc.number}/${doc.year}`;
}

/**
 * The file's progressivo (1-5 letters or digits, unique among the sender's
 * files): two digits of the year and the number in base 36 on three (46,655
 * documents a year), e.g. "26001", "2600A". Invoices and credit notes share
 * one numbering, so every document of a year gets its own.
 */
export function progressivoInvio(doc: { year: number; number: number }): string {
  if (!Number.isInteger(doc.number) || doc.number < 1 || doc.number > 36 ** 3 - 1) throw new RangeError("An invoice number is 1 to 46655");
  return `${String(doc.year % 100).padStart(2, "0")}${doc.number.toString(36).toUpperCase().padStart(3, "0")}`;
}

/** IT<Partita IVA>_<progressivo>.xml, as the SDI names files. */
export function fatturaPaFileName(doc: { year: number; number: number }, supplier: { partitaIva: string }): string {
  return `IT${supplier.partitaIva}_${progressivoInvio(doc)}.xml`;
}

/** The RegimeFiscale of a document: the regime it was computed under. */
export function regimeFiscaleOfInvoice(invoice: Pick<FrozenInvoice, "document">): RegimeFiscale {
  return regimeFiscaleOf({ kind: invoice.document.regime });
}

/** The supplier a document goes out under: its own, or (issued before the owner filled them in) the identity in settings now. */
export function supplierOf(invoice: Pick<FrozenInvoice, "supplier">, current: FiscalIdentity | null): FiscalIdentity | null {
  return invoice.supplier ?? current;
}

/** The numbers missing from 1..max and those given twice: both empty when a year's numbering is right. */
export function numberingProblems(numbers: number[]): { gaps: number[]; duplicates: number[] } {
  const seen = new Set<number>();
  const duplicates: number[] = [];
  for (const n of numbers) {
    if (seen.has(n)) duplicates.push(n);
    seen.add(n);
  }
  const max = numbers.length ? Math.max(...numbers) : 0;
  const gaps: number[] = [];
  for (let n = 1; n <= max; n++) if (!seen.has(n)) gaps.push(n);
  return { gaps, duplicates };
}

/** The Europe/Rome calendar day of an instant, YYYY-MM-DD (the date an Italian document carries). */
const romeDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome", year: "numeric", month: "2-digit", day: "2-digit" });
export function romeDate(at: Date): string {
  return romeDay.format(at);
}

// ---------------------------------------------------------------- wording

/** Legal wording, Italian (RiferimentoNormativo is 100 characters at most; Causale 200). */
export const legalWording = {
  forfettario: "Operazione senza applicazione dell'IVA ai sensi dell'art. 1, commi da 54 a 89, L. 190/2014 (regime forfettario)",
  forfettarioRitenuta: "Compenso non soggetto a ritenuta d'acconto ai sensi dell'art. 1, comma 67, L. 190/2014",
  reverseCharge: "Operazione non soggetta a IVA ai sensi dell'art. 7-ter DPR 633/72 - inversione contabile art. 196 Direttiva 2006/112/CE",
  outOfScope: "Operazione non soggetta a IVA ai sensi dell'art. 7-ter DPR 633/72 (committente extra UE)",
  splitPayment: "Scissione dei pagamenti ai sensi dell'art. 17-ter DPR 633/72",
  stampDuty: "Imposta di bollo assolta in modo virtuale ai sensi del DM 17/06/2014",
  stampDutyLine: "Imposta di bollo (escluso art. 15 DPR 633/72)",
} as const;

/** RiferimentoNormativo of a DatiRiepilogo with that Natura (String100). */
export function riferimentoNormativo(natura: Natura, treatment: VatTreatment): string {
  if (natura === "N1") return "Escluso art. 15 DPR 633/72";
  if (natura === "N2.2") return "Art. 1, commi 54-89, L. 190/2014 (regime forfettario)";
  return treatment === "reverseCharge" ? "Art. 7-ter DPR 633/72 - inversione contabile art. 196 Dir. 2006/112/CE" : "Art. 7-ter DPR 633/72, fuori campo IVA";
}

const purposeText: Record<InvoicePurpose, string> = { onboarding: "Quota di avvio (onboarding)", retainer: "Canone mensile di gestione social" };

/** The purpose of a payment row: the retainer's rows say so, every other one is the onboarding fee. */
export function invoicePurpose(payment: object & { purpose?: string | null }): InvoicePurpose {
  return payment.purpose === "retainer" ? "retainer" : "onboarding";
}

// ---------------------------------------------------------------- client

const nonEmpty = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** The invoice's client from the invoicing data stored at acceptance; null when the row does not say who they are. */
export function invoiceClientOf(row: InvoicingRow): InvoiceClient | null {
  if (!isClientKind(row.kind)) return null;
  const country = (row.country || "IT").toUpperCase();
  const foreign = row.kind === "eu" || row.kind === "nonEu";
  const vat = nonEmpty(row.vatNumber);
  return {
    kind: row.kind,
    name: row.legalName,
    partitaIva: nonEmpty(row.partitaIva)?.replace(/^IT/i, "") ?? null,
    codiceFiscale: nonEmpty(row.codiceFiscale),
    // An EU number is stored with its prefix (DE123…): the XML has the country apart.
    foreignTaxId: !foreign || !vat ? null : row.kind === "eu" && (vat.toUpperCase().startsWith(country) || (country === "GR" && vat.toUpperCase().startsWith("EL"))) ? vat.slice(2) : vat,
    address: row.address,
    postalCode: row.postalCode,
    city: row.city,
    province: foreign ? null : nonEmpty(row.province)?.toUpperCase() ?? null,
    country,
    codiceDestinatario: nonEmpty(row.codiceDestinatario)?.toUpperCase() ?? null,
    pec: nonEmpty(row.pec),
    cig: nonEmpty(row.cig),
    cup: nonEmpty(row.cup),
  };
}

// ---------------------------------------------------------------- the document

export type InvoiceInput = Pick<FrozenInvoice, "year" | "number" | "issuedOn" | "currency" | "purpose" | "packageName" | "supplier" | "client" | "document"> & {
  payment: { method: "card" | "transfer"; paidOn: string | null };
  /** The accepted proposal, for a public body's order reference. */
  acceptance: { versionNumber: number | null; acceptedOn: string };
};

/** The natura of a line without VAT, from the regime and the treatment (none with VAT). */
function feeNatura(doc: TaxDocument): Natura | null {
  if (doc.regime === "forfettario") return "N2.2";
  if (doc.treatment === "reverseCharge" || doc.treatment === "outOfScope") return "N2.1";
  return null;
}

/**
 * The invoice of a payment. Lines: the fee; the rivalsa INPS as a line of its
 * own; the stamp duty as a line when it is charged to the client.
 *
 * Rivalsa INPS (Gestione Separata, art. 1 c. 212 L. 662/1996): it is part of
 * the fee (taxable income, and under the ordinary regime it would bear VAT),
 * not the contribution of a professional fund, so it is written as a line
 * (DettaglioLinee, with an AltriDatiGestionali "RIVALSA" note) and not as
 * DatiCassaPrevidenziale (whose TC22 "INPS" many programs also use for it).
 * Both are accepted by the SDI; FOR THE ACCOUNTANT to confirm.
 */
export function buildInvoice(input: InvoiceInput): FrozenInvoice {
  const doc = input.document;
  const natura = feeNatura(doc);
  const rate = natura ? 0 : doc.ratePercent;
  const lines: InvoiceLine[] = [{ kind: "fee", description: `${purposeText[input.purpose]} - ${input.packageName}`.slice(0, 1000), cents: doc.feeCents, ratePercent: rate, natura }];
  if (doc.rivalsaCents > 0) lines.push({ kind: "rivalsa", description: `Rivalsa INPS ${doc.rivalsaPercent}% (art. 1, comma 212, L. 662/1996)`, cents: doc.rivalsaCents, ratePercent: rate, natura });
  if (doc.stampDuty?.chargedToClient) lines.push({ kind: "stampDuty", description: legalWording.stampDutyLine, cents: doc.stampDuty.cents, ratePercent: 0, natura: "N1" });
  const causale: string[] = [];
  if (doc.regime === "forfettario") causale.push(legalWording.forfettario, legalWording.forfettarioRitenuta);
  if (doc.treatment === "reverseCharge") causale.push(legalWording.reverseCharge);
  if (doc.treatment === "outOfScope") causale.push(legalWording.outOfScope);
  if (doc.treatment === "splitPayment" && doc.vatLine) causale.push(legalWording.splitPayment);
  if (doc.stampDuty) causale.push(legalWording.stampDuty);
  const isPublic = input.client.kind === "public";
  return {
    documentType: "TD01",
    format: isPublic ? "FPA12" : "FPR12",
    year: input.year,
    number: input.number,
    issuedOn: input.issuedOn,
    currency: input.currency,
    purpose: input.purpose,
    packageName: input.packageName,
    supplier: input.supplier,
    client: input.client,
    lines,
    document: doc,
    causale,
    payment: { method: input.payment.method, dueCents: doc.dueCents, paidOn: input.payment.paidOn },
    order: isPublic
      ? {
          id: (input.acceptance.versionNumber ? `Proposta v${input.acceptance.versionNumber}` : "Proposta accettata").slice(0, 20),
          date: input.acceptance.acceptedOn,
          cig: input.client.cig,
          cup: input.client.cup,
        }
      : null,
    original: null,
  };
}

/** The credit note (TD04) that cancels an invoice in full (a full refund): same lines and amounts, its own number and date. */
export function buildCreditNote(invoice: FrozenInvoice, at: { year: number; number: number; issuedOn: string }): FrozenInvoice {
  const reference = `Nota di credito a storno totale della fattura n. ${invoiceNumberLabel(invoice)} del ${invoice.issuedOn.split("-").reverse().join("/")} (rimborso)`;
  return {
    ...invoice,
    documentType: "TD04",
    year: at.year,
    number: at.number,
    issuedOn: at.issuedOn,
    causale: [reference, ...invoice.causale],
    original: { year: invoice.year, number: invoice.number, issuedOn: invoice.issuedOn },
  };
}

// ---------------------------------------------------------------- stored JSON

const TaxDocumentShape = z.object({}).passthrough();
const FrozenInvoiceSchema = z
  .object({
    documentType: z.enum(["TD01", "TD04"]),
    format: z.enum(["FPA12", "FPR12"]),
    year: z.number().int(),
    number: z.number().int(),
    issuedOn: z.string(),
    supplier: FiscalIdentitySchema.nullable(),
    client: z.object({ kind: z.string(), name: z.string() }).passthrough(),
    lines: z.array(z.object({ kind: z.string(), cents: z.number().int() }).passthrough()),
    document: TaxDocumentShape,
  })
  .passthrough();

/** A stored invoice's data; null when it does not read back (never expected: it was written from a FrozenInvoice). */
export function parseFrozenInvoice(json: string): FrozenInvoice | null {
  try {
    return FrozenInvoiceSchema.safeParse(JSON.parse(json)).success ? (JSON.parse(json) as FrozenInvoice) : null;
  } catch {
    return null;
  }
}
