import { describe, expect, it } from "vitest";
import { slug } from "./slug";

describe("slug", () => {
  it("keeps letters and digits, folded, joined by single dashes", () => {
    expect(slug("Hotel Lago Blu")).toBe("hotel-lago-blu");
    expect(slug("  Città & Co. — 2027 ")).toBe("citta-co-2027");
    expect(slug("Straße_Nord")).toBe("strasse-nord");
  });

  it("is empty when nothing is left, so callers choose the fallback", () => {
    expect(slug("«»—!")).toBe("");
  });
});
