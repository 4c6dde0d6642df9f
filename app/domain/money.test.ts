import { describe, expect, it } from "vitest";
import { parseEuroToCents } from "./money";

describe("parseEuroToCents", () => {
  it.each([
    ["1.234,56", "it", 123456],
    ["1234,5", "it", 123450],
    ["900", "it", 90000],
    ["€ 1.600,00", "it", 160000],
    ["1,234.56", "en", 123456],
    ["1234.5", "en", 123450],
  ] as const)("reads %s (%s) as %i cents", (text, locale, cents) => {
    expect(parseEuroToCents(text, locale)).toBe(cents);
  });

  it.each([
    ["1,234.56", "it"],
    ["12,34", "en"],
    ["-5", "it"],
    ["abc", "en"],
    ["1.23.4", "it"],
    ["999999999", "it"],
  ])("refuses %s", (text, locale) => {
    expect(parseEuroToCents(text, locale === "it" ? "it" : "en")).toBeNull();
  });
});
