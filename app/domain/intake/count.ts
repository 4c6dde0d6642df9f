// A count as people type it (followers, subscribers): "2300", "4.800", "3 400",
// "3'400", and the short forms of social profiles in either language: "12k",
// "1,2k", "1.5K", "1,2 mila", "2 mila", "1,2 mln", "1.2M", "3 milioni".
// A decimal comma or point is allowed only before a multiplier ("1,5" alone is
// not a whole number, so it is refused rather than guessed).

const MULTIPLIERS: ReadonlyArray<[RegExp, number]> = [
  [/^(k|mila|thousand|thousands)$/, 1_000],
  [/^(m|mln|mio|mil|milione|milioni|million|millions)$/, 1_000_000],
];

/** The whole number a typed count stands for, or null when it is not one. */
export function parseCount(input: string): number | null {
  const text = input.trim().toLowerCase().replace(/[\u00a0\u202f]/g, " ");
  const short = /^(\d{1,4}(?:[.,]\d{1,3})?)\s*([a-z]+)\.?$/.exec(text);
  if (short) {
    const multiplier = MULTIPLIERS.find(([word]) => word.test(short[2]!))?.[1];
    if (!multiplier) return null;
    return Math.round(Number(short[1]!.replace(",", ".")) * multiplier);
  }
  if (/^\d{1,3}([.,' ]\d{3})+$/.test(text)) {
    // One kind of separator throughout: "1.234.567" or "1,234,567", never "1.234,567".
    const separators = new Set(text.replace(/\d/g, ""));
    return separators.size === 1 ? Number(text.replace(/\D/g, "")) : null;
  }
  return /^\d{1,12}$/.test(text) ? Number(text) : null;
}
