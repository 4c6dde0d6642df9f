import { describe, expect, it } from "vitest";
import { getT } from "~/i18n/i18n";
import { taxDocument } from "../tax/document";
import { courtesyCopy } from "./courtesy-copy";
import { businessRow, freelancer, invoiceInput } from "./fixtures";
import { buildCreditNote, buildInvoice, invoiceClientOf } from "./invoice";

const it_ = getT("it");
const en = getT("en");
const tIt = (key: string, o?: Record<string, unknown>) => it_(key, o);
const tEn = (key: string, o?: Record<string, unknown>) => en(key, o);
// Intl writes a narrow no-break space in some amounts: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("courtesy copy of an invoice", () => {
  it("ordinary VAT to an Italian business: lines, VAT, total, card payment, both parties, in Italian", () => {
    const copy = courtesyCopy(buildInvoice(invoiceInput()), freelancer, "it", tIt);
    expect(copy.title).toBe("Fattura n. 3/2026");
    expect(copy.kind).toBe("Copia di cortesia");
    expect(copy.issuedOn).toBe("Data: 2 dicembre 2026");
    expect(copy.reference).toBeNull();
    expect(copy.supplier).toEqual({ name: "Maria Rossi", lines: ["Via Torino 10, 20123 Milano (MI)", "P. IVA 01234567897", "C.F. RSSMRA80A41H501Y"] });
    expect(copy.client).toEqual({ name: "Hotel Lago Blu S.r.l.", lines: ["Via Roma 1, 20121 Milano (MI)", "P. IVA 01234567897", "Codice destinatario M5UXCR1"] });
    expect(copy.rows.map((r) => ({ ...r, amount: plain(r.amount) }))).toEqual([{ description: "Quota di avvio (onboarding) - pacchetto Crescita", vat: "22%", amount: "500,00 €" }]);
    // 500,00 + 22 % = 110,00 → 610,00
    expect(copy.totals.map((r) => [r.label, plain(r.amount), r.strong])).toEqual([
      ["Imponibile", "500,00 €", false],
      ["IVA 22%", "110,00 €", false],
      ["Totale fattura", "610,00 €", true],
    ]);
    expect(plain(copy.payment)).toBe("Pagata con carta: 610,00 € il 1 dicembre 2026.");
    expect(copy.notes).toEqual([]);
    expect(copy.fileName).toBe("Fattura-3-2026.pdf");
  });

  it("forfettario with rivalsa and stamp duty charged, in English: no VAT line, the legal notes, the lines translated", () => {
    const document = taxDocument({ kind: "forfettario", rivalsaInps: true, stampDutyToClient: true }, "standard", 50_000);
    const copy = courtesyCopy(buildInvoice(invoiceInput({ document, purpose: "retainer" })), freelancer, "en", tEn);
    expect(copy.title).toBe("Invoice no. 3/2026");
    // 500,00 + rivalsa 4 % 20,00 = 520,00; + bollo 2,00 = 522,00
    expect(copy.rows.map((r) => [r.description, r.vat, plain(r.amount)])).toEqual([
      ["Monthly social media management fee - Crescita package", "Flat-rate regime", "€500.00"],
      ["INPS contribution (rivalsa) 4%", "Flat-rate regime", "€20.00"],
      ["Stamp duty (imposta di bollo)", "Excluded (art. 15)", "€2.00"],
    ]);
    expect(copy.totals.map((r) => [r.label, plain(r.amount)])).toEqual([
      ["Total fees", "€520.00"],
      ["Stamp duty (imposta di bollo)", "€2.00"],
      ["Invoice total", "€522.00"],
    ]);
    expect(copy.notes.join(" ")).toContain("art. 1, paragraphs 54 to 89, of Italian Law no. 190/2014");
    expect(copy.notes.join(" ")).toContain("withholding tax");
    expect(copy.notes.join(" ")).toContain("Stamp duty paid virtually");
    expect(copy.notes.join(" ")).not.toContain("Split payment");
  });

  it("public body, split payment: the VAT the body pays to the State is taken off what is due, to pay by transfer to the IBAN", () => {
    const client = invoiceClientOf({ ...businessRow, kind: "public", legalName: "Comune di Lodi", partitaIva: null, codiceFiscale: "01199250158", codiceDestinatario: "uf6zqk", cig: "Z1A2B3C4D5", cup: null })!;
    const document = taxDocument({ kind: "ordinary", vatRatePercent: 22 }, "splitPayment", 100_000);
    const copy = courtesyCopy(buildInvoice(invoiceInput({ client, document, payment: { method: "transfer", paidOn: null } })), { ...freelancer, iban: "IT60X0542811101000000123456" }, "it", tIt);
    expect(copy.client.lines).toEqual(["Via Roma 1, 20121 Milano (MI)", "C.F. 01199250158", "Codice univoco ufficio UF6ZQK", "CIG Z1A2B3C4D5"]);
    // 1.000,00 + IVA 220,00 = 1.220,00; the body pays 1.000,00 and the 220,00 to the State
    expect(copy.totals.map((r) => [r.label, plain(r.amount), r.strong])).toEqual([
      ["Imponibile", "1.000,00 €", false],
      ["IVA 22%", "220,00 €", false],
      ["Totale fattura", "1.220,00 €", false],
      ["IVA versata dall'ente (scissione dei pagamenti)", "− 220,00 €", false],
      ["Netto a pagare", "1.000,00 €", true],
    ]);
    expect(plain(copy.payment)).toBe("Da pagare con bonifico: 1.000,00 € su IBAN IT60 X054 2811 1010 0000 0123 456.");
    expect(copy.notes).toEqual(["Scissione dei pagamenti ai sensi dell'art. 17-ter DPR 633/72."]);
  });

  it("EU business, reverse charge: the foreign VAT number with its prefix, the country, no VAT", () => {
    const client = invoiceClientOf({ ...businessRow, kind: "eu", legalName: "Weingut Berg GmbH", partitaIva: null, vatNumber: "DE123456789", country: "DE", province: "", postalCode: "10115", city: "Berlin", codiceDestinatario: null, address: "Hauptstraße 5" })!;
    const document = taxDocument({ kind: "ordinary", vatRatePercent: 22 }, "reverseCharge", 80_000);
    const copy = courtesyCopy(buildInvoice(invoiceInput({ client, document })), freelancer, "en", tEn);
    expect(copy.client.lines).toEqual(["Hauptstraße 5, 10115 Berlin", "Germany", "VAT no. DE123456789"]);
    expect(copy.rows[0]!.vat).toBe("Not subject (art. 7-ter)");
    expect(copy.totals.map((r) => plain(r.amount))).toEqual(["€800.00", "€800.00"]);
    expect(copy.notes).toEqual(["Not subject to Italian VAT under art. 7-ter DPR 633/72: reverse charge (art. 196 Directive 2006/112/EC)."]);
  });

  it("a credit note names the invoice it cancels and what was refunded", () => {
    const invoice = buildInvoice(invoiceInput());
    const note = buildCreditNote(invoice, { year: 2027, number: 1, issuedOn: "2027-01-04" });
    const copy = courtesyCopy(note, freelancer, "it", tIt);
    expect(copy.title).toBe("Nota di credito n. 1/2027");
    expect(copy.reference).toBe("Storna la fattura n. 3/2026 del 2 dicembre 2026");
    expect(copy.totals.at(-1)).toMatchObject({ label: "Totale nota di credito" });
    expect(plain(copy.payment)).toBe("Importo rimborsato: 610,00 €.");
    expect(copy.fileName).toBe("Nota-di-credito-1-2027.pdf");
  });

  it("issued before the owner gave their fiscal details: no supplier block, still every client line", () => {
    const copy = courtesyCopy(buildInvoice(invoiceInput({ supplier: null })), null, "en", tEn);
    expect(copy.supplier).toBeNull();
    expect(copy.client.name).toBe("Hotel Lago Blu S.r.l.");
  });
});
