// The fonts and emoji of the proposal PDF, all from npm packages in
// node_modules (nothing is fetched), registered once per worker thread.
//
// react-pdf picks a font for each character: the first family of the text's
// font stack that has a glyph for it, else the last one, and it always puts
// "Helvetica" (a standard PDF font, never embedded) at the end of every stack.
// So the stack covers the scripts we print, and "Helvetica" itself is made an
// embedded font (Inter): a character no font has prints as Inter's missing-glyph
// box, embedded, instead of falling back to a font the PDF does not carry.
//
// Where each comes from, and why (all SIL Open Font License, emoji CC-BY 4.0):
// - Latin, Greek, Cyrillic, Vietnamese: Inter (@expo-google-fonts/inter:
//   Google Fonts' static TTFs, every script Inter has in one file, 6 MB).
//   @fontsource/inter, used before, ships WOFF split by script: seven fonts
//   all named "Inter-Regular", which pdfkit cannot tell apart, so it embedded
//   a new copy for every run of Greek or Cyrillic text; and WOFF needed a
//   conversion at start (see the history of woff-to-sfnt.server.ts).
// - Arabic: Noto Sans Arabic (@expo-google-fonts/noto-sans-arabic: Google Fonts'
//   static TTFs, 3 MB; the sans matches Inter, Naskh would not).
// - Hebrew, Chinese, Japanese, Korean: Noto Sans Hebrew / Hans / JP / KR
//   (@embedpdf/fonts-*: Google's Noto files as TTF/OTF, a few weights each;
//   the CJK ones are about 100 MB on disk together, a third of the Google Fonts
//   TTF packages, and react-pdf embeds only the glyphs used).
// - Emoji: Twemoji PNGs, 64 px (emoji-datasource-twitter): react-pdf draws
//   emoji as images, PNG or JPG only (the Twemoji packages ship SVG, or no images).
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Font } from "@react-pdf/renderer";
import { GlyphRunCache, type Shaper } from "./glyph-run-cache.server";
import { breakWord } from "./line-breaks.server";

const require = createRequire(import.meta.url);

type Source = { src: string; fontWeight: number };

const INTER: Source[] = [
  { src: require.resolve("@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf"), fontWeight: 400 },
  { src: require.resolve("@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf"), fontWeight: 600 },
  { src: require.resolve("@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf"), fontWeight: 700 },
];

/** Font files of an @embedpdf/fonts-* package by weight (its exports name only its index, `main`; the fonts are in ../fonts from there). */
function embedpdf(main: string, files: Record<number, string>): Source[] {
  const dir = path.join(path.dirname(main), "..", "fonts");
  return Object.entries(files).map(([weight, file]) => ({ src: path.join(dir, file), fontWeight: Number(weight) }));
}

function families(): Array<{ family: string; fonts: Source[] }> {
  return [
    { family: "Inter", fonts: INTER },
    {
      family: "Noto Sans Arabic",
      fonts: [
        { src: require.resolve("@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf"), fontWeight: 400 },
        { src: require.resolve("@expo-google-fonts/noto-sans-arabic/600SemiBold/NotoSansArabic_600SemiBold.ttf"), fontWeight: 600 },
        { src: require.resolve("@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf"), fontWeight: 700 },
      ],
    },
    { family: "Noto Sans Hebrew", fonts: embedpdf(require.resolve("@embedpdf/fonts-hebrew"), { 400: "NotoSansHebrew-Regular.ttf", 700: "NotoSansHebrew-Bold.ttf" }) },
    { family: "Noto Sans SC", fonts: embedpdf(require.resolve("@embedpdf/fonts-sc"), { 400: "NotoSansHans-Regular.otf", 700: "NotoSansHans-Bold.otf" }) },
    { family: "Noto Sans JP", fonts: embedpdf(require.resolve("@embedpdf/fonts-jp"), { 400: "NotoSansJP-Regular.otf", 700: "NotoSansJP-Bold.otf" }) },
    { family: "Noto Sans KR", fonts: embedpdf(require.resolve("@embedpdf/fonts-kr"), { 400: "NotoSansKR-Regular.otf", 700: "NotoSansKR-Bold.otf" }) },
    // The implicit last fallback of every stack, embedded: Inter again
    // (pdfkit sees the same font as "Inter" and embeds it once.)
    { family: "Helvetica", fonts: INTER },
  ];
}

/**
 * The fallbacks and the characters they are there for. CJK: Hangul, kana, the
 * ideographs, CJK punctuation and full-width forms; Chinese comes first, and as
 * its fonts carry kana too, Japanese prints in the Chinese face except for the
 * few kanji only the Japanese font has (react-pdf picks fonts by character,
 * not by language).
 */
const FALLBACKS: Array<{ families: string[]; script: RegExp }> = [
  { families: ["Noto Sans Arabic"], script: /[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/ },
  { families: ["Noto Sans Hebrew"], script: /[\u0590-\u05ff\ufb1d-\ufb4f]/ },
  { families: ["Noto Sans SC", "Noto Sans JP", "Noto Sans KR"], script: /[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3ffff}]/u },
];

/**
 * The font stack (a style's `fontFamily`) of a document whose texts are
 * `text`: Inter, then only the fallbacks its characters need. react-pdf loads
 * every family of a stack for each render, so a proposal in Italian never loads
 * (nor keeps in the worker's memory) the CJK fonts.
 */
export function pdfFontsFor(text: string): string[] {
  return ["Inter", ...FALLBACKS.filter(({ script }) => script.test(text)).flatMap(({ families }) => families), "Helvetica"];
}

/**
 * Emoji as Twemoji PNGs (64 px) from emoji-datasource-twitter, read from
 * node_modules. Its files keep U+FE0F and leading zeros ("0023-fe0f-20e3.png"),
 * react-pdf asks without them ("23-20e3"): an index maps one to the other. A
 * sequence the set lacks (a newer skin tone or ZWJ combination) shows its first
 * emoji; one with no image at all falls back to the fonts (the missing-glyph box).
 */
function emojiFiles(): (code: string) => string {
  const dir = path.join(path.dirname(require.resolve("emoji-datasource-twitter/package.json")), "img", "twitter", "64");
  const index = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".png"))) {
    const code = file
      .slice(0, -4)
      .split("-")
      .filter((c) => c !== "fe0f")
      .map((c) => parseInt(c, 16).toString(16))
      .join("-");
    index.set(code, path.join(dir, file));
  }
  return (code) => index.get(code) ?? index.get(code.split("-")[0]!) ?? path.join(dir, `${code}.png`);
}

/**
 * Glyph runs shaped in this worker thread: a few thousand strings, a few MB
 * (a proposal prints about two thousand distinct runs of text).
 */
const glyphRuns = new GlyphRunCache(Number(process.env.PDF_GLYPH_RUN_CACHE ?? 4000));

/**
 * One parsed copy of each font file, with its shaping cached. react-pdf parses
 * a file once per registration (family and weight): "Helvetica", mapped to
 * Inter, would parse and keep a second copy of each Inter weight (6 MB of
 * file each, many more once parsed), and shape the same strings again.
 * Here every registration of a file loads the first one's font.
 */
function shareAndCacheFonts(): void {
  const first = new Map<string, ReturnType<typeof Font.getFont>>();
  for (const family of Object.values(Font.getRegisteredFonts())) {
    for (const source of family.sources) {
      const original = first.get(source.src);
      if (!original) {
        first.set(source.src, source);
        const load = source.load.bind(source);
        source.load = async () => {
          await load();
          if (source.data) glyphRuns.wrap(source.data as unknown as Shaper);
        };
        continue;
      }
      source.load = async () => {
        await original.load();
        source.data = original.data;
      };
    }
  }
}

let registered = false;

/** Registers the fonts, the emoji images and the line-breaking rule, once per thread (a PDF worker's first job, its warm-up). */
export function registerFonts(): void {
  if (registered) return;
  // Drops react-pdf's own families (Helvetica, Times, Courier: standard fonts, never embedded).
  Font.clear();
  for (const { family, fonts } of families()) Font.register({ family, fonts });
  shareAndCacheFonts();
  Font.registerEmojiSource({ builder: emojiFiles(), withVariationSelectors: false });
  Font.registerHyphenationCallback(breakWord);
  registered = true;
}
