import { describe, expect, it } from "vitest";
import { addWorkingDays, easterMonday, easterSunday, isItalianHoliday, isWorkingDay } from "./working-days";

describe("Easter", () => {
  it.each([
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("falls in %i on %s", (year, day) => {
    expect(easterSunday(year)).toBe(day);
  });

  it("gives Easter Monday the day after, across a month end", () => {
    expect(easterMonday(2024)).toBe("2024-04-01");
    expect(easterMonday(2026)).toBe("2026-04-06");
    // 2038: Easter on Liberation Day, Easter Monday the 26th.
    expect(easterMonday(2038)).toBe("2038-04-26");
  });
});

describe("working days", () => {
  it("knows every national holiday", () => {
    for (const day of ["2026-01-01", "2026-01-06", "2026-04-06", "2026-04-25", "2026-05-01", "2026-06-02", "2026-08-15", "2026-11-01", "2026-12-08", "2026-12-25", "2026-12-26"]) {
      expect(isItalianHoliday(day), day).toBe(true);
    }
    expect(isItalianHoliday("2026-04-05")).toBe(false); // Easter Sunday is a Sunday, not in the list
    expect(isItalianHoliday("2025-04-06")).toBe(false); // Easter Monday moves every year
    expect(isItalianHoliday("2025-04-21")).toBe(true);
    expect(isItalianHoliday("2026-03-19")).toBe(false);
  });

  it("skips weekends and holidays", () => {
    expect(isWorkingDay("2026-03-13")).toBe(true); // Friday
    expect(isWorkingDay("2026-03-14")).toBe(false); // Saturday
    expect(isWorkingDay("2026-03-15")).toBe(false); // Sunday
    expect(isWorkingDay("2026-06-02")).toBe(false); // Tuesday, Festa della Repubblica
  });

  it.each([
    ["2026-03-10", 3, "2026-03-13"], // Tuesday + 3 = Friday
    ["2026-03-13", 1, "2026-03-16"], // Friday + 1 = Monday
    ["2026-03-13", 3, "2026-03-18"], // Friday + 3 = Wednesday
    ["2026-03-14", 1, "2026-03-16"], // Saturday + 1 = Monday
    ["2026-03-15", 3, "2026-03-18"], // Sunday + 3 = Wednesday
    ["2026-04-02", 2, "2026-04-07"], // Thursday before Easter: Friday, (weekend, Easter Monday) Tuesday
    ["2026-04-23", 2, "2026-04-27"], // 24 Apr Friday, 25 Apr Saturday anyway, Monday 27
    ["2026-04-30", 1, "2026-05-04"], // 1 May Friday, then the weekend
    ["2025-12-23", 3, "2025-12-30"], // 24, (25, 26, weekend) 29, 30
    ["2025-12-31", 1, "2026-01-02"], // over New Year's Day into the next year
    ["2026-01-05", 1, "2026-01-07"], // Epiphany
    ["2026-08-14", 1, "2026-08-17"], // Ferragosto on a Saturday: Monday
    ["2026-12-07", 1, "2026-12-09"], // Immacolata
    ["2026-03-10", 0, "2026-03-10"],
    ["2026-03-02", 30, "2026-04-14"], // 30 days: 6 weeks less Easter Monday
  ])("%s + %i working days = %s", (from, count, to) => {
    expect(addWorkingDays(from, count)).toBe(to);
  });

  it("refuses what is not a day or a count", () => {
    expect(() => addWorkingDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => addWorkingDays("13/03/2026", 1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-03-13", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-03-13", 1.5)).toThrow(RangeError);
  });
});
