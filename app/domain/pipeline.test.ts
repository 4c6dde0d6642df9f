import { describe, expect, it } from "vitest";
import { defaultFilters, filtersToSearch, isFiltered, pageCount, parseFilters, statusSlices } from "./pipeline";

const parse = (query: string) => parseFilters(new URLSearchParams(query));

describe("pipeline filters in the URL", () => {
  it("reads every filter, the sort and the page", () => {
    expect(parse("q=  Lago   Blu &status=reviewing&sector=hospitality&channel=instagram&goal=leads&crisis=open&budget=b1000_2500&from=2026-01-01&to=2026-03-31&assignee=me&sort=name&page=3")).toEqual({
      q: "Lago Blu",
      status: "reviewing",
      sector: "hospitality",
      channel: "instagram",
      goal: "leads",
      crisis: "open",
      budget: "b1000_2500",
      from: "2026-01-01",
      to: "2026-03-31",
      assignee: "me",
      sort: "name",
      page: 3,
    });
  });

  it("drops what is not one of the choices instead of failing", () => {
    expect(parse("status=won&sector=banks&channel=myspace&goal=fame&crisis=maybe&budget=lots&from=2026-02-30&to=yesterday&sort=random&page=-4&assignee=<script>")).toEqual(defaultFilters);
    expect(parse("page=abc").page).toBe(1);
    expect(parse(`q=${"x".repeat(500)}`).q).toHaveLength(100);
  });

  it("accepts the in-progress view and swaps reversed dates", () => {
    expect(parse("status=in_progress").status).toBe("in_progress");
    expect(parse("from=2026-05-10&to=2026-05-01")).toMatchObject({ from: "2026-05-01", to: "2026-05-10" });
  });

  it("writes a canonical query string that reads back the same", () => {
    const f = parse("sort=status&q=rossi&status=new&page=2&sector=politics");
    const search = filtersToSearch(f);
    expect(search).toBe("?q=rossi&status=new&sector=politics&sort=status&page=2");
    expect(parseFilters(new URLSearchParams(search.slice(1)))).toEqual(f);
    expect(filtersToSearch(defaultFilters)).toBe("");
    expect(filtersToSearch(f, { page: 1, status: null })).toBe("?q=rossi&sector=politics&sort=status");
  });

  it("knows when a view is narrowed", () => {
    expect(isFiltered(defaultFilters)).toBe(false);
    expect(isFiltered({ ...defaultFilters, sort: "name", page: 4 })).toBe(false);
    expect(isFiltered({ ...defaultFilters, crisis: "no" })).toBe(true);
  });

  it("counts pages", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(25)).toBe(1);
    expect(pageCount(26)).toBe(2);
    expect(pageCount(10_000)).toBe(400);
  });
});

describe("status sort slices", () => {
  const counts = { new: 30, reviewing: 10, proposal_sent: 0, accepted: 5, lost: 100 };

  it("takes a page across statuses in pipeline order", () => {
    expect(statusSlices(counts, 0, 25)).toEqual([{ status: "new", skip: 0, take: 25 }]);
    expect(statusSlices(counts, 25, 25)).toEqual([
      { status: "new", skip: 25, take: 5 },
      { status: "reviewing", skip: 0, take: 10 },
      { status: "accepted", skip: 0, take: 5 },
      { status: "lost", skip: 0, take: 5 },
    ]);
    expect(statusSlices(counts, 140, 25)).toEqual([{ status: "lost", skip: 95, take: 5 }]);
    expect(statusSlices(counts, 500, 25)).toEqual([]);
  });

  it("covers every lead exactly once over all pages", () => {
    const seen: string[] = [];
    for (let skip = 0; skip < 145; skip += 25) for (const s of statusSlices(counts, skip, 25)) for (let i = 0; i < s.take; i++) seen.push(`${s.status}${s.skip + i}`);
    expect(seen).toHaveLength(145);
    expect(new Set(seen).size).toBe(145);
  });
});
