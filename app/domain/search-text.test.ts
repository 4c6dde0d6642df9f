import { describe, expect, it } from "vitest";
import { foldForSearch, leadSearchText } from "./search-text";

describe("foldForSearch", () => {
  it("drops accents and case the way an Italian user types", () => {
    expect(foldForSearch("Nicolò Faà di Bruno")).toBe("nicolo faa di bruno");
    expect(foldForSearch("CITTÀ DI CASTELLO")).toBe("citta di castello");
    expect(foldForSearch("Perché")).toBe("perche");
  });

  it("folds letters NFKD keeps whole, and spaces", () => {
    expect(foldForSearch("Straße  Øre\tŁódź Æsop Œuvre")).toBe("strasse ore lodz aesop oeuvre");
  });

  it("keeps digits and punctuation people search by", () => {
    expect(foldForSearch("info+1@Hotel-Lago.IT")).toBe("info+1@hotel-lago.it");
  });
});

describe("leadSearchText", () => {
  it("joins name, email and organisation, folded", () => {
    expect(leadSearchText({ name: "Nicolò Sanna", email: "nico@trattoria.example", organisation: "Trattoria Così" })).toBe("nicolo sanna nico@trattoria.example trattoria cosi");
  });
});
