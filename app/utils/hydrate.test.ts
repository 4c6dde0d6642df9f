import { describe, expect, it } from "vitest";
import { pageHydrates } from "./hydrate";

describe("pageHydrates", () => {
  it("hydrates a page whose routes say nothing", () => {
    expect(pageHydrates([])).toBe(true);
    expect(pageHydrates([undefined, { i18n: ["questionnaire"] }, null])).toBe(true);
  });
  it("does not hydrate when the leaf route opts out, whatever the layouts say nothing about", () => {
    expect(pageHydrates([undefined, { i18n: ["nav"] }, { i18n: ["questionnaire"], hydrate: false }])).toBe(false);
  });
  it("lets the deepest route that names the flag decide", () => {
    expect(pageHydrates([{ hydrate: false }, { hydrate: true }])).toBe(true);
    expect(pageHydrates([{ hydrate: false }, { i18n: [] }])).toBe(false);
  });
  it("ignores a flag that is not a boolean", () => {
    expect(pageHydrates([{ hydrate: "no" }, { hydrate: 0 }])).toBe(true);
  });
});
