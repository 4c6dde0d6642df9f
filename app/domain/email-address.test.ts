import { describe, expect, it } from "vitest";
import { asciiEmail, isEmailAddress, normaliseEmail } from "./email-address";

describe("email addresses with international domains", () => {
  it.each([
    // What Chromium posts for an <input type="email"> is read back as typed.
    ["info@xn--caff-8oa.it", "info@caffè.it"],
    ["Info@Caffè.IT", "info@caffè.it"],
    ["  INFO@CAFFÈ.IT ", "info@caffè.it"],
    ["anna@xn--mnchen-3ya.de", "anna@münchen.de"],
    // NFD (e + combining grave) and NFC are one address.
    ["info@caffe\u0300.it", "info@caffè.it"],
    ["Elena@LagoBlu.example", "elena@lagoblu.example"],
  ])("%j is stored and shown as %j", (typed, stored) => {
    expect(normaliseEmail(typed)).toBe(stored);
    expect(isEmailAddress(stored)).toBe(true);
  });

  it("gives mail servers the punycode form", () => {
    expect(asciiEmail("info@caffè.it")).toBe("info@xn--caff-8oa.it");
    expect(asciiEmail("elena@lagoblu.example")).toBe("elena@lagoblu.example");
  });

  it("refuses what is not an address, Unicode or not", () => {
    for (const bad of ["@", "a@b", "caffè.it", "info@caffè", "info@@caffè.it", "<script>@x.it", "nicolò@caffè.it", "info@caffè..it"]) expect(isEmailAddress(normaliseEmail(bad)), bad).toBe(false);
  });
});
