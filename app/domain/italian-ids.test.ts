import { describe, expect, it } from "vitest";
import {
  codiceFiscaleCheckChar,
  codiceFiscaleProblem,
  formatPartitaIva,
  isEmptyCodiceDestinatario,
  isItalianProvince,
  isValidCap,
  isValidCig,
  isValidCodiceUfficio,
  isValidCup,
  isValidCodiceDestinatario,
  isValidCodiceFiscale,
  isValidPartitaIva,
  isValidPec,
  normaliseCodiceFiscale,
  normalisePartitaIva,
  numericCodiceFiscaleProblem,
  partitaIvaProblem,
} from "./italian-ids";

describe("numeric codice fiscale (associations, bodies)", () => {
  it.each([
    "06363391001", // Agenzia delle Entrate
    "80078750587", // INPS
    "01199250158", // Comune di Milano (codice fiscale and Partita IVA alike)
    " 8007 8750 587 ",
  ])("accepts %s", (value) => {
    expect(numericCodiceFiscaleProblem(value)).toBeNull();
  });

  it.each([
    ["80078750588", "check"], // INPS with the last digit changed
    ["06363391000", "check"],
    ["IT06363391001", "format"], // a codice fiscale has no country prefix
    ["8007875058", "format"],
    ["00000000000", "format"],
    ["RSSMRA80A01H501U", "format"], // a person's: the consumer option
  ])("refuses %s (%s)", (value, problem) => {
    expect(numericCodiceFiscaleProblem(value)).toBe(problem);
  });
});

describe("public administration codes", () => {
  it("Codice Univoco Ufficio: 6 letters or digits", () => {
    expect(isValidCodiceUfficio("UF6ZQK")).toBe(true);
    expect(isValidCodiceUfficio("uf6zqk")).toBe(true);
    expect(isValidCodiceUfficio("UF6ZQ")).toBe(false);
    expect(isValidCodiceUfficio("M5UXCR1")).toBe(false); // 7: a private company's Codice Destinatario
    expect(isValidCodiceUfficio("UF-ZQK")).toBe(false);
  });

  it("CIG 10 and CUP 15 characters", () => {
    expect(isValidCig("Z1A2B3C4D5")).toBe(true);
    expect(isValidCig("Z1A2B3C4D")).toBe(false);
    expect(isValidCup("J41B21000130006")).toBe(true);
    expect(isValidCup("J41B2100013000")).toBe(false);
    expect(isValidCup("J41B21000130006X")).toBe(false);
  });
});

describe("isValidPartitaIva", () => {
  it.each([
    "01234567897", // check digit computed by hand: sum of odd 0+2+4+6+8=20, doubled evens 2+6+(10-9)+(14-9)+(18-9)=23 → 43 → 7
    "IT01234567897",
    "it 0123 4567 897",
    "12345678903",
  ])("accepts %s", (value) => {
    expect(isValidPartitaIva(value)).toBe(true);
  });

  it.each([
    ["a wrong check digit", "01234567890"],
    ["ten digits", "0123456789"],
    ["letters", "0123456789A"],
    ["all zeros", "00000000000"],
    ["empty", ""],
  ])("rejects %s", (_label, value) => {
    expect(isValidPartitaIva(value)).toBe(false);
  });
});

describe("formatPartitaIva", () => {
  it("prints the IT prefix once", () => {
    expect(formatPartitaIva("IT01234567897")).toBe("IT 01234567897");
    expect(formatPartitaIva("01234567897")).toBe("IT 01234567897");
  });
});

describe("partitaIvaProblem", () => {
  it("tells a wrong check digit from a wrong shape", () => {
    expect(partitaIvaProblem("01234567897")).toBeNull();
    expect(partitaIvaProblem("IT 01234567897")).toBeNull();
    expect(partitaIvaProblem("01234567890")).toBe("check");
    expect(partitaIvaProblem("0123456789")).toBe("format");
    expect(partitaIvaProblem("00000000000")).toBe("format");
    expect(normalisePartitaIva("IT 0123 4567 897")).toBe("01234567897");
  });
});

describe("codice fiscale", () => {
  it.each([
    "RSSMRA80A01H501U", // Mario Rossi, 1 Jan 1980, Roma: the Agenzia delle Entrate's own example
    "RSSMRA85T10A562S",
    "MRTMTT25D09F205Z",
    "rssmra80a01h501u", // any case
    " RSSMRA80A01H501U ",
  ])("accepts %s", (value) => {
    expect(codiceFiscaleProblem(value)).toBeNull();
    expect(isValidCodiceFiscale(value)).toBe(true);
  });

  it("computes the check character from the odd and even tables", () => {
    expect(codiceFiscaleCheckChar("RSSMRA80A01H501")).toBe("U");
    expect(codiceFiscaleCheckChar("MRTMTT25D09F205")).toBe("Z");
  });

  it("accepts omocodia (digits replaced by L-V) with the matching check character", () => {
    // 1 → M in the last numeric position of RSSMRA80A01H501.
    const base = "RSSMRA80A01H50M";
    const value = base + codiceFiscaleCheckChar(base);
    expect(codiceFiscaleProblem(value)).toBeNull();
  });

  it.each([
    ["a wrong check character", "RSSMRA80A01H501A", "check"],
    ["a transposition", "RSSMRA80A10H501U", "check"],
    ["15 characters", "RSSMRA80A01H501", "format"],
    ["an impossible month letter", "RSSMRA80Z01H501U", "format"],
    ["a company's 11 digits", "01234567897", "format"],
    ["empty", "", "format"],
  ])("rejects %s", (_label, value, problem) => {
    expect(codiceFiscaleProblem(value)).toBe(problem);
    expect(isValidCodiceFiscale(value)).toBe(false);
  });

  it("normalises case and spaces", () => {
    expect(normaliseCodiceFiscale(" rssmra80a01h501u ")).toBe("RSSMRA80A01H501U");
  });
});

describe("Codice Destinatario and PEC", () => {
  it.each(["M5UXCR1", "KRRH6B9", "0000000", "abc1234"])("accepts the code %s", (value) => {
    expect(isValidCodiceDestinatario(value)).toBe(true);
  });
  it.each(["M5UXCR", "M5UXCR12", "M5U-CR1", ""])("rejects the code %s", (value) => {
    expect(isValidCodiceDestinatario(value)).toBe(false);
  });
  it("knows the all-zeros code means none", () => {
    expect(isEmptyCodiceDestinatario("0000000")).toBe(true);
    expect(isEmptyCodiceDestinatario("M5UXCR1")).toBe(false);
  });
  it.each(["studio@pec.it", "amministrazione.rossi@legalmail.it", "a+b@arubapec.it"])("accepts the PEC %s", (value) => {
    expect(isValidPec(value)).toBe(true);
  });
  it.each(["studio@pec", "studio.pec.it", "studio@@pec.it", "a..b@pec.it", ""])("rejects the PEC %s", (value) => {
    expect(isValidPec(value)).toBe(false);
  });
});

describe("address parts", () => {
  it("checks CAP and province", () => {
    expect(isValidCap("20121")).toBe(true);
    expect(isValidCap("2012")).toBe(false);
    expect(isValidCap("2012A")).toBe(false);
    expect(isItalianProvince("MI")).toBe(true);
    expect(isItalianProvince("rm")).toBe(true);
    expect(isItalianProvince("XX")).toBe(false);
    expect(isItalianProvince("Milano")).toBe(false);
  });
});
