import { describe, expect, it } from "vitest";
import { onboardingDocument } from "./acceptable-proposal";
import { vatFromGross, vatFromNet } from "./vat";

describe("VAT breakdown", () => {
  it("adds 22% to the imponibile, rounding half-up to the cent", () => {
    expect(vatFromNet(50_000, 22)).toEqual({ netCents: 50_000, vatCents: 11_000, grossCents: 61_000, ratePercent: 22 });
    expect(vatFromNet(1_01, 22)).toEqual({ netCents: 101, vatCents: 22, grossCents: 123, ratePercent: 22 });
    expect(vatFromNet(25, 22).vatCents).toBe(6); // 5.5 → 6
  });

  it("agrees with the onboarding fee charged at checkout", () => {
    for (const net of [0, 1, 99, 12_345, 50_000, 123_457]) {
      expect(vatFromNet(net, 22).grossCents).toBe(onboardingDocument({ onboardingNetCents: net, vatRatePercent: 22 }, "standard").dueCents);
    }
  });

  it("splits a total back into the net price it came from", () => {
    for (const net of [1, 99, 12_345, 50_000, 123_457]) {
      const gross = vatFromNet(net, 22).grossCents;
      expect(vatFromGross(gross, 22)).toEqual(vatFromNet(net, 22));
    }
  });

  it("splits any total so the parts add up", () => {
    for (const gross of [1, 2, 100, 12_201, 99_999]) {
      const split = vatFromGross(gross, 22);
      expect(split.netCents + split.vatCents).toBe(gross);
    }
  });

  it("refuses fractions of a cent", () => {
    expect(() => vatFromNet(1.5, 22)).toThrow(RangeError);
  });
});
