import { describe, expect, it } from "vitest";
import { parseCount } from "./count";

describe("parseCount", () => {
  it("reads plain and grouped whole numbers", () => {
    expect(parseCount("2300")).toBe(2300);
    expect(parseCount("4.800")).toBe(4800);
    expect(parseCount("3,400")).toBe(3400);
    expect(parseCount("3 400")).toBe(3400);
    expect(parseCount("3\u00a0400")).toBe(3400);
    expect(parseCount("3'400")).toBe(3400);
    expect(parseCount("1.234.567")).toBe(1234567);
    expect(parseCount(" 0 ")).toBe(0);
  });

  it("reads the short forms of profiles, in Italian and English", () => {
    expect(parseCount("12k")).toBe(12000);
    expect(parseCount("12K")).toBe(12000);
    expect(parseCount("1,2k")).toBe(1200);
    expect(parseCount("1.5 k")).toBe(1500);
    expect(parseCount("1,2 mila")).toBe(1200);
    expect(parseCount("2 mila")).toBe(2000);
    expect(parseCount("1,2 mln")).toBe(1200000);
    expect(parseCount("1.2M")).toBe(1200000);
    expect(parseCount("3 milioni")).toBe(3000000);
    expect(parseCount("2 thousand")).toBe(2000);
  });

  it("refuses what is not a whole count rather than guessing", () => {
    for (const bad of ["", "abc", "-5", "1,5", "1.2345", "1.234,567", "12 cats", "12kk", "1e6", "0x10", "½", "12.5.000"]) {
      expect(parseCount(bad), bad).toBeNull();
    }
  });
});
