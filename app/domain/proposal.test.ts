import { describe, expect, it } from "vitest";
import { goals } from "./goals";
import { buildShortProposal, RULES_VERSION, validUntil } from "./proposal";
import { proposalText } from "./proposal-text";
import { getT } from "~/i18n/i18n";

describe("short proposal rules", () => {
  it("give the same proposal for the same answers, stamped with the rules version", () => {
    expect(buildShortProposal({ goal: "leads" })).toEqual(buildShortProposal({ goal: "leads" }));
    expect(buildShortProposal({ goal: "leads" }).rulesVersion).toBe(RULES_VERSION);
  });

  it("recommend three distinct channels, each with a reason, for every goal", () => {
    for (const goal of goals) {
      const { channels } = buildShortProposal({ goal });
      expect(channels).toHaveLength(3);
      expect(new Set(channels.map((c) => c.channel)).size).toBe(3);
    }
  });

  it("put the professional network first for hiring and owned audiences forward for sales", () => {
    expect(buildShortProposal({ goal: "recruiting" }).channels[0]?.channel).toBe("linkedin");
    expect(buildShortProposal({ goal: "leads" }).channels.map((c) => c.channel)).toContain("newsletter");
    expect(buildShortProposal({ goal: "civic" }).channels.map((c) => c.channel)).not.toContain("tiktok");
  });

  it("turn into fully translated text in both languages (no raw keys)", () => {
    for (const locale of ["it", "en"] as const) {
      for (const goal of goals) {
        const text = proposalText({ name: "A", organisation: "B", goal, createdAt: new Date("2026-01-10T10:00:00Z") }, getT(locale), locale);
        const all = JSON.stringify(text);
        expect(all).not.toMatch(/"(strategy|goals|proposal)\.[a-zA-Z.]+"/);
        expect(text.channels.every((c) => c.reason.length > 20)).toBe(true);
      }
    }
  });

  it("is valid for 30 days from the request", () => {
    const text = proposalText({ name: "A", organisation: "B", goal: "leads", createdAt: new Date("2026-01-10T10:00:00Z") }, getT("it"), "it");
    expect(text.validUntil).toBe("Valida fino al 9 febbraio 2026");
    expect(validUntil(new Date("2026-01-01T00:00:00Z"), 1).toISOString()).toBe("2026-01-02T00:00:00.000Z");
  });
});
