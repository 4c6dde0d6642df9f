// A count as people type it (followers, subscribers): "2300", "4.800", "3 400",
// "3'400", and the short forms of social profiles in either language: "12k",
// "1,2k", "1.5K", "1,2 mila", "2 mila", "1,2 mln", "1.2M", "3 milioni".
//
// The rule for a point or a comma: followed by exactly three digits and no unit
// ("3.400", "3,400", "1.234.567") it groups thousands, the Italian way with a
// point and the English way with a comma, so both read 3400: a count of people is
// never a fraction, so "3.400" can only mean three thousand four hundred. Before a
// unit ("3.4k", "1,2 mila", "1.2M") it is a decimal mark, with one or two digits
// after it. What could be read both ways is refused rather than guessed: "1,5"
// alone (not a whole number), "3.400k" (3400 thousand, or 3.4 thousand?), and a
// mix such as "1.234,567".

const MULTIPLIERS: ReadonlyArray<[RegExp, number]> = [
  [/^(k|mila|thousand|thousands)$/, 1_000],
  [/^(m|mln|mio|mil|milione|milioni|million|millions)$/, 1_000_000],
];

/** The whole number a typed count stands for, or null when it is not one. */
export function parseCount(input: string): number | null {
  const text = input.trim().toLowerCase().replace(/[\u00a0\u202f]/g, " ");
  const short = /^(\d{1,4}(?:[.,]\d{1,2})?)\s*([a-z]+)\.?$/.exec(text);
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
