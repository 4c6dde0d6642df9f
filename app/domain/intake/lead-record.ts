// From a finished draft to what the database stores: lead columns the owner
// can filter on, ranked goals and channels as rows, and every answer as JSON.
import type { Goal } from "../goals";
import { channels, INTAKE_VERSION, pruneAnswers, visibleSteps, type RawAnswers, type StepId } from "./definition";
import { checkStep } from "./schema";

export interface LeadRecord {
  lead: {
    name: string;
    email: string;
    organisation: string;
    goal: Goal;
    locale: string;
    sector: string;
    size: string;
    website: string | null;
    role: string | null;
    phone: string | null;
    budgetBand: string;
    startDate: Date | null;
    hasCrisis: boolean;
    crisisOpen: boolean | null;
    answers: string;
    intakeVersion: string;
    marketingConsent: boolean;
  };
  goals: Array<{ goal: Goal; rank: number }>;
  channels: Array<{ channel: string; status: string; handle: string | null; followers: number | null; frequency: string | null; runBy: string | null }>;
}

export type BuildResult = { ok: true; record: LeadRecord } | { ok: false; step: StepId; errors: Record<string, string[]> };

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);

export function buildLeadRecord(rawAnswers: RawAnswers, today: string): BuildResult {
  const answers = pruneAnswers(rawAnswers);
  const values: Partial<Record<StepId, Record<string, unknown>>> = {};
  for (const step of visibleSteps(answers)) {
    const check = checkStep(step, answers, today);
    if (!check.ok) return { ok: false, step, errors: check.errors };
    values[step] = check.value;
  }
  const about = values.about ?? {};
  const goalsStep = values.goals ?? {};
  const channelStep = values.channels ?? {};
  const details = values.channelDetails ?? {};
  const crisis = values.crisis ?? {};
  const crisisDetails = values.crisisDetails ?? {};

  const ranked = (["goal1", "goal2", "goal3"] as const).map((k) => goalsStep[k]).filter((g): g is Goal => typeof g === "string");
  const channelRows = channels
    .filter((c) => channelStep[c] !== undefined && channelStep[c] !== "none")
    .map((c) => ({
      channel: c,
      status: String(channelStep[c]),
      handle: str(details[`${c}_handle`]),
      followers: typeof details[`${c}_followers`] === "number" ? (details[`${c}_followers`] as number) : null,
      frequency: str(details[`${c}_frequency`]),
      runBy: str(details[`${c}_runBy`]),
    }));
  const startDate = str(goalsStep.startDate);

  return {
    ok: true,
    record: {
      lead: {
        name: String(about.contactName),
        email: String(about.email),
        organisation: String(about.organisation),
        goal: ranked[0]!,
        locale: String(about.language),
        sector: String(about.sector),
        size: String(about.size),
        website: str(about.website),
        role: str(about.role),
        phone: str(about.phone),
        budgetBand: String(goalsStep.budgetBand),
        startDate: startDate ? new Date(`${startDate}T00:00:00Z`) : null,
        hasCrisis: crisis.hadCrisis === "yes",
        crisisOpen: crisisDetails.crisisOpen === undefined ? null : crisisDetails.crisisOpen === "yes",
        answers: JSON.stringify(values),
        intakeVersion: INTAKE_VERSION,
        marketingConsent: values.review?.marketingConsent === "on",
      },
      goals: ranked.map((goal, i) => ({ goal, rank: i + 1 })),
      channels: channelRows,
    },
  };
}
