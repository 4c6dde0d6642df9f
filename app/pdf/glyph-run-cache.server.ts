// A bounded cache of fontkit's text shaping (a font's `layout`: glyph
// substitution and positioning, GSUB/GPOS), the largest share of a proposal
// PDF's CPU time in a profile (bench/profile-proposal-pdf.ts): react-pdf shapes
// every run of text again each time pagination lays a page out anew, and most
// strings of a proposal (headings, labels, the standard paragraphs) recur from
// one proposal to the next. Keyed by font, string and the layout's arguments;
// least recently used entries go first, so the memory it holds stays flat.

/** What a cached `layout` returns, as far as the cache needs to know (fontkit's GlyphRun). */
interface GlyphRun {
  glyphs: unknown[];
  positions: object[];
}

/** A fontkit font, as far as the cache needs to know. */
export interface Shaper {
  layout(text: string, features?: unknown, script?: unknown, language?: unknown, direction?: unknown): GlyphRun;
}

export class GlyphRunCache {
  readonly #runs = new Map<string, GlyphRun>();
  readonly #fontIds = new WeakMap<Shaper, number>();
  #hits = 0;
  #misses = 0;
  #nextId = 0;

  constructor(readonly capacity: number) {}

  /** Makes `font.layout` go through the cache (once per font object). */
  wrap(font: Shaper): void {
    if (this.#fontIds.has(font)) return;
    const id = this.#nextId++;
    this.#fontIds.set(font, id);
    const shape = font.layout.bind(font);
    font.layout = (text, features, script, language, direction) => {
      const key = `${id}\u0000${JSON.stringify([features ?? null, script ?? null, language ?? null, direction ?? null])}\u0000${text}`;
      let run = this.#runs.get(key);
      if (run) {
        this.#hits++;
        // Most recently used: to the end of the map's order.
        this.#runs.delete(key);
      } else {
        this.#misses++;
        run = shape(text, features, script, language, direction);
        if (this.#runs.size >= this.capacity) this.#runs.delete(this.#runs.keys().next().value!);
      }
      this.#runs.set(key, run);
      // Fresh arrays and positions each time: react-pdf may change a run it got; glyph
      // objects are shared anyway (fontkit keeps one per glyph id and font).
      return { ...run, glyphs: [...run.glyphs], positions: run.positions.map((p) => ({ ...p })) };
    };
  }

  stats(): { hits: number; misses: number; size: number } {
    return { hits: this.#hits, misses: this.#misses, size: this.#runs.size };
  }
}
