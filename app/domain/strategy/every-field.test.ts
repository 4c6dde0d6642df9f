// No question is asked in vain: every field of the questionnaire either changes
// the proposal or is declared "for the team only" in the intake definition.
// The test reads the definition itself, so a new field that is neither used by
// the rules nor declared makes it fail.
import { describe, expect, it } from "vitest";
import { channels, optionSets, stepFields, stepIds, type FieldSpec, type RawAnswers, type StepId } from "../intake/definition";
import { buildProposal } from "./engine";
import { readIntakeAnswers } from "./input";
import { defaultOwnerSettings } from "./settings";

type Stored = Record<string, Record<string, unknown>>;

/** A base prospect in which every conditional step and field is shown. */
function base(): Stored {
  return {
    about: { organisation: "Alfa Srl", sector: "other", size: "s2_9", contactName: "Anna Rossi", email: "anna@example.com", language: "it" },
    audience: { ageBands: [], languages: [] },
    goals: { goal1: "leads", budgetBand: "b500_1000", peakSeasons: [], keyDate: "2027-05-30", keyDateKind: "other" },
    channels: Object.fromEntries(channels.map((c) => [c, "present"])),
    channelDetails: {},
    crisis: { hadCrisis: "yes" },
    crisisDetails: { crisisTypes: [], exposure: [], authorities: "yes" },
    roles: { coverHours: [], materials: [] },
    review: {},
  };
}

function model(stored: Stored) {
  const answers = readIntakeAnswers(JSON.stringify(stored));
  if (!answers) throw new Error("base answers do not parse");
  const about = stored.about!;
  return JSON.stringify(buildProposal({ answers, organisation: String(about.organisation), contactName: String(about.contactName), issuedOn: "2026-11-25" }, defaultOwnerSettings));
}

/** Values to try in place of the base one: every other option, or a value where there was none. */
function alternatives(field: FieldSpec, current: unknown): unknown[] {
  const options = field.options ? [...optionSets[field.options]] : [];
  switch (field.kind) {
    case "select":
    case "radio":
      return options.filter((o) => o !== current);
    case "checkboxes":
      return [...options.map((o) => [o]), options];
    case "number":
      return [4321];
    case "date":
      return ["2027-09-15"];
    case "checkbox":
      return [current === "on" ? undefined : "on"];
    default:
      return [`Testo di prova per ${field.name}`];
  }
}

const presentAll: RawAnswers = { channels: Object.fromEntries(channels.map((c) => [c, "present"])) };

describe("every intake field is used by the proposal or declared for the team only", () => {
  const fields = stepIds.flatMap((step) => stepFields(step, presentAll).map((field) => ({ step, field })));

  it("covers the whole questionnaire", () => {
    expect(fields.length).toBeGreaterThan(60);
    expect(fields.some(({ field }) => field.teamOnly)).toBe(true);
  });

  for (const { step, field } of fields as Array<{ step: StepId; field: FieldSpec }>) {
    const stepName = step === "channelDetails" ? "channelDetails" : step;
    if (field.teamOnly) {
      it(`${stepName}.${field.name} is declared for the team only and changes nothing`, () => {
        const before = model(base());
        for (const value of alternatives(field, base()[stepName]?.[field.name])) {
          const changed = base();
          changed[stepName] = { ...changed[stepName], [field.name]: value };
          // Contact data never reaches the proposal's text: the team reads it on the lead page.
          if (field.name !== "organisation" && field.name !== "contactName") expect(model(changed), `${field.name}=${JSON.stringify(value)}`).toBe(before);
        }
      });
      continue;
    }
    it(`${stepName}.${field.name} changes the proposal`, () => {
      const start = base();
      const before = model(start);
      const tried = alternatives(field, start[stepName]?.[field.name]);
      const changes = tried.filter((value) => {
        const changed = base();
        changed[stepName] = { ...changed[stepName], [field.name]: value };
        return model(changed) !== before;
      });
      expect(changes.length, `no value of ${stepName}.${field.name} changes the proposal: use it in the rules or mark it teamOnly`).toBeGreaterThan(0);
    });
  }
});
