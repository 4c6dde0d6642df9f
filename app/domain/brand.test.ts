import { describe, expect, it } from "vitest";
import { brandContrastProblems, brandCssVariables, contrastRatio, defaultBrandColors, readableBrand, readableOn, sniffLogoType } from "./brand";

describe("brand colours", () => {
  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    expect(contrastRatio("#1f3a5f", "#ffffff")).toBeGreaterThan(11);
  });

  it("refuses a main colour too light for white text and an accent too close to the main colour", () => {
    expect(brandContrastProblems(defaultBrandColors)).toEqual({});
    expect(brandContrastProblems({ primaryColor: "#7fb3d5", accentColor: "#ffffff" })).toEqual({ primaryColor: "primaryContrast" });
    // The old default accent (#b7791f) on the default navy is 3.2:1.
    expect(brandContrastProblems({ primaryColor: "#1f3a5f", accentColor: "#b7791f" })).toEqual({ accentColor: "accentContrast" });
    expect(brandContrastProblems({ primaryColor: "#0b4f6c", accentColor: "#ffd166" })).toEqual({});
  });

  it("falls back to readable colours for stored settings that fail, and darkens an accent used as text on white", () => {
    expect(readableBrand({ primaryColor: "#ffff00", accentColor: "#000000" })).toEqual(defaultBrandColors);
    expect(readableBrand({ primaryColor: "#1f3a5f", accentColor: "#b7791f" })).toEqual({ primaryColor: "#1f3a5f", accentColor: "#f4b860" });
    const ink = readableOn("#f4b860");
    expect(contrastRatio(ink, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(readableOn("#1f3a5f")).toBe("#1f3a5f");
  });

  it("sets CSS variables only for the owner's own colours", () => {
    expect(brandCssVariables(defaultBrandColors)).toEqual({});
    const vars = brandCssVariables({ primaryColor: "#7a1f3d", accentColor: "#ffd166" });
    expect(vars["--navy"]).toBe("#7a1f3d");
    expect(vars["--amber"]).toBe("#ffd166");
    expect(contrastRatio(vars["--amber-ink"]!, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(vars["--navy-dark"]!, "#ffffff")).toBeGreaterThan(contrastRatio("#7a1f3d", "#ffffff"));
  });
});

describe("logo file type", () => {
  it("trusts the first bytes, not the name or the declared type", () => {
    expect(sniffLogoType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffLogoType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffLogoType(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(sniffLogoType(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(sniffLogoType(new Uint8Array([]))).toBeNull();
  });
});
