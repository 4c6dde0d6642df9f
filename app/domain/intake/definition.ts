// The intake questionnaire, as data: steps, fields, choices and when a field or
// a step is shown. Pure: no Remix, no database. The zod schemas (schema.ts), the
// forms, the review page and the lead record are all derived from this.
import { goals } from "../goals";

export const INTAKE_VERSION = "2026.12.2";

export const sectors = ["hospitality", "tourism", "food", "retail", "public_body", "politics", "association", "professional", "software", "manufacturing", "health", "culture", "other"] as const;
export const sizes = ["solo", "s2_9", "s10_49", "s50_249", "s250"] as const;
export const ageBands = ["a13_17", "a18_24", "a25_34", "a35_44", "a45_54", "a55_64", "a65"] as const;
export const audienceLanguages = ["it", "en", "de", "fr", "es", "other"] as const;
export const timeframes = ["m3", "m6", "m12", "none"] as const;
export const budgetBands = ["lt500", "b500_1000", "b1000_2500", "b2500_5000", "gt5000", "unknown"] as const;
export const channels = ["facebook", "instagram", "x", "linkedin", "tiktok", "youtube", "threads", "whatsapp", "newsletter"] as const;
export const channelStatuses = ["none", "present", "wanted", "refused"] as const;
export const frequencies = ["daily", "several_week", "weekly", "monthly", "rarely"] as const;
export const runners = ["self", "staff", "agency", "volunteer", "nobody"] as const;
export const yesNo = ["yes", "no"] as const;
export const crisisTypes = ["shitstorm", "fake_news", "reviews_wave", "internal_leak", "threats", "legal"] as const;
export const crisisScales = ["local", "regional", "national", "international"] as const;
export const exposures = ["public_office", "controversial_sector", "high_visibility", "minors", "none"] as const;
export const responseTimes = ["h1", "h4", "h24", "h48"] as const;
export const coverHours = ["office", "evenings", "weekends", "holidays"] as const;
export const materials = ["photos", "video", "brand_guidelines", "tone_of_voice", "none"] as const;
export const preferredLanguages = ["it", "en"] as const;
export const seasons = ["spring", "summer", "autumn", "winter", "christmas", "allYear"] as const;
export const keyDateKinds = ["election", "event", "launch", "other"] as const;

export type Channel = (typeof channels)[number];

/** Option sets by name; labels are `questionnaire.options.<set>.<value>`. */
export const optionSets = {
  sectors,
  sizes,
  ageBands,
  audienceLanguages,
  goals,
  timeframes,
  budgetBands,
  channelStatuses,
  frequencies,
  runners,
  yesNo,
  crisisTypes,
  crisisScales,
  exposures,
  responseTimes,
  coverHours,
  materials,
  preferredLanguages,
  seasons,
  keyDateKinds,
} as const;
export type OptionSet = keyof typeof optionSets;

/** What the draft keeps per step: the form's own values, strings or lists of strings. */
export type RawStep = Record<string, string | string[] | undefined>;
export type RawAnswers = Partial<Record<StepId, RawStep>>;

/**
 * The longest free text a field takes (crisis stories, personas): long enough for
 * a real answer told in full. Other free-text fields take 2,000 characters, short
 * lines (names, places, targets) 80 to 500: each limit is the field's `max`.
 */
export const MAX_TEXT = 5000;

/** The limit of a text field without its own `max`. */
const DEFAULT_MAX = 500;

/** How many characters a field takes (its `max`, or 500). */
export function fieldLimit(field: Pick<FieldSpec, "max">): number {
  return field.max ?? DEFAULT_MAX;
}

export type FieldKind = "text" | "email" | "tel" | "url" | "textarea" | "number" | "date" | "select" | "radio" | "checkboxes" | "checkbox";

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** Label key under questionnaire.fields (defaults to name). */
  label?: string;
  required?: boolean;
  max?: number;
  options?: OptionSet;
  /** The value the form starts with when nothing was answered (the channels grid's "none"). */
  defaultValue?: string;
  /**
   * Shown only when another field of the same step has `equals` as its (first)
   * value, or any value when `equals` is left out. Data, not a function: the
   * server renders it as attributes and the intake's enhancement script
   * (app/enhance/intake.ts) applies it while the prospect types.
   */
  showWhen?: ShowWhen;
  autoComplete?: string;
  /** For channel details: the channel this field belongs to. */
  group?: Channel;
  /**
   * Declared "for the team only": the proposal does not use it (contact data, consent,
   * the language the proposal is written in); the lead page shows it. Every other field
   * must change the proposal: a unit test enforces it.
   */
  teamOnly?: true;
}

export const stepIds = ["about", "audience", "goals", "channels", "channelDetails", "crisis", "crisisDetails", "roles", "review"] as const;
export type StepId = (typeof stepIds)[number];

/** The seven parts of the domain guide; some parts have a second, conditional screen. */
export const stepPart: Record<StepId, number> = {
  about: 1,
  audience: 2,
  goals: 3,
  channels: 4,
  channelDetails: 4,
  crisis: 5,
  crisisDetails: 5,
  roles: 6,
  review: 7,
};
export const PART_COUNT = 7;

export function isStepId(value: unknown): value is StepId {
  return typeof value === "string" && (stepIds as readonly string[]).includes(value);
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export type ShowWhen = { field: string; equals?: string };

/** Whether a field shows for the step's own values (see FieldSpec.showWhen). */
export function isShown(field: Pick<FieldSpec, "showWhen">, values: RawStep): boolean {
  const when = field.showWhen;
  if (!when) return true;
  const value = first(values[when.field]);
  return when.equals === undefined ? Boolean(value) : value === when.equals;
}

const channelDetailFields = (channel: Channel): FieldSpec[] => [
  { name: `${channel}_handle`, label: "channelHandle", kind: "text", max: 100, group: channel },
  { name: `${channel}_followers`, label: "channelFollowers", kind: "number", group: channel },
  { name: `${channel}_frequency`, label: "channelFrequency", kind: "select", options: "frequencies", group: channel },
  { name: `${channel}_runBy`, label: "channelRunBy", kind: "select", options: "runners", group: channel },
  { name: `${channel}_worked`, label: "channelWorked", kind: "textarea", max: 2000, group: channel },
];

const staticFields: Record<Exclude<StepId, "channelDetails">, FieldSpec[]> = {
  about: [
    { name: "organisation", kind: "text", required: true, max: 160, autoComplete: "organization" },
    { name: "sector", kind: "select", options: "sectors", required: true },
    { name: "sectorOther", kind: "text", max: 80, showWhen: { field: "sector", equals: "other" } },
    { name: "size", kind: "select", options: "sizes", required: true },
    { name: "website", kind: "url", max: 200, autoComplete: "url", teamOnly: true },
    { name: "contactName", kind: "text", required: true, max: 120, autoComplete: "name" },
    { name: "role", kind: "text", max: 80, autoComplete: "organization-title", teamOnly: true },
    { name: "email", kind: "email", required: true, max: 254, autoComplete: "email", teamOnly: true },
    { name: "phone", kind: "tel", max: 30, autoComplete: "tel", teamOnly: true },
    { name: "language", kind: "radio", options: "preferredLanguages", required: true, teamOnly: true },
  ],
  audience: [
    { name: "ageBands", kind: "checkboxes", options: "ageBands" },
    { name: "places", kind: "text", max: 500 },
    { name: "languages", kind: "checkboxes", options: "audienceLanguages" },
    { name: "interests", kind: "textarea", max: 2000 },
    { name: "currentAudience", kind: "textarea", max: 2000 },
    { name: "wantedAudience", kind: "textarea", max: 2000 },
    { name: "personas", kind: "textarea", max: MAX_TEXT },
  ],
  goals: [
    { name: "goal1", kind: "select", options: "goals", required: true },
    { name: "goal2", kind: "select", options: "goals" },
    { name: "goal3", kind: "select", options: "goals" },
    { name: "target", kind: "text", max: 500 },
    { name: "timeframe", kind: "select", options: "timeframes" },
    { name: "budgetBand", kind: "select", options: "budgetBands", required: true },
    { name: "startDate", kind: "date" },
    { name: "peakSeasons", kind: "checkboxes", options: "seasons" },
    { name: "keyDate", kind: "date" },
    { name: "keyDateKind", kind: "select", options: "keyDateKinds", showWhen: { field: "keyDate" } },
    { name: "keyDateLabel", kind: "text", max: 120, showWhen: { field: "keyDate" } },
  ],
  channels: [
    // One row of the channels grid each: "none" until the prospect says otherwise, so no row has to be answered.
    ...channels.map((c): FieldSpec => ({ name: c, label: `channel_${c}`, kind: "radio", options: "channelStatuses", defaultValue: "none" })),
    { name: "channelNotes", kind: "textarea", max: 2000 },
  ],
  crisis: [{ name: "hadCrisis", kind: "radio", options: "yesNo", required: true }],
  crisisDetails: [
    { name: "crisisTypes", kind: "checkboxes", options: "crisisTypes" },
    { name: "crisisWhen", kind: "text", max: 200 },
    { name: "crisisScale", kind: "select", options: "crisisScales" },
    { name: "crisisHandling", kind: "textarea", max: MAX_TEXT },
    { name: "crisisOpen", kind: "radio", options: "yesNo" },
    { name: "authorities", kind: "radio", options: "yesNo" },
    { name: "authoritiesDetail", kind: "textarea", max: 2000, showWhen: { field: "authorities", equals: "yes" } },
    { name: "exposure", kind: "checkboxes", options: "exposures" },
  ],
  roles: [
    { name: "approver", kind: "text", max: 200 },
    { name: "spokesperson", kind: "text", max: 200 },
    { name: "responseTime", kind: "select", options: "responseTimes" },
    { name: "coverHours", kind: "checkboxes", options: "coverHours" },
    { name: "materials", kind: "checkboxes", options: "materials" },
    { name: "toneOfVoice", kind: "textarea", max: 2000 },
  ],
  review: [{ name: "marketingConsent", kind: "checkbox", teamOnly: true }],
};

/** Channels the prospect marked as present (they get a details screen). */
export function presentChannels(answers: RawAnswers): Channel[] {
  const step = answers.channels ?? {};
  return channels.filter((c) => first(step[c]) === "present");
}

/** The fields a step shows, given the answers so far (channel details depend on step 4). */
export function stepFields(step: StepId, answers: RawAnswers): FieldSpec[] {
  if (step === "channelDetails") return presentChannels(answers).flatMap(channelDetailFields);
  return staticFields[step];
}

/** A step's values with each unanswered field's default filled in (what the form starts with). */
export function withDefaults(values: RawStep, fields: FieldSpec[]): RawStep {
  const out: RawStep = { ...values };
  for (const field of fields) if (field.defaultValue !== undefined && (out[field.name] === undefined || out[field.name] === "")) out[field.name] = field.defaultValue;
  return out;
}

/** The steps this prospect goes through, in order. */
export function visibleSteps(answers: RawAnswers): StepId[] {
  return stepIds.filter((step) => {
    if (step === "channelDetails") return presentChannels(answers).length > 0;
    if (step === "crisisDetails") return first(answers.crisis?.hadCrisis) === "yes";
    return true;
  });
}

export function nextStep(step: StepId, answers: RawAnswers): StepId {
  const steps = visibleSteps(answers);
  const index = steps.indexOf(step);
  return steps[Math.min(index + 1, steps.length - 1)] ?? "review";
}

export function previousStep(step: StepId, answers: RawAnswers): StepId | null {
  const steps = visibleSteps(answers);
  const index = steps.indexOf(step);
  return index > 0 ? (steps[index - 1] ?? null) : null;
}

/**
 * Drops every answer the prospect can no longer see: whole steps that are
 * hidden again, fields whose condition no longer holds, channel details for
 * channels no longer present, and anything the form never asked.
 */
export function pruneAnswers(answers: RawAnswers): RawAnswers {
  const pruned: RawAnswers = {};
  for (const step of visibleSteps(answers)) {
    const values = answers[step];
    if (!values) continue;
    const kept: RawStep = {};
    for (const field of stepFields(step, answers)) {
      if (!isShown(field, values)) continue;
      if (values[field.name] !== undefined) kept[field.name] = values[field.name];
    }
    pruned[step] = kept;
  }
  return pruned;
}
