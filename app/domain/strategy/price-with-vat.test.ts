import { describe, expect, it } from "vitest";
import { priceWithVat, pricesNetNote } from "./price-with-vat";

// Intl puts a no-break space between amount and €.
const plain = (s: string) => s.replace(/\u00a0/g, " ");

describe("prices with VAT, as a quote shows them", () => {
  it("writes the net price plus VAT and the total, in Italian", () => {
    const p = priceWithVat(120000, { kind: "ordinary", vatRatePercent: 22 }, "it");
    expect(plain(`${p.net} ${p.plusVat}`)).toBe("1.200,00 € + IVA 22%");
    expect(plain(p.withVat)).toBe("IVA inclusa: 1.464,00 €");
    expect(p.grossCents).toBe(146400);
  });

  it("rounds VAT half-up to the cent and writes English amounts", () => {
    const p = priceWithVat(12345, { kind: "ordinary", vatRatePercent: 22 }, "en");
    expect(plain(`${p.net} ${p.plusVat}`)).toBe("€123.45 + VAT 22%");
    expect(plain(p.withVat)).toBe("Including VAT: €150.61");
    expect(pricesNetNote({ kind: "ordinary", vatRatePercent: 10 }, "en")).toBe("Prices exclude VAT (10%).");
  });

  it("uses the view's own labels when it has them", () => {
    expect(priceWithVat(100, { kind: "ordinary", vatRatePercent: 4 }, "it", { plusVat: "+ IVA al {{rate}}%" }).plusVat).toBe("+ IVA al 4%");
  });

  it("in the regime forfettario: no VAT, the rivalsa when charged, the total with the stamp duty, the legal wording", () => {
    const withRivalsa = priceWithVat(45000, { kind: "forfettario", stampDutyToClient: true, rivalsaInps: true }, "it");
    // 450,00 + rivalsa 4 % 18,00 = 468,00 + bollo 2,00 = 470,00
    expect(plain(`${withRivalsa.net} ${withRivalsa.plusVat}`)).toBe("450,00 € + rivalsa INPS 4%");
    expect(plain(withRivalsa.withVat)).toBe("Totale documento: 470,00 €");
    const plainFee = priceWithVat(7747, { kind: "forfettario", stampDutyToClient: true, rivalsaInps: false }, "en");
    expect([plainFee.plusVat, plain(plainFee.withVat)]).toEqual(["", "Document total: €77.47"]);
    expect(pricesNetNote({ kind: "forfettario", stampDutyToClient: false, rivalsaInps: false }, "it")).toContain("art. 1, commi da 54 a 89, della Legge n. 190/2014");
  });
});
