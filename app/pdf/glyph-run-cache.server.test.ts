import { describe, expect, it } from "vitest";
import { GlyphRunCache, type Shaper } from "./glyph-run-cache.server";

/** A stand-in font that counts how often it really shapes. */
function countingFont(width: number): Shaper & { shaped: string[] } {
  const shaped: string[] = [];
  return {
    shaped,
    layout(text: string, features?: unknown) {
      shaped.push(`${text}|${JSON.stringify(features ?? null)}`);
      return { glyphs: [...text].map((c) => ({ c })), positions: [...text].map(() => ({ xAdvance: width })) };
    },
  };
}

describe("the glyph run cache", () => {
  it("shapes a string once per font and features, and hands out copies", () => {
    const cache = new GlyphRunCache(100);
    const inter = countingFont(5);
    const noto = countingFont(7);
    cache.wrap(inter);
    cache.wrap(inter); // wrapping twice changes nothing
    cache.wrap(noto);
    const first = inter.layout("Ciao", ["liga"]);
    first.positions[0] = { xAdvance: 99 };
    first.glyphs.pop();
    const again = inter.layout("Ciao", ["liga"]);
    expect(again.positions[0]).toEqual({ xAdvance: 5 });
    expect(again.glyphs).toHaveLength(4);
    inter.layout("Ciao", ["kern"]);
    expect(noto.layout("Ciao", ["liga"]).positions[0]).toEqual({ xAdvance: 7 });
    expect(inter.shaped).toEqual(['Ciao|["liga"]', 'Ciao|["kern"]']);
    expect(noto.shaped).toEqual(['Ciao|["liga"]']);
    expect(cache.stats()).toEqual({ hits: 1, misses: 3, size: 3 });
  });

  it("keeps at most its capacity, dropping the least recently used", () => {
    const cache = new GlyphRunCache(2);
    const font = countingFont(1);
    cache.wrap(font);
    font.layout("a");
    font.layout("b");
    font.layout("a"); // a is now the most recent
    font.layout("c"); // drops b
    font.layout("a");
    font.layout("b");
    expect(font.shaped).toEqual(["a|null", "b|null", "c|null", "b|null"]);
    expect(cache.stats().size).toBe(2);
  });
});
