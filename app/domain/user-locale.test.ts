import { describe, expect, it } from "vitest";
import { groupByLocale, userLocale } from "./user-locale";

describe("userLocale", () => {
  it("keeps a supported language", () => {
    expect(userLocale("it")).toBe("it");
    expect(userLocale("en")).toBe("en");
  });

  it("reads anything else as Italian", () => {
    for (const stored of ["de", "", "EN", " en", null, undefined]) expect(userLocale(stored)).toBe("it");
  });
});

describe("groupByLocale", () => {
  it("splits the recipients by language, in the order each language first appears, keeping their order", () => {
    const owners = [
      { id: "a", locale: "en" },
      { id: "b", locale: "it" },
      { id: "c", locale: "en" },
      { id: "d", locale: "xx" },
    ];
    expect(groupByLocale(owners)).toEqual([
      { locale: "en", recipients: [owners[0], owners[2]] },
      { locale: "it", recipients: [owners[1], owners[3]] },
    ]);
  });

  it("gives no group for nobody", () => {
    expect(groupByLocale([])).toEqual([]);
  });
});
