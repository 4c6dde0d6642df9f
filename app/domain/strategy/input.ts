// The strategy engine's input: the answers a lead stored (Lead.answers, the
// validated values per step), read back with a schema so the rules only ever
// see typed values. Unknown or damaged values are dropped, never guessed.
import { z } from "zod";
import { goals } from "../goals";
import {
  ageBands,
  audienceLanguages,
  budgetBands,
  channels,
  channelStatuses,
  coverHours,
  crisisScales,
  crisisTypes,
  exposures,
  frequencies,
  keyDateKinds,
  materials,
  responseTimes,
  runners,
  seasons,
  sectors,
  sizes,
  timeframes,
  MAX_TEXT,
  type Channel,
} from "../intake/definition";

const opt = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined);
const list = <T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values)).catch([]).default([]);
// As long as the longest answer the questionnaire takes (a 5,000-character crisis story is read, not dropped).
const text = opt(z.string().max(MAX_TEXT));
const day = opt(z.string().regex(/^\d{4}-\d{2}-\d{2}$/));

const ChannelDetail = z.object({ handle: text, followers: opt(z.number().int().nonnegative()), frequency: opt(z.enum(frequencies)), runBy: opt(z.enum(runners)), worked: text });

export const IntakeAnswersSchema = z.object({
  about: z.object({ organisation: z.string(), sector: z.enum(sectors), sectorOther: text, size: z.enum(sizes), website: text, contactName: z.string(), role: text }),
  audience: z
    .object({ ageBands: list(ageBands), places: text, languages: list(audienceLanguages), interests: text, currentAudience: text, wantedAudience: text, personas: text })
    .catch({ ageBands: [], languages: [] })
    .default({ ageBands: [], languages: [] }),
  goals: z.object({
    goal1: z.enum(goals),
    goal2: opt(z.enum(goals)),
    goal3: opt(z.enum(goals)),
    target: text,
    timeframe: opt(z.enum(timeframes)),
    budgetBand: z.enum(budgetBands),
    startDate: day,
    peakSeasons: list(seasons),
    keyDate: day,
    keyDateKind: opt(z.enum(keyDateKinds)),
    keyDateLabel: text,
  }),
  channels: z.record(z.string(), z.unknown()).default({}),
  channelDetails: z.record(z.string(), z.unknown()).default({}),
  crisis: z.object({ hadCrisis: z.enum(["yes", "no"]) }),
  crisisDetails: z
    .object({
      crisisTypes: list(crisisTypes),
      crisisWhen: text,
      crisisScale: opt(z.enum(crisisScales)),
      crisisHandling: text,
      crisisOpen: opt(z.enum(["yes", "no"])),
      authorities: opt(z.enum(["yes", "no"])),
      authoritiesDetail: text,
      exposure: list(exposures),
    })
    .optional(),
  roles: z
    .object({ approver: text, spokesperson: text, responseTime: opt(z.enum(responseTimes)), coverHours: list(coverHours), materials: list(materials), toneOfVoice: text })
    .catch({ coverHours: [], materials: [] })
    .default({ coverHours: [], materials: [] }),
});

type Parsed = z.infer<typeof IntakeAnswersSchema>;

export interface ChannelAnswer {
  channel: Channel;
  status: (typeof channelStatuses)[number];
  handle?: string;
  followers?: number;
  frequency?: (typeof frequencies)[number];
  runBy?: (typeof runners)[number];
  worked?: string;
}

export type IntakeAnswers = Omit<Parsed, "channels" | "channelDetails"> & { channels: ChannelAnswer[]; channelNotes?: string };

/** Reads stored answers (JSON text or object); null when the essentials are missing. */
export function readIntakeAnswers(stored: unknown): IntakeAnswers | null {
  let value = stored;
  if (typeof stored === "string") {
    try {
      value = JSON.parse(stored);
    } catch {
      return null;
    }
  }
  const parsed = IntakeAnswersSchema.safeParse(value);
  if (!parsed.success) return null;
  const { channels: statuses, channelDetails, ...rest } = parsed.data;
  const rows: ChannelAnswer[] = [];
  for (const channel of channels) {
    const status = z.enum(channelStatuses).safeParse(statuses[channel]);
    if (!status.success) continue;
    const detail = ChannelDetail.parse({
      handle: channelDetails[`${channel}_handle`],
      followers: channelDetails[`${channel}_followers`],
      frequency: channelDetails[`${channel}_frequency`],
      runBy: channelDetails[`${channel}_runBy`],
      worked: channelDetails[`${channel}_worked`],
    });
    rows.push({ channel, status: status.data, ...stripUndefined(detail) });
  }
  const notes = text.safeParse(statuses.channelNotes);
  const channelNotes = notes.success && notes.data?.trim() ? notes.data : undefined;
  return { ...rest, channels: rows, ...(channelNotes ? { channelNotes } : {}) };
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
