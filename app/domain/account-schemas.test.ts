import { describe, expect, it } from "vitest";
import { AccountActionSchema, LanguageSchema } from "./account-schemas";

describe("the language of your emails (account page)", () => {
  it("takes Italian or English", () => {
    expect(LanguageSchema.parse({ intent: "language", locale: "it" })).toEqual({ intent: "language", locale: "it" });
    expect(AccountActionSchema.parse({ intent: "language", locale: "en" })).toEqual({ intent: "language", locale: "en" });
  });

  it("refuses another language, an empty or missing one, or another spelling, with the translated key on the field", () => {
    for (const locale of ["de", "", undefined, "EN", " en", ["en", "it"]]) {
      const result = AccountActionSchema.safeParse({ intent: "language", locale });
      expect(result.success, JSON.stringify(locale)).toBe(false);
      expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["locale", "account.errors.localeInvalid"]]);
    }
  });
});
