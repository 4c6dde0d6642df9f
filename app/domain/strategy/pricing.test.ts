import { describe, expect, it } from "vitest";
import { quote, type PriceList } from "./pricing";

const prices: PriceList = {
  vatRatePercent: 22,
  onboardingNetCents: 50000,
  packages: [
    { id: "small", monthlyNetCents: 45000, recommended: false },
    { id: "mid", monthlyNetCents: 90000, recommended: true },
  ],
  addOns: [
    { id: "ads", priceNetCents: 30000, recurring: true },
    { id: "training", priceNetCents: 35050, recurring: false },
  ],
};

describe("quote", () => {
  it("adds recurring add-ons to the month and one-off ones to the start, with 22% VAT on each", () => {
    const q = quote(prices, "small", ["ads", "training"]);
    expect(q.monthly).toMatchObject({ net: 75000, vat: 16500, gross: 91500 });
    expect(q.oneOff).toMatchObject({ net: 85050, vat: 18711, gross: 103761 });
  });

  it("rounds VAT half-up to the cent", () => {
    const q = quote({ ...prices, onboardingNetCents: 1, addOns: [] }, "mid", []);
    expect(q.oneOff).toMatchObject({ net: 1, vat: 0, gross: 1 });
    expect(quote({ ...prices, onboardingNetCents: 25, addOns: [] }, "mid", []).oneOff.vat).toBe(6); // 5.5 → 6
  });

  it("falls back to the recommended package and ignores unknown add-ons", () => {
    const q = quote(prices, "nope", ["ads", "<script>"]);
    expect(q.packageId).toBe("mid");
    expect(q.addOnIds).toEqual(["ads"]);
    expect(q.monthly.net).toBe(120000);
  });
});

describe("quote under the regime forfettario", () => {
  it("adds the rivalsa and the stamp duty, and no VAT", () => {
    const q = quote(
      { vatRatePercent: 22, taxRegime: { kind: "forfettario", stampDutyToClient: true, rivalsaInps: true }, onboardingNetCents: 50_000, packages: [{ id: "p", monthlyNetCents: 45_000, recommended: true }], addOns: [] },
      "p",
      [],
    );
    // 450,00 + 18,00 rivalsa = 468,00 + 2,00 bollo; 500,00 + 20,00 = 520,00 + 2,00
    expect(q.monthly).toMatchObject({ net: 46_800, vat: 0, gross: 47_000 });
    expect(q.oneOff).toMatchObject({ net: 52_000, vat: 0, gross: 52_200 });
  });
});
