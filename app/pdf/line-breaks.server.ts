// Where react-pdf may break a word at the end of a line (its hyphenation
// callback: the pieces returned are the places a line may end, with a hyphen).
// A word longer than SHORT_WORD breaks at its syllables, by the Liang patterns
// of the document's language (Italian or English); a piece still longer than LONG_PIECE
// characters (a pasted URL, a code, a 300-letter word, a line of Chinese,
// which has no spaces) may break between any two characters, so nothing runs
// off the page whatever the width of its column.
import { syllables as english } from "@react-pdf/hyphenate/en";
import { syllables as italian } from "@react-pdf/hyphenate/it";

/** Longer pieces than this may break anywhere: longer than any Italian or English syllable, shorter than the narrowest table column. */
const LONG_PIECE = 10;
/**
 * Words up to this long are never broken: they fit the narrowest column, and
 * giving the line breaker syllables for every word made a proposal's render
 * about a third slower (bench/proposal-pdf.ts) for a few hyphens in left-aligned text.
 */
const SHORT_WORD = 12;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const byLanguage = { it: italian, en: english };
let language: keyof typeof byLanguage = "it";

/** The language of the document about to be laid out (a worker renders one document at a time). */
export function setLineBreakLanguage(locale: string): void {
  language = locale === "en" ? "en" : "it";
}

export function breakWord(word: string): string[] {
  if (word.length <= SHORT_WORD) return [word];
  return byLanguage[language](word).flatMap((piece) => (piece.length > LONG_PIECE ? Array.from(graphemes.segment(piece), (g) => g.segment) : [piece]));
}
