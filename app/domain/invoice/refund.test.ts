import { describe, expect, it } from "vitest";
import { taxDocument } from "../tax/document";
import { fatturaPaXml } from "./fatturapa";
import { freelancer, invoiceInput } from "./fixtures";
import { buildInvoice } from "./invoice";
import { buildRefundCreditNote, creditNoteAmounts, refundedPart } from "./refund";

const ordinary = { kind: "ordinary" as const, vatRatePercent: 22 };
const forfettario = (stampDutyToClient: boolean) => ({ kind: "forfettario" as const, stampDutyToClient, rivalsaInps: true });

/** The notes of refunds reaching each cumulative amount in turn: [fee, rivalsa, IVA, stamp duty refunded, total]. */
function notes(doc: ReturnType<typeof taxDocument>, steps: number[]) {
  let from = 0;
  return steps.map((to) => {
    const { document: d, stampDutyRefundedCents } = creditNoteAmounts(doc, from, to);
    from = to;
    return [d.feeCents, d.rivalsaCents, d.vatCents, stampDutyRefundedCents, d.grossCents];
  });
}

describe("the split of a refund (hand-computed cents)", () => {
  it("ordinary VAT 22 %: 100,00 then 250,00 then the rest of 610,00 (500,00 + 110,00)", () => {
    const doc = taxDocument(ordinary, "standard", 50_000);
    // 100,00 / 1,22 = 81,967… → 81,97 imponibile, 18,03 IVA (81,97 × 22 % = 18,03).
    expect(refundedPart(doc, 10_000)).toEqual({ feeCents: 8_197, rivalsaCents: 0, vatCents: 1_803, stampDutyCents: 0 });
    // Cumulative 350,00 / 1,22 = 286,885… → 286,89 and 63,11.
    expect(refundedPart(doc, 35_000)).toEqual({ feeCents: 28_689, rivalsaCents: 0, vatCents: 6_311, stampDutyCents: 0 });
    expect(refundedPart(doc, 61_000)).toEqual({ feeCents: 50_000, rivalsaCents: 0, vatCents: 11_000, stampDutyCents: 0 });
    expect(notes(doc, [10_000, 35_000, 61_000])).toEqual([
      [8_197, 0, 1_803, 0, 10_000],
      // 204,92 × 22 % = 45,0824 → 45,08.
      [20_492, 0, 4_508, 0, 25_000],
      // The rest: 213,11 and 46,89 (213,11 × 22 % = 46,88: within the SDI's cent), so the notes add up to the invoice.
      [21_311, 0, 4_689, 0, 26_000],
    ]);
  });

  it("an amount refunded twice or beyond the invoice is capped at the invoice", () => {
    const doc = taxDocument(ordinary, "standard", 50_000);
    expect(refundedPart(doc, 99_999)).toEqual(refundedPart(doc, 61_000));
    expect(() => creditNoteAmounts(doc, 35_000, 35_000)).toThrow(RangeError);
  });

  it("forfettario with rivalsa 4 % and the stamp duty charged: the imponibile first, the stamp duty only with the last cents", () => {
    // 500,00 + rivalsa 20,00 = 520,00 + bollo 2,00 = 522,00.
    const doc = taxDocument(forfettario(true), "standard", 50_000);
    expect(doc.grossCents).toBe(52_200);
    // 104,00: rivalsa 104 × 4/104 = 4,00, fee 100,00; no stamp duty back.
    expect(refundedPart(doc, 10_400)).toEqual({ feeCents: 10_000, rivalsaCents: 400, vatCents: 0, stampDutyCents: 0 });
    // 520,50: the whole imponibile and 0,50 of the stamp duty.
    expect(refundedPart(doc, 52_050)).toEqual({ feeCents: 50_000, rivalsaCents: 2_000, vatCents: 0, stampDutyCents: 50 });
    expect(notes(doc, [10_400, 52_050, 52_200])).toEqual([
      [10_000, 400, 0, 0, 10_400],
      [40_000, 1_600, 0, 50, 41_650],
      [0, 0, 0, 150, 150],
    ]);
    // A note over 77,47 € carries its own virtual stamp duty, borne by the studio; one of 1,50 does not.
    expect(creditNoteAmounts(doc, 0, 10_400).document.stampDuty).toEqual({ cents: 200, chargedToClient: false });
    expect(creditNoteAmounts(doc, 52_050, 52_200).document.stampDuty).toBeNull();
    expect(creditNoteAmounts(doc, 0, 7_747).document.stampDuty).toBeNull();
  });

  it("forfettario, stamp duty borne by the studio: 50,00 then the rest of 520,00", () => {
    const doc = taxDocument(forfettario(false), "standard", 50_000);
    expect(doc.grossCents).toBe(52_000);
    // 50,00 × 4/104 = 1,923… → rivalsa 1,92, fee 48,08 (48,08 × 4 % = 1,92).
    expect(notes(doc, [5_000, 52_000])).toEqual([
      [4_808, 192, 0, 0, 5_000],
      [45_192, 1_808, 0, 0, 47_000],
    ]);
  });

  it("split payment (the public body paid the imponibile): 333,33 then the rest of 1.000,00", () => {
    const doc = taxDocument(ordinary, "splitPayment", 100_000);
    expect(doc.dueCents).toBe(100_000);
    // IVA 333,33 × 22 % = 73,3326 → 73,33; the rest 666,67 and 146,67 (666,67 × 22 % = 146,6674 → 146,67).
    expect(notes(doc, [33_333, 100_000])).toEqual([
      [33_333, 0, 7_333, 0, 40_666],
      [66_667, 0, 14_667, 0, 81_334],
    ]);
    expect(creditNoteAmounts(doc, 0, 33_333).document.dueCents).toBe(33_333);
  });

  it("reverse charge: no IVA, the amount is the imponibile", () => {
    const doc = taxDocument(ordinary, "reverseCharge", 50_000);
    expect(notes(doc, [12_345, 50_000])).toEqual([
      [12_345, 0, 0, 0, 12_345],
      [37_655, 0, 0, 0, 37_655],
    ]);
  });
});

describe("a partial refund's credit note", () => {
  const invoice = buildInvoice(invoiceInput());
  const at = { year: 2026, number: 4, issuedOn: "2026-12-10" };

  it("refers to the invoice, carries the step's lines and IVA, and its XML totals what went back", () => {
    const note = buildRefundCreditNote(invoice, at, { fromCents: 35_000, toCents: 61_000 });
    expect(note).toMatchObject({ documentType: "TD04", number: 4, original: { year: 2026, number: 3, issuedOn: "2026-12-02" }, refund: { fromCents: 35_000, toCents: 61_000 } });
    expect(note.lines).toMatchObject([{ kind: "fee", cents: 21_311, ratePercent: 22, vatCents: 4_689 }]);
    expect(note.causale[0]).toBe("Nota di credito a storno parziale della fattura n. 3/2026 del 02/12/2026 (rimborso di EUR 260,00)");
    const xml = fatturaPaXml(note, freelancer);
    expect(xml).toContain("<ImponibileImporto>213.11</ImponibileImporto>");
    expect(xml).toContain("<Imposta>46.89</Imposta>");
    expect(xml).toContain("<ImportoTotaleDocumento>260.00</ImportoTotaleDocumento>");
    expect(xml).toContain("<IdDocumento>3/2026</IdDocumento>");
  });

  it("the whole refunded at once is the invoice's full reversal", () => {
    const note = buildRefundCreditNote(invoice, at, { fromCents: 0, toCents: 61_000 });
    expect(note.lines).toEqual(invoice.lines);
    expect(note.causale[0]).toContain("storno totale");
  });

  it("forfettario: a line for the stamp duty given back, the rivalsa line only when some is refunded", () => {
    const forf = buildInvoice(invoiceInput({ document: taxDocument(forfettario(true), "standard", 50_000) }));
    const last = buildRefundCreditNote(forf, at, { fromCents: 52_050, toCents: 52_200 });
    expect(last.lines.map((l) => [l.kind, l.cents])).toEqual([
      ["fee", 0],
      ["stampDuty", 150],
    ]);
    expect(last.causale).not.toContain("Imposta di bollo assolta in modo virtuale ai sensi del DM 17/06/2014");
    const first = buildRefundCreditNote(forf, at, { fromCents: 0, toCents: 10_400 });
    expect(first.lines.map((l) => [l.kind, l.cents])).toEqual([
      ["fee", 10_000],
      ["rivalsa", 400],
    ]);
    const xml = fatturaPaXml(first, freelancer);
    expect(xml).toContain("<ImportoBollo>2.00</ImportoBollo>");
    expect(xml).toContain("<ImportoTotaleDocumento>104.00</ImportoTotaleDocumento>");
  });
});
