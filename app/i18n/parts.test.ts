import { describe, expect, it } from "vitest";
import { it as itMessages } from "./locales/it";
import { en } from "./locales/en";
import { coreOf, covered, EVERYTHING, isPartName, normaliseParts, partsForHandles, pickParts, SECTIONS } from "./parts";

describe("partsForHandles", () => {
  it("joins what the matched routes name, outermost first", () => {
    expect(partsForHandles([undefined, { i18n: ["account.nav", "email.nav"] }, { i18n: ["questionnaire"] }])).toEqual(["account.nav", "email.nav", "questionnaire"]);
  });

  it("ships every section when the page's own route names nothing", () => {
    expect(partsForHandles([undefined, { i18n: ["account.nav"] }, undefined])).toEqual([EVERYTHING]);
    expect(partsForHandles([undefined, { i18n: ["account.nav"] }, { other: true }])).toEqual([EVERYTHING]);
  });

  it("an empty list on the page's route means the core and its layouts' parts only", () => {
    expect(partsForHandles([{ i18n: ["email.nav"] }, { i18n: [] }])).toEqual(["email.nav"]);
  });
});

describe("normaliseParts", () => {
  it("sorts, removes duplicates and parts inside another one", () => {
    expect(normaliseParts(["plan.packages", "payment", "plan", "payment", "planner"])).toEqual(["payment", "plan", "planner"]);
    expect(normaliseParts(["plan", EVERYTHING])).toEqual([EVERYTHING]);
  });
});

describe("isPartName", () => {
  it("takes dotted key paths and *", () => {
    expect(isPartName("settings.dashboard.nav")).toBe(true);
    expect(isPartName("*")).toBe(true);
    for (const bad of ["", "a..b", ".a", "a.", "__proto__", "a b", "x".repeat(81), "../etc"]) expect(isPartName(bad), bad).toBe(false);
  });
});

describe("pickParts", () => {
  it("gives the core and the named sub-trees, in the dictionary's shape", () => {
    const words = pickParts(itMessages, ["account.nav", "settings.nav", "questionnaire"]);
    expect(words.nav).toEqual(itMessages.nav);
    expect(words.errors).toEqual(itMessages.errors);
    expect(words.questionnaire).toEqual(itMessages.questionnaire);
    expect(words.account).toEqual({ nav: itMessages.account.nav });
    expect(words.settings).toEqual({ nav: itMessages.settings.nav });
    expect(words.plan).toBeUndefined();
    expect(words.email).toBeUndefined();
  });

  it("leaves out unknown paths and never the prototype", () => {
    expect(pickParts(en, ["nope", "plan.nope", "constructor", "__proto__"], false)).toEqual({});
  });

  it("without the core: only what was asked for", () => {
    expect(Object.keys(pickParts(en, ["payment"], false))).toEqual(["payment"]);
  });

  it("* is every word (with the core) or every section (without it)", () => {
    expect(pickParts(en, [EVERYTHING])).toBe(en);
    expect(Object.keys(pickParts(en, [EVERYTHING], false)).sort()).toEqual([...SECTIONS].sort());
  });

  it("the core is small next to the whole dictionary", () => {
    const core = JSON.stringify(coreOf(itMessages)).length;
    expect(core).toBeLessThan(JSON.stringify(itMessages).length / 10);
    expect(Object.keys(coreOf(itMessages))).not.toContain("plan");
  });
});

describe("covered", () => {
  it("a loaded part covers itself and what is inside it", () => {
    const loaded = new Set(["core", "plan", "settings.nav"]);
    expect(covered(loaded, "plan")).toBe(true);
    expect(covered(loaded, "plan.packages")).toBe(true);
    expect(covered(loaded, "settings.nav")).toBe(true);
    expect(covered(loaded, "settings")).toBe(false);
    expect(covered(loaded, "planner")).toBe(false);
    expect(covered(new Set([EVERYTHING]), "anything")).toBe(true);
  });
});
