import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps local paths with their query and fragment", () => {
    expect(safeRedirect("/it/owner?x=1", "/it")).toBe("/it/owner?x=1");
    expect(safeRedirect("/en/owner/leads/abc#payments", "/en")).toBe("/en/owner/leads/abc#payments");
    expect(safeRedirect("/it/owner?q=caff%C3%A8", "/it")).toBe("/it/owner?q=caff%C3%A8");
    // Non-ASCII comes back percent-encoded, so it is a valid Location header.
    expect(safeRedirect("/it/owner?q=caffè", "/it")).toBe("/it/owner?q=caff%C3%A8");
  });

  it("refuses every way of pointing at another site", () => {
    const bad = [
      "//evil.example",
      "https://evil.example",
      "http:evil.example",
      "javascript:alert(1)",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example/",
      "/\n/evil.example/",
      "/\r\n/evil.example/",
      "\t//evil.example/",
      " //evil.example/",
      "/ /evil.example/",
      "/\u0000/evil.example/",
      "/\u00a0/evil.example/",
      "/\\/evil.example/",
      "/%09/evil.example/\u000b",
      "evil.example",
      "",
      null,
      undefined,
      "/".padEnd(2001, "a"),
    ];
    for (const to of bad) expect(safeRedirect(to, "/it"), JSON.stringify(to)).toBe("/it");
  });

  it("leaves encoded look-alikes as harmless local paths", () => {
    // Percent-encoded tabs and slashes are not decoded by browsers in a Location path.
    for (const to of ["/%09/evil.example/", "/%2F%2Fevil.example", "/%5C%5Cevil.example", "/%5Cevil.example"]) {
      const result = safeRedirect(to, "/it");
      expect(result.startsWith("/") && !result.startsWith("//"), to).toBe(true);
      expect(new URL(result, "https://brief.example.it").host).toBe("brief.example.it");
    }
  });

  it("resolves dot segments without leaving the site", () => {
    expect(safeRedirect("/it/../en/owner", "/it")).toBe("/en/owner");
    expect(safeRedirect("/./evil.example", "/it")).toBe("/evil.example");
    expect(safeRedirect("/..//evil.example", "/it")).toBe("/it");
  });
});
