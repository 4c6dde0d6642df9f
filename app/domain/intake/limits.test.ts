import { describe, expect, it } from "vitest";
import { readIntakeAnswers } from "../strategy/input";
import { fieldLimit, MAX_TEXT, stepFields, stepIds, withDefaults, type FieldSpec, type RawAnswers, type StepId } from "./definition";
import { complete } from "./fixtures";
import { buildLeadRecord } from "./lead-record";
import { boundRaw, checkStep } from "./schema";

const today = "2026-11-25";
// Every step with every conditional field showing (a channel in use, a crisis with the authorities involved).
const everything: RawAnswers = { ...complete, about: { ...complete.about, sector: "other" }, goals: { ...complete.goals, keyDate: "2027-05-01" }, crisisDetails: { authorities: "yes" } };
const freeText = stepIds.flatMap((step) => stepFields(step, everything).filter((f) => f.kind === "text" || f.kind === "textarea").map((field) => ({ step, field })));

/** Each limit, chosen for the answer the field asks for (a story, a paragraph, a line, a name). */
const limits: Record<string, number> = {
  organisation: 160, sectorOther: 80, contactName: 120, role: 80,
  places: 500, interests: 2000, currentAudience: 2000, wantedAudience: 2000, personas: 5000,
  target: 500, keyDateLabel: 120, channelNotes: 2000,
  facebook_handle: 100, facebook_worked: 2000, instagram_handle: 100, instagram_worked: 2000,
  crisisWhen: 200, crisisHandling: 5000, authoritiesDetail: 2000,
  approver: 200, spokesperson: 200, toneOfVoice: 2000,
};

describe("free-text limits", () => {
  it("every free-text field has the limit chosen for it; crisis stories and personas take 5,000 characters", () => {
    expect(Object.fromEntries(freeText.map(({ field }) => [field.name, fieldLimit(field)]))).toEqual(limits);
    expect(MAX_TEXT).toBe(5000);
  });

  it.each(freeText)("$field.name takes exactly its limit and refuses one character more with the limit in the message", ({ step, field }) => {
    const limit = fieldLimit(field);
    const at = checkStep(step, { ...everything, [step]: { ...everything[step], [field.name]: "è".repeat(limit) } }, today);
    expect(at.ok ? [] : (at.errors[field.name] ?? []), "at the limit").toEqual([]);
    const over = checkStep(step, { ...everything, [step]: { ...everything[step], [field.name]: "è".repeat(limit + 1) } }, today);
    expect(over.ok ? [] : over.errors[field.name]).toEqual([`errors.tooLong|${limit}`]);
  });

  it("a draft keeps a 10,000-character paste whole (the message asks to shorten it, nothing is cut)", () => {
    const personas: FieldSpec = stepFields("audience", {}).find((f) => f.name === "personas")!;
    const paste = "Una persona tipo, raccontata per bene. ".repeat(257).slice(0, 10_000);
    expect(boundRaw({ personas: paste }, [personas]).personas).toBe(paste);
  });

  it("the longest answers reach the lead and the strategy engine whole", () => {
    const story = "c".repeat(MAX_TEXT);
    const answers: RawAnswers = { ...complete, audience: { ...complete.audience, personas: story }, crisisDetails: { ...complete.crisisDetails, crisisHandling: story } };
    const built = buildLeadRecord(answers, today);
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const read = readIntakeAnswers(built.record.lead.answers);
    expect(read?.audience.personas).toBe(story);
    expect(read?.crisisDetails?.crisisHandling).toBe(story);
  });
});

describe("the channels grid", () => {
  it("starts every channel at 'none', needs no answer, and a lead has only the channels marked", () => {
    const fields = stepFields("channels", {});
    expect(withDefaults({ instagram: "present" }, fields)).toMatchObject({ facebook: "none", instagram: "present", newsletter: "none" });
    expect(checkStep("channels", {}, today)).toMatchObject({ ok: true });
    const built = buildLeadRecord({ ...complete, channels: { tiktok: "refused" }, channelDetails: {} }, today);
    expect(built.ok && built.record.channels.map((c) => [c.channel, c.status])).toEqual([["tiktok", "refused"]]);
  });

  it.each<[StepId, string]>([["channels", "maybe"]])("still refuses a status that is not one (%s: %s)", (step, value) => {
    expect(checkStep(step, { channels: { facebook: value } }, today)).toMatchObject({ ok: false, errors: { facebook: ["errors.choose"] } });
  });
});
