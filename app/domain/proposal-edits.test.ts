import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { proposalReviewSchema } from "./proposal-edits";

const priceKeys = ["onboarding", "package-completo", "addon-ads"];

function submit(locale: "it" | "en", fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  const submission = parseWithZod(formData, { schema: proposalReviewSchema(priceKeys, locale) });
  return submission.status === "success" ? { ok: true as const, value: submission.value } : { ok: false as const, error: submission.error };
}

describe("the proposal review form: what is typed → the edits saved, or the messages", () => {
  const cases: Array<[string, "it" | "en", Record<string, string>, unknown]> = [
    ["nothing typed: save, no edits, no prices", "it", {}, { ok: true, value: { intent: "save", expectedVersion: undefined, edits: {}, prices: {} } }],
    [
      "texts and prices as typed, and the version seen",
      "it",
      { intent: "send", expectedVersion: "2", "part-summary": "Il nostro piano.", "part-terms": "   ", "price-onboarding": "1.250,50", "price-addon-ads": "" },
      { ok: true, value: { intent: "send", expectedVersion: 2, edits: { summary: "Il nostro piano." }, prices: { onboarding: 125050 } } },
    ],
    ["prices in the English format", "en", { "price-package-completo": "1,600.00" }, { ok: true, value: { intent: "save", edits: {}, prices: { "package-completo": 160000 } } }],
    ["a version that is not a number is not a version", "it", { expectedVersion: "7a" }, { ok: true, value: { intent: "save", expectedVersion: undefined, edits: {}, prices: {} } }],
    ["a price key the proposal does not have is ignored", "it", { "price-package-nope": "10" }, { ok: true, value: { intent: "save", edits: {}, prices: {} } }],
    ["a price that is not an amount", "it", { "price-onboarding": "cinquecento", "price-addon-ads": "1,234.56" }, { ok: false, error: { "price-onboarding": ["settings.review.badPrice"], "price-addon-ads": ["settings.review.badPrice"] } }],
    ["an intent the page does not have", "it", { intent: "delete" }, { ok: false, error: { intent: [expect.any(String)] } }],
  ];
  it.each(cases)("%s", (_name, locale, fields, expected) => {
    expect(submit(locale, fields)).toMatchObject(expected as object);
  });

  it("keeps a part's text to 5,000 characters", () => {
    const result = submit("it", { "part-summary": "a".repeat(6000) });
    expect(result.ok && result.value.edits.summary).toHaveLength(5000);
  });
});
