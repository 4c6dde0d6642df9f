// Check digits of Italian tax identifiers, as published by the Agenzia delle Entrate.

/**
 * Partita IVA: 11 digits, the last is a Luhn-style check digit
 * (odd positions summed, even positions doubled with 9 subtracted above 9).
 * Accepts an optional "IT" prefix and spaces.
 */
export function isValidPartitaIva(input: string): boolean {
  const value = input.replace(/\s+/g, "").replace(/^IT/i, "");
  if (!/^\d{11}$/.test(value)) return false;
  if (/^0{11}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let digit = Number(value[i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  const check = (10 - (sum % 10)) % 10;
  return check === Number(value[10]);
}

/** Formats a valid Partita IVA the way Italian letterheads print it: "IT 01234567897". */
export function formatPartitaIva(input: string): string {
  const value = input.replace(/\s+/g, "").replace(/^IT/i, "");
  return `IT ${value}`;
}

/** Why a Partita IVA is refused: its shape, or its check digit. Null when valid. */
export function partitaIvaProblem(input: string): "format" | "check" | null {
  const value = input.replace(/\s+/g, "").replace(/^IT/i, "");
  if (!/^\d{11}$/.test(value) || /^0{11}$/.test(value)) return "format";
  return isValidPartitaIva(value) ? null : "check";
}

/** The 11 digits of a Partita IVA, without prefix or spaces (what we store). */
export function normalisePartitaIva(input: string): string {
  return input.replace(/\s+/g, "").replace(/^IT/i, "");
}

// Codice fiscale (persons): 16 characters. Characters in odd positions (1st,
// 3rd, …) and in even positions have their own values; the sum modulo 26 is
// the last letter. Digits may be replaced by letters (omocodia: L M N P Q R S
// T U V for 0-9) in the numeric positions; the rule is the same.
const CF_ODD: Record<string, number> = {
  "0": 1, "1": 0, "2": 5, "3": 7, "4": 9, "5": 13, "6": 15, "7": 17, "8": 19, "9": 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};
const OMOCODE = "[0-9LMNPQRSTUV]";
const CF_SHAPE = new RegExp(`^[A-Z]{6}${OMOCODE}{2}[ABCDEHLMPRST]${OMOCODE}{2}[A-Z]${OMOCODE}{3}[A-Z]$`);

function cfEvenValue(char: string): number {
  return /\d/.test(char) ? Number(char) : char.charCodeAt(0) - 65;
}

/** The check character of the first 15 characters of a codice fiscale. */
export function codiceFiscaleCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const char = first15[i] ?? "";
    sum += i % 2 === 0 ? (CF_ODD[char] ?? 0) : cfEvenValue(char);
  }
  return String.fromCharCode(65 + (sum % 26));
}

export function normaliseCodiceFiscale(input: string): string {
  return input.replace(/\s+/g, "").toUpperCase();
}

/** Why a person's codice fiscale is refused: its shape, or its check character. Null when valid. */
export function codiceFiscaleProblem(input: string): "format" | "check" | null {
  const value = normaliseCodiceFiscale(input);
  if (!CF_SHAPE.test(value)) return "format";
  return codiceFiscaleCheckChar(value.slice(0, 15)) === value[15] ? null : "check";
}

export function isValidCodiceFiscale(input: string): boolean {
  return codiceFiscaleProblem(input) === null;
}

/**
 * Codice Destinatario (SdI recipient code for electronic invoices): 7 letters
 * or digits. "0000000" means "no code" (the invoice then goes to the PEC).
 */
export function isValidCodiceDestinatario(input: string): boolean {
  return /^[A-Z0-9]{7}$/.test(input.trim().toUpperCase());
}

export function isEmptyCodiceDestinatario(input: string): boolean {
  return input.trim() === "0000000";
}

/** A PEC address: an email address (PEC providers use ordinary domains such as pec.it or legalmail.it). */
export function isValidPec(input: string): boolean {
  const value = input.trim();
  return value.length <= 254 && /^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(value) && !value.includes("..");
}

/** CAP: five digits. */
export function isValidCap(input: string): boolean {
  return /^\d{5}$/.test(input.trim());
}

// Sigle of the Italian provinces and metropolitan cities (with the Sardinian
// ones of 2005-2016, still found on documents).
const PROVINCES = new Set(
  (
    "AG AL AN AO AP AQ AR AT AV BA BG BI BL BN BO BR BS BT BZ CA CB CE CH CI CL CN CO CR CS CT CZ EN FC FE FG FI FM FR GE GO GR " +
    "IM IS KR LC LE LI LO LT LU MB MC ME MI MN MO MS MT NA NO NU OG OR OT PA PC PD PE PG PI PN PO PR PT PU PV PZ RA RC RE RG RI RM " +
    "RN RO SA SI SO SP SR SS SU SV TA TE TN TO TP TR TS TV UD VA VB VC VE VI VR VS VT VV"
  ).split(" "),
);

/** A province's two-letter code ("MI", "RM"), any case. */
export function isItalianProvince(input: string): boolean {
  return PROVINCES.has(input.trim().toUpperCase());
}

/**
 * Numeric codice fiscale of an association, a body or a company (not a person):
 * 11 digits with the same check digit as a Partita IVA (the two are often the
 * same number). Spaces are ignored; no "IT" prefix (that belongs to VAT numbers).
 */
export function numericCodiceFiscaleProblem(input: string): "format" | "check" | null {
  const value = input.replace(/\s+/g, "");
  if (!/^\d{11}$/.test(value) || /^0{11}$/.test(value)) return "format";
  return isValidPartitaIva(value) ? null : "check";
}

/**
 * Codice Univoco Ufficio of a public administration (the office that receives
 * FatturaPA invoices, listed in IPA): 6 letters or digits.
 */
export function isValidCodiceUfficio(input: string): boolean {
  return /^[A-Z0-9]{6}$/.test(input.trim().toUpperCase());
}

/** CIG (Codice Identificativo Gara): 10 letters or digits. */
export function isValidCig(input: string): boolean {
  return /^[A-Z0-9]{10}$/.test(input.trim().toUpperCase());
}

/** CUP (Codice Unico di Progetto): 15 letters or digits. */
export function isValidCup(input: string): boolean {
  return /^[A-Z0-9]{15}$/.test(input.trim().toUpperCase());
}
