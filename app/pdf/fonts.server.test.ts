import { describe, expect, it } from "vitest";
import { pdfFontsFor } from "./fonts.server";

describe("the font stack of a PDF", () => {
  it("is Inter for Latin, Greek and Cyrillic, with only the fallbacks the document's characters need, and an embedded last resort", () => {
    const latin = pdfFontsFor("Proposta per l'Hotel «Lago» – 1.234,56 € · Καλημέρα · Привет");
    expect(latin.every((family) => family === "Inter" || family === "Helvetica")).toBe(true);
    expect(latin.at(-1)).toBe("Helvetica"); // registered as Inter (embedded), see fonts.server.ts
    expect(pdfFontsFor("مرحبا")).toContain("Noto Sans Arabic");
    expect(pdfFontsFor("שלום")).toContain("Noto Sans Hebrew");
    for (const cjk of ["你好", "こんにちは", "안녕하세요"]) expect(pdfFontsFor(cjk)).toEqual(expect.arrayContaining(["Noto Sans SC", "Noto Sans JP", "Noto Sans KR"]));
    expect(pdfFontsFor("你好")).not.toContain("Noto Sans Arabic");
  });
});
