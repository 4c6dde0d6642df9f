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
