import { describe, expect, it } from "vitest";
import { euCountries, euVatNumberProblem, isEuCountry, normaliseEuVatNumber } from "./eu-vat";

describe("EU VAT numbers in their national format", () => {
  it.each([
    ["DE", "123456789", "DE123456789"],
    ["DE", "de 123 456 789", "DE123456789"],
    ["AT", "ATU12345678", "ATU12345678"],
    ["FR", "FR 40 303265045", "FR40303265045"],
    ["FR", "XA303265045", "FRXA303265045"],
    ["NL", "NL123456789B01", "NL123456789B01"],
    ["ES", "B12345678", "ESB12345678"],
    ["ES", "X1234567L", "ESX1234567L"],
    ["BE", "0123.456.789", "BE0123456789"],
    ["GR", "EL123456789", "EL123456789"], // Greece: ISO GR, VAT prefix EL
    ["GR", "GR123456789", "EL123456789"],
    ["IE", "1234567WA", "IE1234567WA"],
    ["IE", "1A23456B", "IE1A23456B"],
    ["SE", "123456789701", "SE123456789701"],
    ["CY", "12345678X", "CY12345678X"],
  ])("accepts %s %s as %s", (country, input, stored) => {
    expect(euVatNumberProblem(country, input)).toBeNull();
    expect(normaliseEuVatNumber(country, input)).toBe(stored);
  });

  it.each([
    ["DE", "12345678", "format"], // 8 digits: Germany has 9
    ["AT", "12345678", "format"], // Austria needs the U
    ["NL", "123456789", "format"], // no B01
    ["FR", "IO303265045", "format"], // I and O are not used in the French key
    ["BE", "2123456789", "format"],
    ["IT", "01234567897", "country"], // an Italian client is a business, with a Partita IVA
    ["US", "123456789", "country"],
    ["DE", "", "format"],
  ])("refuses %s %s (%s)", (country, input, problem) => {
    expect(euVatNumberProblem(country, input)).toBe(problem);
  });

  it("knows the 26 other member states", () => {
    expect(euCountries).toHaveLength(26);
    expect(euCountries).toContain("GR");
    expect(euCountries).not.toContain("IT");
    expect(isEuCountry("fr")).toBe(true);
    expect(isEuCountry("CH")).toBe(false);
    expect(isEuCountry("GB")).toBe(false);
  });
});
