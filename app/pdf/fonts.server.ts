import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Font } from "@react-pdf/renderer";
import { woffToSfnt } from "./woff-to-sfnt.server";

const require = createRequire(import.meta.url);
let registered = false;

/** Inter from @fontsource (in node_modules, nothing fetched): accents and € included. */
export function registerFonts(): void {
  if (registered) return;
  // Converted to TrueType once, in memory (see woff-to-sfnt.server.ts for why).
  const file = (weight: number) => {
    const woff = readFileSync(require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`));
    return `data:font/ttf;base64,${woffToSfnt(woff).toString("base64")}`;
  };
  Font.register({
    family: "Inter",
    fonts: [
      { src: file(400), fontWeight: 400 },
      { src: file(600), fontWeight: 600 },
      { src: file(700), fontWeight: 700 },
    ],
  });
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}
