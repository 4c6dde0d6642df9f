import { describe, expect, it } from "vitest";
import { taxDocument } from "../tax/document";
import { businessRow, freelancer, invoiceInput } from "./fixtures";
import { buildCreditNote, buildInvoice, fatturaPaFileName, invoiceClientOf, invoiceNumberLabel, invoicePurpose, numberingProblems, progressivoInvio, romeDate } from "./invoice";

const supplier = freelancer;
const row = businessRow;
const base = invoiceInput;

describe("numbering", () => {
  it("labels and file progressives: unique per year, five characters at most", () => {
    expect(invoiceNumberLabel({ year: 2026, number: 12 })).toBe("12/2026");
    expect(progressivoInvio({ year: 2026, number: 1 })).toBe("26001");
    expect(progressivoInvio({ year: 2026, number: 10 })).toBe("2600A");
    expect(progressivoInvio({ year: 2027, number: 1 })).toBe("27001");
    expect(progressivoInvio({ year: 2026, number: 46_655 })).toBe("26ZZZ");
    expect(() => progressivoInvio({ year: 2026, number: 46_656 })).toThrow(RangeError);
    expect(() => progressivoInvio({ year: 2026, number: 0 })).toThrow(RangeError);
    expect(fatturaPaFileName({ year: 2026, number: 36 }, supplier)).toBe("IT01234567897_26010.xml");
  });

  it("finds the gaps and the duplicates of a year's numbers", () => {
    expect(numberingProblems([3, 1, 2])).toEqual({ gaps: [], duplicates: [] });
    expect(numberingProblems([1, 2, 2, 5])).toEqual({ gaps: [3, 4], duplicates: [2] });
    expect(numberingProblems([])).toEqual({ gaps: [], duplicates: [] });
  });

  it("dates a document on the Rome calendar day (the last evening of the year is still that year)", () => {
    expect(romeDate(new Date("2026-12-31T22:59:59Z"))).toBe("2026-12-31");
    expect(romeDate(new Date("2026-12-31T23:00:00Z"))).toBe("2027-01-01");
    expect(romeDate(new Date("2026-07-31T22:30:00Z"))).toBe("2026-08-01");
  });
});

describe("the invoice's lines", () => {
  it("ordinary VAT: one line at 22 %, FPR12, no causale", () => {
    const invoice = buildInvoice(base());
    expect(invoice).toMatchObject({ documentType: "TD01", format: "FPR12", causale: [], order: null, original: null });
    expect(invoice.lines).toEqual([{ kind: "fee", description: "Quota di avvio (onboarding) - Crescita", cents: 50_000, ratePercent: 22, natura: null }]);
  });

  it("forfettario: fee and rivalsa under N2.2, the stamp duty charged to the client under N1, the legal wording", () => {
    const invoice = buildInvoice(base({ document: taxDocument({ kind: "forfettario", stampDutyToClient: true, rivalsaInps: true }, "standard", 50_000) }));
    expect(invoice.lines.map((l) => [l.kind, l.cents, l.ratePercent, l.natura])).toEqual([
      ["fee", 50_000, 0, "N2.2"],
      ["rivalsa", 2_000, 0, "N2.2"],
      ["stampDuty", 200, 0, "N1"],
    ]);
    expect(invoice.causale[0]).toContain("L. 190/2014");
    expect(invoice.causale.at(-1)).toContain("bollo assolta in modo virtuale");
  });

  it("forfettario with the duty borne by the studio: no duty line, the duty still declared; under 77,47 € none at all", () => {
    const borne = buildInvoice(base({ document: taxDocument({ kind: "forfettario", stampDutyToClient: false, rivalsaInps: false }, "standard", 50_000) }));
    expect(borne.lines.map((l) => l.kind)).toEqual(["fee"]);
    expect(borne.document.stampDuty).toEqual({ cents: 200, chargedToClient: false });
    const small = buildInvoice(base({ document: taxDocument({ kind: "forfettario", stampDutyToClient: true, rivalsaInps: false }, "standard", 7_747) }));
    expect(small.document.stampDuty).toBeNull();
    expect(small.causale.join(" ")).not.toContain("bollo");
  });

  it("a public body: FPA12 with the order reference, CIG and CUP", () => {
    const client = invoiceClientOf({ ...row, kind: "public", partitaIva: null, codiceFiscale: "01199250158", codiceDestinatario: "uf6zqk", cig: "Z1A2B3C4D5", cup: "J11B19000000001" })!;
    const invoice = buildInvoice(base({ client, document: taxDocument({ kind: "ordinary", vatRatePercent: 22 }, "splitPayment", 50_000) }));
    expect(invoice.format).toBe("FPA12");
    expect(invoice.order).toEqual({ id: "Proposta v2", date: "2026-11-30", cig: "Z1A2B3C4D5", cup: "J11B19000000001" });
    expect(invoice.payment.dueCents).toBe(50_000);
    expect(invoice.causale).toEqual(["Scissione dei pagamenti ai sensi dell'art. 17-ter DPR 633/72"]);
  });

  it("an EU client's VAT number loses its country prefix; a non-EU one is kept as given", () => {
    expect(invoiceClientOf({ ...row, kind: "eu", country: "DE", vatNumber: "DE123456789", province: "" })).toMatchObject({ foreignTaxId: "123456789", province: null, country: "DE" });
    expect(invoiceClientOf({ ...row, kind: "eu", country: "GR", vatNumber: "EL123456789", province: "" })).toMatchObject({ foreignTaxId: "123456789" });
    expect(invoiceClientOf({ ...row, kind: "nonEu", country: "CH", vatNumber: "CHE-123.456.789", province: "" })).toMatchObject({ foreignTaxId: "CHE-123.456.789" });
    expect(invoiceClientOf({ ...row, kind: "someone" })).toBeNull();
  });

  it("the line says what the payment was for", () => {
    expect(invoicePurpose({})).toBe("onboarding");
    expect(invoicePurpose({ purpose: "retainer" })).toBe("retainer");
    expect(buildInvoice(base({ purpose: "retainer" })).lines[0]!.description).toBe("Canone mensile di gestione social - Crescita");
  });

  it("a credit note repeats the lines with its own number and date, and points at the invoice", () => {
    const invoice = buildInvoice(base());
    const note = buildCreditNote(invoice, { year: 2027, number: 1, issuedOn: "2027-01-04" });
    expect(note).toMatchObject({ documentType: "TD04", year: 2027, number: 1, issuedOn: "2027-01-04", original: { year: 2026, number: 3, issuedOn: "2026-12-02" }, lines: invoice.lines });
    expect(note.causale[0]).toBe("Nota di credito a storno totale della fattura n. 3/2026 del 02/12/2026 (rimborso)");
  });
});
