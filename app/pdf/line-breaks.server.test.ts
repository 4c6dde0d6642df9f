import { afterEach, describe, expect, it } from "vitest";
import { breakWord, setLineBreakLanguage } from "./line-breaks.server";

afterEach(() => setLineBreakLanguage("it"));

describe("where a word may break at the end of a line", () => {
  it("breaks Italian and English words at their syllables, by the document's language", () => {
    setLineBreakLanguage("it");
    expect(breakWord("comunicazione")).toEqual(["co", "mu", "ni", "ca", "zio", "ne"]);
    setLineBreakLanguage("en");
    expect(breakWord("communication")).toEqual(["com", "mu", "ni", "ca", "tion"]);
    expect(breakWord("Hotel")).toEqual(["Hotel"]);
  });

  it("lets a word with no syllables to break at (a code, a 300-letter word, Chinese) break between any two characters", () => {
    const long = "x".repeat(300);
    expect(Math.max(...breakWord(long).map((piece) => piece.length))).toBeLessThanOrEqual(10);
    expect(breakWord(long).join("")).toBe(long);
    expect(breakWord("你好世界这是一个很长的句子")).toEqual(Array.from("你好世界这是一个很长的句子"));
    // Characters stay whole: an emoji with a skin tone, a letter with its accent.
    expect(breakWord("0123456789012👍🏽e\u0301").slice(-3)).toEqual(["2", "👍🏽", "e\u0301"]);
    // Prices and short words stay whole.
    expect(breakWord("1.234,56")).toEqual(["1.234,56"]);
  });
});
