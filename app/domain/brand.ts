// The owner's brand: colour contrast (WCAG 2.x) and the logo's file type.
// Pure functions, shared by the settings form, the web pages and the PDF.

export const WCAG_AA = 4.5;

const HEX = /^#[0-9a-fA-F]{6}$/;

export function isHexColor(value: string): boolean {
  return HEX.test(value);
}

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(rgb: [number, number, number]): string {
  return `#${rgb.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, "0")).join("")}`;
}

/** Relative luminance (WCAG 2.x). */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio between two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Mixes a colour with black (amount 0…1). */
export function darken(hex: string, amount: number): string {
  return toHex(channels(hex).map((c) => c * (1 - amount)) as [number, number, number]);
}

/** The colour itself when it reads as text on `background` (AA), else the lightest darker shade of it that does. */
export function readableOn(hex: string, background = "#ffffff"): string {
  if (contrastRatio(hex, background) >= WCAG_AA) return hex;
  for (let step = 1; step <= 100; step++) {
    const shade = darken(hex, step / 100);
    if (contrastRatio(shade, background) >= WCAG_AA) return shade;
  }
  return "#000000";
}

export interface BrandColors {
  primaryColor: string;
  accentColor: string;
}

/** What the owner's colours are drawn with: white text on the main colour; the accent as text (and as a fill under main-colour text) on the main colour. */
export type ColorProblem = "primaryContrast" | "accentContrast";

/** The contrast problems of a pair of brand colours (empty when both pass WCAG AA). */
export function brandContrastProblems({ primaryColor, accentColor }: BrandColors): { primaryColor?: ColorProblem; accentColor?: ColorProblem } {
  const problems: { primaryColor?: ColorProblem; accentColor?: ColorProblem } = {};
  if (!isHexColor(primaryColor) || !isHexColor(accentColor)) return problems;
  if (contrastRatio(primaryColor, "#ffffff") < WCAG_AA) problems.primaryColor = "primaryContrast";
  else if (contrastRatio(accentColor, primaryColor) < WCAG_AA) problems.accentColor = "accentContrast";
  return problems;
}

/** The product's own colours: what pages and PDFs fall back to when stored colours are unreadable. */
export const defaultBrandColors: BrandColors = { primaryColor: "#1f3a5f", accentColor: "#f4b860" };

/** The stored colours when they pass the contrast checks (settings saved before the check existed may not), else the defaults. */
export function readableBrand(colors: BrandColors): BrandColors {
  if (!isHexColor(colors.primaryColor) || !isHexColor(colors.accentColor)) return defaultBrandColors;
  const problems = brandContrastProblems(colors);
  if (problems.primaryColor) return defaultBrandColors;
  if (problems.accentColor) {
    // Keep the main colour; take the default accent if it reads on it, else both defaults.
    const fallback = { primaryColor: colors.primaryColor, accentColor: defaultBrandColors.accentColor };
    return brandContrastProblems(fallback).accentColor ? defaultBrandColors : fallback;
  }
  return colors;
}

/** CSS custom properties for the web pages (the names app.css uses). */
export function brandCssVariables(colors: BrandColors): Record<string, string> {
  const { primaryColor, accentColor } = readableBrand(colors);
  // The product's own colours keep app.css's hand-picked shades.
  if (primaryColor === defaultBrandColors.primaryColor && accentColor === defaultBrandColors.accentColor) return {};
  return {
    "--navy": primaryColor,
    "--navy-dark": darken(primaryColor, 0.25),
    "--amber": accentColor,
    "--amber-ink": readableOn(accentColor),
  };
}

export const LOGO_MAX_BYTES = 512 * 1024;
export type LogoType = "image/png" | "image/jpeg";

/** The image type from the file's first bytes (PNG or JPEG), whatever name or type the browser sent. */
export function sniffLogoType(bytes: Uint8Array): LogoType | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  return null;
}
