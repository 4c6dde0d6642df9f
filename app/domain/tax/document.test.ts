import { describe, expect, it } from "vitest";
import { percentOfCents } from "../money";
import { vatFromNet } from "../vat";
import { chargedLines, taxDocument, taxDocumentForDue, type TaxNote } from "./document";
import { taxRegimeOf, type TaxRegime } from "./regime";
import { clientKinds, vatTreatmentOf, type ClientKind } from "./treatment";

const ordinary22: TaxRegime = { kind: "ordinary", vatRatePercent: 22 };
const ordinary10: TaxRegime = { kind: "ordinary", vatRatePercent: 10 };
const forfettario: TaxRegime = { kind: "forfettario", stampDutyToClient: true, rivalsaInps: false };
const forfettarioRivalsa: TaxRegime = { kind: "forfettario", stampDutyToClient: true, rivalsaInps: true };
const forfettarioStudioPaysStamp: TaxRegime = { kind: "forfettario", stampDutyToClient: false, rivalsaInps: false };

// Every figure below is computed by hand: rivalsa and IVA on their own base,
// rounded half up to the cent, then the lines added.
type Row = [label: string, regime: TaxRegime, kind: ClientKind, fee: number, expected: { rivalsa: number; net: number; vat: number; stamp: number | null; total: number; due: number; notes: TaxNote[] }];
const rows: Row[] = [
  // Ordinary VAT, 22 %
  ["IT business 500,00", ordinary22, "business", 50_000, { rivalsa: 0, net: 50_000, vat: 11_000, stamp: null, total: 61_000, due: 61_000, notes: [] }],
  ["consumer 123,45 (IVA 27,159 → 27,16)", ordinary22, "person", 12_345, { rivalsa: 0, net: 12_345, vat: 2_716, stamp: null, total: 15_061, due: 15_061, notes: [] }],
  ["association 0,25 (IVA 0,055 → 0,06, half up)", ordinary22, "association", 25, { rivalsa: 0, net: 25, vat: 6, stamp: null, total: 31, due: 31, notes: [] }],
  ["association 1,01 (IVA 0,2222 → 0,22)", ordinary22, "association", 101, { rivalsa: 0, net: 101, vat: 22, stamp: null, total: 123, due: 123, notes: [] }],
  ["public body 500,00: split payment, pays the imponibile", ordinary22, "public", 50_000, { rivalsa: 0, net: 50_000, vat: 11_000, stamp: null, total: 61_000, due: 50_000, notes: ["splitPayment"] }],
  ["public body 123,45: split payment", ordinary22, "public", 12_345, { rivalsa: 0, net: 12_345, vat: 2_716, stamp: null, total: 15_061, due: 12_345, notes: ["splitPayment"] }],
  ["EU business 500,00: reverse charge, no IVA", ordinary22, "eu", 50_000, { rivalsa: 0, net: 50_000, vat: 0, stamp: null, total: 50_000, due: 50_000, notes: ["reverseCharge"] }],
  ["non-EU client 500,00: out of scope", ordinary22, "nonEu", 50_000, { rivalsa: 0, net: 50_000, vat: 0, stamp: null, total: 50_000, due: 50_000, notes: ["outOfScope"] }],
  ["IVA 10 % on 123,45 (12,345 → 12,35)", ordinary10, "business", 12_345, { rivalsa: 0, net: 12_345, vat: 1_235, stamp: null, total: 13_580, due: 13_580, notes: [] }],
  // Forfettario, stamp duty charged to the client, no rivalsa
  ["forfettario 77,47: no stamp duty", forfettario, "business", 7_747, { rivalsa: 0, net: 7_747, vat: 0, stamp: null, total: 7_747, due: 7_747, notes: ["forfettario"] }],
  ["forfettario 77,48: stamp duty 2,00", forfettario, "person", 7_748, { rivalsa: 0, net: 7_748, vat: 0, stamp: 200, total: 7_948, due: 7_948, notes: ["forfettario"] }],
  ["forfettario 500,00", forfettario, "business", 50_000, { rivalsa: 0, net: 50_000, vat: 0, stamp: 200, total: 50_200, due: 50_200, notes: ["forfettario"] }],
  ["forfettario to a public body: no IVA to split", forfettario, "public", 50_000, { rivalsa: 0, net: 50_000, vat: 0, stamp: 200, total: 50_200, due: 50_200, notes: ["forfettario"] }],
  ["forfettario to an EU business", forfettario, "eu", 50_000, { rivalsa: 0, net: 50_000, vat: 0, stamp: 200, total: 50_200, due: 50_200, notes: ["forfettario", "reverseCharge"] }],
  ["forfettario to a non-EU client", forfettario, "nonEu", 50_000, { rivalsa: 0, net: 50_000, vat: 0, stamp: 200, total: 50_200, due: 50_200, notes: ["forfettario", "outOfScope"] }],
  // Forfettario with the 4 % rivalsa INPS: the threshold is on fee + rivalsa
  ["rivalsa on 500,00 (20,00), stamp duty", forfettarioRivalsa, "business", 50_000, { rivalsa: 2_000, net: 52_000, vat: 0, stamp: 200, total: 52_200, due: 52_200, notes: ["forfettario"] }],
  ["rivalsa on 74,49 (2,9796 → 2,98) makes 77,47: no stamp duty", forfettarioRivalsa, "person", 7_449, { rivalsa: 298, net: 7_747, vat: 0, stamp: null, total: 7_747, due: 7_747, notes: ["forfettario"] }],
  ["rivalsa on 74,50 (2,98) makes 77,48: stamp duty", forfettarioRivalsa, "person", 7_450, { rivalsa: 298, net: 7_748, vat: 0, stamp: 200, total: 7_948, due: 7_948, notes: ["forfettario"] }],
  ["rivalsa on 123,45 (4,938 → 4,94)", forfettarioRivalsa, "association", 12_345, { rivalsa: 494, net: 12_839, vat: 0, stamp: 200, total: 13_039, due: 13_039, notes: ["forfettario"] }],
  ["rivalsa on 0,12 (0,0048 → 0,00) and 0,13 (→ 0,01)", forfettarioRivalsa, "person", 12, { rivalsa: 0, net: 12, vat: 0, stamp: null, total: 12, due: 12, notes: ["forfettario"] }],
  ["rivalsa on 0,13", forfettarioRivalsa, "person", 13, { rivalsa: 1, net: 14, vat: 0, stamp: null, total: 14, due: 14, notes: ["forfettario"] }],
  // The studio bears the stamp duty: shown as a note, not added
  ["forfettario 500,00, stamp duty borne by the studio", forfettarioStudioPaysStamp, "business", 50_000, { rivalsa: 0, net: 50_000, vat: 0, stamp: 200, total: 50_000, due: 50_000, notes: ["forfettario", "stampDutyByStudio"] }],
];

describe("the amounts of a fee, per regime and client kind", () => {
  it.each(rows)("%s", (_label, regime, kind, fee, e) => {
    const doc = taxDocument(regime, vatTreatmentOf(kind), fee);
    expect({
      rivalsa: doc.rivalsaCents,
      net: doc.netCents,
      vat: doc.vatCents,
      stamp: doc.stampDuty?.cents ?? null,
      total: doc.grossCents,
      due: doc.dueCents,
      notes: doc.notes,
    }).toEqual(e);
    // What the client is charged, line by line, adds up to what they pay.
    expect(chargedLines(doc).reduce((sum, l) => sum + l.cents, 0)).toBe(doc.dueCents);
    // The total is the sum of the lines shown.
    expect(doc.grossCents).toBe(doc.feeCents + doc.rivalsaCents + doc.vatCents + (doc.stampDuty?.chargedToClient ? doc.stampDuty.cents : 0));
    expect(doc.vatLine).toBe(doc.ratePercent > 0 || (regime.kind === "ordinary" && (kind === "business" || kind === "person" || kind === "association" || kind === "public")));
  });

  it("agrees with the plain VAT split for ordinary clients (the amounts charged before regimes existed)", () => {
    for (const fee of [0, 1, 25, 99, 12_345, 50_000, 123_457]) {
      const doc = taxDocument(ordinary22, "standard", fee);
      expect({ netCents: doc.netCents, vatCents: doc.vatCents, grossCents: doc.grossCents, ratePercent: doc.ratePercent }).toEqual(vatFromNet(fee, 22));
    }
  });

  it("refuses fractions of a cent and negative fees", () => {
    expect(() => taxDocument(ordinary22, "standard", 1.5)).toThrow(RangeError);
    expect(() => taxDocument(forfettario, "standard", -1)).toThrow(RangeError);
  });

  it("covers every client kind", () => {
    expect(clientKinds.map((k) => vatTreatmentOf(k))).toEqual(["standard", "standard", "standard", "splitPayment", "reverseCharge", "outOfScope"]);
  });
});

describe("percentOfCents", () => {
  it.each([
    [25, 22, 6], // 5,5 → 6
    [101, 22, 22],
    [12_345, 22, 2_716],
    [12_345, 4, 494],
    [7_449, 4, 298],
    [1_000, 4.5, 45],
    [333, 0, 0],
    [-25, 22, -6], // a credit rounds like the charge it undoes
  ])("%i cents × %f %% = %i", (cents, rate, expected) => {
    expect(percentOfCents(cents, rate)).toBe(expected);
  });
});

describe("a received amount back into its document", () => {
  it("finds the fee whose due amount was paid", () => {
    for (const [regime, treatment] of [[ordinary22, "standard"], [ordinary22, "splitPayment"], [forfettarioRivalsa, "standard"], [forfettario, "standard"]] as const) {
      for (const fee of [7_449, 7_450, 12_345, 50_000]) {
        const doc = taxDocument(regime, treatment, fee);
        expect(taxDocumentForDue(regime, treatment, doc.dueCents, null)).toEqual(doc);
        expect(taxDocumentForDue(regime, treatment, doc.dueCents, fee)).toEqual(doc);
      }
    }
  });
});

describe("the regime of the owner's settings", () => {
  it("is ordinary at the settings' rate when none is stored", () => {
    expect(taxRegimeOf({ vatRatePercent: 22 })).toEqual({ kind: "ordinary", vatRatePercent: 22 });
    expect(taxRegimeOf({ vatRatePercent: 10, taxRegime: { kind: "ordinary" } })).toEqual({ kind: "ordinary", vatRatePercent: 10 });
    expect(taxRegimeOf({ vatRatePercent: 22, taxRegime: { kind: "forfettario", stampDutyToClient: true, rivalsaInps: true } })).toEqual(forfettarioRivalsa);
  });
});

describe("the lines a client is charged for (Checkout)", () => {
  it("are fee, rivalsa, IVA and stamp duty; no IVA under split payment", () => {
    expect(chargedLines(taxDocument(forfettarioRivalsa, "standard", 50_000))).toEqual([
      { line: "fee", cents: 50_000, ratePercent: 0 },
      { line: "rivalsa", cents: 2_000, ratePercent: 4 },
      { line: "stampDuty", cents: 200, ratePercent: 0 },
    ]);
    expect(chargedLines(taxDocument(ordinary22, "standard", 50_000))).toEqual([
      { line: "fee", cents: 50_000, ratePercent: 0 },
      { line: "vat", cents: 11_000, ratePercent: 22 },
    ]);
    expect(chargedLines(taxDocument(ordinary22, "splitPayment", 50_000))).toEqual([{ line: "fee", cents: 50_000, ratePercent: 0 }]);
  });
});
