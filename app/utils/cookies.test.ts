import { describe, expect, it } from "vitest";
import { readCookie } from "./cookies";

describe("readCookie", () => {
  it("finds one cookie among others", () => {
    expect(readCookie("a=1; sb_session=abc123; b=2", "sb_session")).toBe("abc123");
    expect(readCookie('sb_session="abc"', "sb_session")).toBe("abc");
    expect(readCookie("x=%C3%A8", "x")).toBe("è");
    expect(readCookie("a=1", "sb_session")).toBeNull();
    expect(readCookie(null, "sb_session")).toBeNull();
    expect(readCookie("", "sb_session")).toBeNull();
  });

  it("is not thrown off by other cookies' malformed values", () => {
    for (const header of ["other=100%", "other=%E0%A4%A; sb_session=abc123", "junk; =; ==; sb_session=abc123", "other=%; sb_session=abc123"]) {
      expect(() => readCookie(header, "sb_session")).not.toThrow();
    }
    expect(readCookie("other=%E0%A4%A; sb_session=abc123", "sb_session")).toBe("abc123");
    expect(readCookie("sb_session=%zz", "sb_session")).toBeNull();
  });
});
