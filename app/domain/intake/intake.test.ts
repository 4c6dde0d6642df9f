import { describe, expect, it } from "vitest";
import { nextStep, previousStep, pruneAnswers, stepFields, visibleSteps, type RawAnswers } from "./definition";
import { checkStep, romeToday, boundRaw } from "./schema";
import { buildLeadRecord } from "./lead-record";
import { complete } from "./fixtures";
import { getT } from "~/i18n/i18n";

const today = "2026-11-25";


describe("questionnaire steps", () => {
  it("show channel details only for channels in use and crisis details only after yes", () => {
    expect(visibleSteps(complete)).toEqual(["about", "audience", "goals", "channels", "channelDetails", "crisis", "crisisDetails", "roles", "review"]);
    const none: RawAnswers = { ...complete, channels: { facebook: "none" }, crisis: { hadCrisis: "no" } };
    expect(visibleSteps(none)).toEqual(["about", "audience", "goals", "channels", "crisis", "roles", "review"]);
    expect(nextStep("channels", none)).toBe("crisis");
    expect(previousStep("roles", none)).toBe("crisis");
    expect(stepFields("channelDetails", complete).map((f) => f.name)).toEqual([
      "facebook_handle", "facebook_followers", "facebook_frequency", "facebook_runBy", "facebook_worked",
      "instagram_handle", "instagram_followers", "instagram_frequency", "instagram_runBy", "instagram_worked",
    ]);
  });

  it("drop stale answers when a question is hidden again", () => {
    const changed: RawAnswers = {
      ...complete,
      about: { ...complete.about, sector: "retail", sectorOther: "Wedding planner" },
      channels: { ...complete.channels, instagram: "none" },
      crisis: { hadCrisis: "no" },
    };
    const pruned = pruneAnswers(changed);
    expect(pruned.about?.sectorOther).toBeUndefined();
    expect(pruned.crisisDetails).toBeUndefined();
    expect(pruned.channelDetails).toEqual({ facebook_followers: "4.800", facebook_frequency: "weekly", facebook_runBy: "staff" });
    // …and the hidden answers no longer block the submit.
    const built = buildLeadRecord({ ...changed, crisisDetails: { crisisScale: "not-a-scale" } }, today);
    expect(built.ok).toBe(true);
  });
});

describe("step validation", () => {
  it("reports each problem with an i18n key", () => {
    const check = checkStep("about", { about: { organisation: "", sector: "banking", size: "s10_49", website: "not a url", contactName: "x".repeat(121), email: "a@", phone: "call me", language: "fr" } }, today);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors).toEqual({
      organisation: ["errors.required"],
      sector: ["errors.choose"],
      website: ["errors.url"],
      contactName: ["errors.tooLong|120"],
      email: ["errors.email"],
      phone: ["errors.phone"],
      language: ["errors.choose"],
    });
  });

  it("offers a manufacturing / B2B sector, validated and labelled in both languages", () => {
    const check = checkStep("about", { about: { ...complete.about, sector: "manufacturing" } }, today);
    expect(check.ok && check.value.sector).toBe("manufacturing");
    expect(getT("it")("questionnaire.options.sectors.manufacturing")).toBe("Industria e B2B");
    expect(getT("en")("questionnaire.options.sectors.manufacturing")).toBe("Manufacturing and B2B");
  });

  it("accepts accents, emoji and HTML as plain text, and normalises what it can", () => {
    const check = checkStep("about", { about: { ...complete.about, organisation: "Caffè <b>Perù</b> ☕️ & Co." } }, today);
    expect(check.ok && check.value).toMatchObject({ organisation: "Caffè <b>Perù</b> ☕️ & Co.", email: "elena@lagoblu.example", website: "https://www.lagoblu.example" });
  });

  it("checks goals are distinct, dates not in the past, numbers whole", () => {
    const goals = checkStep("goals", { goals: { goal1: "leads", goal2: "leads", budgetBand: "unknown", startDate: "2026-11-24" } }, today);
    expect(goals.ok ? null : goals.errors).toEqual({ goal2: ["errors.goalRepeated"], startDate: ["errors.datePast"] });
    const badDate = checkStep("goals", { goals: { goal1: "leads", budgetBand: "unknown", startDate: "2027-02-30" } }, today);
    expect(badDate.ok ? null : badDate.errors).toEqual({ startDate: ["errors.date"] });
    const followers = checkStep("channelDetails", { ...complete, channelDetails: { facebook_followers: "1,5" } }, today);
    expect(followers.ok ? null : followers.errors).toEqual({ facebook_followers: ["errors.number"] });
    // The short forms of a profile page are whole numbers too.
    for (const [typed, count] of [["1,5k", 1500], ["12k", 12000], ["1,2 mila", 1200], ["3.400", 3400]] as const) {
      const short = checkStep("channelDetails", { ...complete, channelDetails: { facebook_followers: typed } }, today);
      expect(short.ok ? short.value.facebook_followers : short.errors, typed).toBe(count);
    }
  });

  it("requires the first crisis question only; a channel left unanswered is 'none'", () => {
    const channels = checkStep("channels", { channels: { facebook: "present" } }, today);
    expect(channels).toMatchObject({ ok: true, value: { facebook: "present", instagram: "none", newsletter: "none" } });
    expect(checkStep("crisis", { crisis: {} }, today)).toEqual({ ok: false, errors: { hadCrisis: ["errors.required"] } });
    expect(checkStep("crisisDetails", { crisis: { hadCrisis: "yes" }, crisisDetails: {} }, today).ok).toBe(true);
  });

  it("bounds what a draft keeps: only the step's fields, capped lengths", () => {
    const fields = stepFields("about", {});
    const bounded = boundRaw({ organisation: "x".repeat(30_000), injected: "nope" }, fields);
    expect(Object.keys(bounded)).toEqual(["organisation"]);
    // Far past any limit (20,000 characters at least, four times the limit): a paste too long is kept whole, an endless post is not.
    expect((bounded.organisation as string).length).toBe(20_000);
  });

  it("knows today's date in Rome", () => {
    expect(romeToday(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});

describe("lead record", () => {
  it("turns a finished questionnaire into filterable columns and rows", () => {
    const built = buildLeadRecord(complete, today);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.record.lead).toMatchObject({
      name: "Elena Riva", email: "elena@lagoblu.example", organisation: "Hotel Lago Blu", goal: "leads", locale: "it",
      sector: "hospitality", size: "s10_49", budgetBand: "b1000_2500", hasCrisis: true, crisisOpen: false, marketingConsent: false,
    });
    expect(built.record.lead.startDate?.toISOString()).toBe("2027-01-15T00:00:00.000Z");
    expect(built.record.goals).toEqual([{ goal: "leads", rank: 1 }, { goal: "awareness", rank: 2 }]);
    expect(built.record.channels).toEqual([
      { channel: "facebook", status: "present", handle: null, followers: 4800, frequency: "weekly", runBy: "staff" },
      { channel: "instagram", status: "present", handle: "@lagoblu", followers: 2300, frequency: null, runBy: null },
      { channel: "linkedin", status: "wanted", handle: null, followers: null, frequency: null, runBy: null },
      { channel: "tiktok", status: "refused", handle: null, followers: null, frequency: null, runBy: null },
    ]);
    expect(JSON.parse(built.record.lead.answers).crisisDetails.crisisTypes).toEqual(["reviews_wave"]);
  });

  it("names the first step that is not complete", () => {
    const built = buildLeadRecord({ ...complete, goals: { goal1: "leads" } }, today);
    expect(built).toEqual({ ok: false, step: "goals", errors: { budgetBand: ["errors.required"] } });
  });
});
