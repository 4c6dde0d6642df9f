// The proposal model: everything a proposal says, as data. Words are message
// keys with parameters (Msg) so one model renders in Italian and English; a
// parameter may itself be a Msg (e.g. a goal's name). Every recommendation
// carries the reasons behind it, citing the prospect's answers.
import type { TaxRegime } from "../tax/regime";
import type { Goal } from "../goals";
import type { Channel } from "../intake/definition";

export type MsgParam = string | number | Msg;
export interface Msg {
  key: string;
  params?: Record<string, MsgParam>;
}

export interface Reasoned {
  text: Msg;
  reasons: Msg[];
}

export const partIds = [
  "summary",
  "situation",
  "audience",
  "objectives",
  "channels",
  "content",
  "community",
  "crisis",
  "roles",
  "measurement",
  "roadmap",
  "workflow",
  "investment",
  "terms",
  "nextSteps",
] as const;
export type PartId = (typeof partIds)[number];

export interface ChannelAuditRow {
  channel: Channel;
  status: "present" | "wanted" | "refused";
  handle: string | null;
  followers: number | null;
  frequency: string | null;
  runBy: string | null;
}

export interface ChannelPick {
  channel: Channel;
  priority: "primary" | "later" | "leave";
  score: number;
  reasons: Msg[];
}

export interface CadenceRow {
  channel: Channel;
  /** The year's average; below 1 means every other week or monthly. */
  postsPerWeek: number;
  /** The cadence in words ("4 a settimana", "2 al mese"). */
  label: Msg;
  formats: Msg[];
  reasons: Msg[];
}

/** One month of the twelve-month plan. */
export interface SeasonMonth {
  /** YYYY-MM */
  month: string;
  intensity: 1 | 2 | 3;
  /** Posts a week that month, all chosen channels together. */
  postsPerWeek: number;
  drivers: Msg[];
}

export interface CalendarEntry {
  /** YYYY-MM-DD */
  date: string;
  day: number; // 1..14
  weekday: number; // 0 = Monday
  channel: Channel;
  pillar: string;
  format: Msg;
}

export interface RaciRow {
  activity: Msg;
  studio: "R" | "A" | "C" | "I";
  approver: "R" | "A" | "C" | "I";
  spokesperson: "R" | "A" | "C" | "I";
}

export interface SeverityLevel {
  level: 1 | 2 | 3;
  description: Msg;
  responseMinutes: number;
  actions: Msg[];
}

/** A measurable KPI: what is counted, the numeric target with its time frame, and why that number. */
export interface Kpi {
  id: string;
  metric: Msg;
  /** The target in words: the number and the time frame. */
  target: Msg;
  value: number;
  unit: "followers" | "people" | "percent" | "perMonth" | "hours";
  /** The baseline the target starts from, when the answers give one. */
  baseline: number | null;
  months: number;
  reason: Msg;
}

/** A persona the rules propose when the prospect described none: a hypothesis to validate at kick-off. */
export interface PersonaHypothesis {
  id: string;
  name: string;
  ages: Msg;
  text: Msg;
  channel: Channel | null;
  reasons: Msg[];
}

/** Reply targets on one channel, in hours: office hours and outside them (null: the next working day). */
export interface ChannelResponse {
  channel: Channel;
  businessHours: number;
  outsideHours: number | null;
  reasons: Msg[];
}

export interface ProposalModel {
  rulesVersion: string;
  issuedOn: string;
  validUntil: string;
  client: { organisation: string; contactName: string };
  summary: Reasoned[];
  situation: { rows: ChannelAuditRow[]; observations: Msg[]; chart: Array<{ channel: Channel; followers: number }> };
  audience: { points: Msg[]; personas: string | null; hypotheses: { note: Msg; personas: PersonaHypothesis[] } | null };
  objectives: Array<{ goal: Goal; rank: number; target: string | null; kpis: Kpi[]; reasons: Msg[] }>;
  channels: ChannelPick[];
  content: {
    pillars: Array<{ id: string; text: Msg }>;
    cadence: CadenceRow[];
    reasons: Msg[];
    /** Which languages the content speaks, and how. */
    languages: Msg[];
    /** The rules of the trade and of the law for this sector, each with its source. */
    rules: Reasoned[];
  };
  community: { business: number; outside: number | null; byChannel: ChannelResponse[]; tone: Msg; rules: Msg[]; reasons: Msg[] };
  crisis: {
    level: "standard" | "reinforced";
    reasons: Msg[];
    /** The past or open case the prospect told us about, in their words. */
    story: Msg[];
    severities: SeverityLevel[];
    /** Why the levels' reply times are what they are (derived from the reply-time settings). */
    timing: Msg[];
    escalation: Msg[];
    /** When and how to involve the authorities: every protocol has it, stronger when reinforced. */
    authorities: Msg[];
    /** Fake news and misinformation handling: every protocol has it. */
    fakeNews: Msg[];
    holding: Msg[];
  };
  roles: { approver: string | null; spokesperson: string | null; raci: RaciRow[]; legend: Msg[] };
  measurement: { kpis: Msg[]; cadence: Msg[]; sources: Msg[] };
  /** From the start date: days 1-30, 31-60, 61-90. */
  roadmap: Array<{ days: 30 | 60 | 90; from: string; to: string; items: Msg[] }>;
  workflow: { points: Msg[]; calendar: CalendarEntry[]; seasons: { months: SeasonMonth[]; reasons: Msg[] } };
  investment: {
    currency: "EUR";
    vatRatePercent: number;
    /** The owner's tax regime when the proposal was made (app/domain/tax/regime.ts). */
    taxRegime: TaxRegime;
    onboardingNetCents: number;
    /** Where the budget falls short of the plan: what the affordable package leaves out. */
    gaps: Msg[];
    packages: Array<{ id: string; name: Msg; monthlyNetCents: number; recommended: boolean; includes: Msg[]; reasons: Msg[] }>;
    addOns: Array<{ id: string; name: Msg; priceNetCents: number; recurring: boolean; suggested: boolean; reasons: Msg[] }>;
  };
  terms: Msg[];
  nextSteps: Msg[];
}
