import { describe, expect, it } from "vitest";
import { parseCount } from "./count";

const reads: Array<[string, number]> = [
  // Plain and grouped whole numbers.
  ["2300", 2300],
  ["4.800", 4800],
  ["3,400", 3400],
  ["3 400", 3400],
  ["3\u00a0400", 3400],
  ["3'400", 3400],
  ["1.234.567", 1234567],
  [" 0 ", 0],
  // The short forms of profiles, in Italian and English.
  ["12k", 12000],
  ["12K", 12000],
  ["1,2k", 1200],
  ["1.5 k", 1500],
  ["1,2 mila", 1200],
  ["2 mila", 2000],
  ["1,2 mln", 1200000],
  ["1.2M", 1200000],
  ["3 milioni", 3000000],
  ["2 thousand", 2000],
  ["2 mln", 2000000],
  ["3.4k", 3400],
  ["3,4K", 3400],
  ["1,25 mila", 1250],
  ["12.000", 12000],
  ["999", 999],
];

describe("parseCount", () => {
  it.each(reads)("reads %j as %i", (typed, count) => {
    expect(parseCount(typed)).toBe(count);
  });

  it("refuses what is not a whole count rather than guessing", () => {
    for (const bad of ["", "abc", "-5", "1,5", "1.2345", "1.234,567", "12 cats", "12kk", "1e6", "0x10", "½", "12.5.000", "3.400k", "1,234k", "3.40", "34.00", "1.2.3", "k", "12 k k"]) {
      expect(parseCount(bad), bad).toBeNull();
    }
  });
});
