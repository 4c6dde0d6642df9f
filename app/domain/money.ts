// Amounts typed by people, in their language's format, to integer cents.

/** "1.234,56" (it) or "1,234.56" (en), with or without € and thousands separators; null when not an amount. */
export function parseEuroToCents(input: string, locale: "it" | "en"): number | null {
  const value = input.replace(/€|\s/g, "");
  if (value === "") return null;
  const [thousands, decimal] = locale === "it" ? [".", ","] : [",", "."];
  const pattern = locale === "it" ? /^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$/ : /^\d{1,3}(,\d{3})*(\.\d{1,2})?$|^\d+(\.\d{1,2})?$/;
  if (!pattern.test(value)) return null;
  const [whole = "0", fraction = ""] = value.split(thousands).join("").split(decimal);
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return Number.isSafeInteger(cents) && cents <= 100_000_000 ? cents : null;
}

/**
 * `percent` % of an amount in integer cents, rounded half up to the cent (the
 * rule Italian invoices use for each line: IVA, rivalsa). Integer arithmetic on
 * hundredths of a percent, so 22 % of 25 cents is 6 (5.5 up), never 5 from a
 * binary fraction. The rate counts to two decimals. Negative amounts round symmetrically (half away from zero).
 */
export function percentOfCents(cents: number, percent: number): number {
  if (!Number.isSafeInteger(cents)) throw new RangeError("Money amounts are integer cents");
  if (cents < 0) return -percentOfCents(-cents, percent); // a credit rounds like the charge it undoes
  const hundredths = Math.round(percent * 100);
  if (hundredths < 0) throw new RangeError("A rate is not negative");
  return Math.floor((cents * hundredths * 2 + 10_000) / 20_000);
}
