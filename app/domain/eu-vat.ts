// VAT numbers of the other EU member states, checked for their national
// format (the shapes VIES documents); the check digits and whether the number is
// active are VIES's to say (not checked here: no network in tests or demo).
// Written with the country prefix or without: "DE123456789", "de 123 456 789".
// Greece's VAT prefix is EL (its ISO code GR is accepted and read as EL).

/** ISO codes of the EU member states other than Italy, with the pattern of the number after the prefix. */
const formats = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{12}$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
} as const satisfies Record<string, RegExp>;

export type EuVatCountry = keyof typeof formats;
/** EU member states other than Italy (ISO 3166 codes; Greece as GR). */
export const euCountries = (Object.keys(formats) as EuVatCountry[]).map((c) => (c === "EL" ? "GR" : c)).sort();

const vatPrefix = (country: string): string => (country.toUpperCase() === "GR" ? "EL" : country.toUpperCase());

export function isEuCountry(country: string): boolean {
  return vatPrefix(country) in formats;
}

/** The number without spaces, dots or dashes, upper case, with its country's prefix: what we store ("DE123456789"). */
export function normaliseEuVatNumber(country: string, input: string): string {
  const prefix = vatPrefix(country);
  let value = input.replace(/[\s.-]/g, "").toUpperCase();
  if (value.startsWith(prefix) || (prefix === "EL" && value.startsWith("GR"))) value = value.slice(2);
  return `${prefix}${value}`;
}

/** Why a VAT number is refused for a country: not an EU country (other than Italy), or not its format. Null when it fits. */
export function euVatNumberProblem(country: string, input: string): "country" | "format" | null {
  const prefix = vatPrefix(country);
  if (!(prefix in formats)) return "country";
  const number = normaliseEuVatNumber(country, input).slice(2);
  return formats[prefix as EuVatCountry].test(number) ? null : "format";
}
