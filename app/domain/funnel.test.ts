import { describe, expect, it } from "vitest";
import { addDays, funnel, parsePeriod } from "./funnel";

describe("funnel", () => {
  it("gives each stage its share of the previous one and of the start", () => {
    const rows = funnel({ started: 200, submitted: 80, proposalSent: 40, accepted: 10, paid: 8 });
    expect(rows.map((r) => [r.stage, r.count, r.fromPrevious, r.fromStart])).toEqual([
      ["started", 200, null, 1],
      ["submitted", 80, 0.4, 0.4],
      ["proposalSent", 40, 0.5, 0.2],
      ["accepted", 10, 0.25, 0.05],
      ["paid", 8, 0.8, 0.04],
    ]);
  });

  it("never divides by zero", () => {
    const rows = funnel({ started: 0, submitted: 0, proposalSent: 0, accepted: 0, paid: 0 });
    expect(rows.every((r) => r.fromStart === null)).toBe(true);
    expect(rows.slice(1).every((r) => r.fromPrevious === null)).toBe(true);
  });
});

describe("parsePeriod", () => {
  it("defaults to the 30 days ending today and swaps reversed bounds", () => {
    expect(parsePeriod(null, null, "2026-11-25")).toEqual({ from: "2026-10-27", to: "2026-11-25" });
    expect(parsePeriod("2026-12-01", "2026-11-01", "2026-11-25")).toEqual({ from: "2026-11-01", to: "2026-12-01" });
    expect(parsePeriod("yesterday", "2026-02-30", "2026-11-25")).toEqual({ from: "2026-10-27", to: "2026-11-25" });
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
