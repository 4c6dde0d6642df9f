import { describe, expect, it } from "vitest";
import { priceWithVat, pricesNetNote } from "./price-with-vat";

// Intl puts a no-break space between amount and €.
const plain = (s: string) => s.replace(/\u00a0/g, " ");

describe("prices with VAT, as a quote shows them", () => {
  it("writes the net price plus VAT and the total, in Italian", () => {
    const p = priceWithVat(120000, 22, "it");
    expect(plain(`${p.net} ${p.plusVat}`)).toBe("1.200,00 € + IVA 22%");
    expect(plain(p.withVat)).toBe("IVA inclusa: 1.464,00 €");
    expect(p.grossCents).toBe(146400);
  });

  it("rounds VAT half-up to the cent and writes English amounts", () => {
    const p = priceWithVat(12345, 22, "en");
    expect(plain(`${p.net} ${p.plusVat}`)).toBe("€123.45 + VAT 22%");
    expect(plain(p.withVat)).toBe("Including VAT: €150.61");
    expect(pricesNetNote(10, "en")).toBe("Prices exclude VAT (10%).");
  });

  it("uses the view's own labels when it has them", () => {
    expect(priceWithVat(100, 4, "it", { plusVat: "+ IVA al {{rate}}%" }).plusVat).toBe("+ IVA al 4%");
  });
});
