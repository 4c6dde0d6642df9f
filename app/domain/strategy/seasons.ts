// The twelve-month intensity plan: how hard each month pushes, and why, from the
// sector, the peak seasons and places the prospect named, and a key date
// (an election, an event, a launch). Pure: months are "YYYY-MM" strings.
import type { Goal } from "../goals";
import type { keyDateKinds, seasons as seasonOptions } from "../intake/definition";
import { easterSunday } from "../working-days";
import type { Sector } from "./sectors";

export type Season = (typeof seasonOptions)[number];
export type KeyDateKind = (typeof keyDateKinds)[number];
export type Intensity = 1 | 2 | 3;

export interface MonthPlan {
  /** YYYY-MM */
  month: string;
  intensity: Intensity;
  /** Why: driver ids, words under plan.season.driver.<id>. */
  drivers: string[];
}

export interface SeasonInput {
  sector: Sector;
  goals: Goal[];
  peakSeasons: Season[];
  places: string | undefined;
  keyDate: string | undefined;
  keyDateKind: KeyDateKind | undefined;
  /** YYYY-MM-DD: the plan starts in this month. */
  start: string;
}

export interface SeasonPlan {
  months: MonthPlan[];
  /** Where the seasons came from: "answers" (peak seasons given), "places", "sector" or "flat". */
  basis: "answers" | "places" | "sector" | "flat";
  /** The places' hint read from the prospect's words, when that is the basis. */
  placeHint: "mountain" | "sea" | "lake" | "city" | null;
}

const seasonMonths: Record<Exclude<Season, "allYear">, number[]> = {
  spring: [3, 4, 5],
  summer: [6, 7, 8],
  autumn: [9, 10, 11],
  winter: [12, 1, 2],
  christmas: [12],
};

/** The month (3 or 4) of Easter Sunday, from the one Easter computation the working days use. */
const easterMonth = (year: number): number => Number(easterSunday(year).slice(5, 7));

/** Reads the places the prospect named for a hint of their season (mountain, sea, lake, city). */
export function placeHint(places: string | undefined): SeasonPlan["placeHint"] {
  if (!places) return null;
  const text = places.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  if (/\b(montagn\w*|dolomit\w*|alp[ie]\w*|alto adige|sudtirol\w*|trentino|valle d'aosta|sci|rifugi\w*|mountain\w*|ski\w*)\b/.test(text)) return "mountain";
  if (/\b(mare|spiagg\w*|costa\w*|riviera|isol\w*|sea|beach\w*|coast\w*|island\w*)\b/.test(text)) return "sea";
  if (/\b(lago|laghi|lake\w*)\b/.test(text)) return "lake";
  return null;
}

function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split("-").map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}

const seasonal: readonly Sector[] = ["hospitality", "tourism"];
const b2b: readonly Sector[] = ["software", "manufacturing", "professional"];

export function seasonPlan(input: SeasonInput): SeasonPlan {
  const startMonth = input.start.slice(0, 7);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(startMonth, i));
  const drivers = new Map<string, Set<string>>(months.map((mo) => [mo, new Set<string>()]));
  const level = new Map<string, number>(months.map((mo) => [mo, 2]));
  const monthOf = (mo: string) => Number(mo.slice(5, 7));
  const raise = (mo: string, driver: string, to: number) => {
    if (!level.has(mo)) return;
    level.set(mo, Math.max(level.get(mo)!, to));
    drivers.get(mo)!.add(driver);
  };
  const lower = (mo: string, driver: string, to: number) => {
    if (!level.has(mo)) return;
    level.set(mo, Math.min(level.get(mo)!, to));
    drivers.get(mo)!.add(driver);
  };

  // Peak seasons: the prospect's own, else read from their places, else the sector's habit.
  let peaks = input.peakSeasons.filter((s): s is Exclude<Season, "allYear"> => s !== "allYear");
  let basis: SeasonPlan["basis"] = input.peakSeasons.length ? (peaks.length ? "answers" : "flat") : "flat";
  const hint = placeHint(input.places);
  if (!input.peakSeasons.length && seasonal.includes(input.sector)) {
    if (hint === "mountain") peaks = ["winter", "summer"];
    else if (hint === "sea" || hint === "lake") peaks = ["summer"];
    else peaks = ["summer"];
    basis = hint && hint !== "city" ? "places" : "sector";
  }
  // In the mountains the winter season runs into March.
  const monthsOf = (season: Exclude<Season, "allYear">) => (season === "winter" && hint === "mountain" ? [12, 1, 2, 3] : seasonMonths[season]);
  const peakMonths = new Set(peaks.flatMap(monthsOf));
  for (const mo of months) {
    const n = monthOf(mo);
    for (const s of peaks) if (monthsOf(s).includes(n)) raise(mo, s, 3);
    // Mountains: late spring and autumn are the hiking shoulder seasons.
    if (seasonal.includes(input.sector) && hint === "mountain" && !input.peakSeasons.length && (n === 9 || n === 10)) {
      raise(mo, "shoulder", 2);
      continue;
    }
    // Off season for a seasonal business: keep the community warm, push the early bookings.
    if (seasonal.includes(input.sector) && peakMonths.size && !peakMonths.has(n)) {
      const next = monthOf(addMonths(mo, 1));
      if (peakMonths.has(next)) raise(mo, "earlyBooking", 2);
      else lower(mo, "offSeason", 1);
    }
  }

  // The Italian calendar, by sector.
  for (const mo of months) {
    const n = monthOf(mo);
    const year = Number(mo.slice(0, 4));
    if (n === 12 && ["retail", "food", "hospitality", "culture", "association"].includes(input.sector)) raise(mo, "christmas", 3);
    if (n === 12 && input.goals.includes("donations")) raise(mo, "givingSeason", 3);
    if (n === 11 && input.sector === "retail") raise(mo, "blackFriday", 3);
    if (n === 1 && input.sector === "retail") raise(mo, "winterSales", 3);
    if (n === 7 && input.sector === "retail") raise(mo, "summerSales", 3);
    if (n === easterMonth(year) && ["food", "hospitality", "tourism", "retail"].includes(input.sector)) raise(mo, "easter", 2);
    // August slows B2B and offices, unless the prospect told us summer is their peak.
    if (n === 8 && !peakMonths.has(8) && b2b.includes(input.sector)) lower(mo, "augustShutdown", 1);
    if (n === 8 && !peakMonths.has(8) && input.sector === "public_body") lower(mo, "augustQuiet", 1);
    if (n === 9 && ["public_body", "culture", "association"].includes(input.sector)) raise(mo, "backToSchool", 3);
    if (n === 9 && input.sector === "software") raise(mo, "budgetSeason", 3);
    if ((n === 5 || n === 6) && input.sector === "association") raise(mo, "cinquePerMille", 3);
    if (n === 10 && input.sector === "health") raise(mo, "preventionMonth", 3);
  }

  // A key date: an election, an event, a launch.
  if (input.keyDate) {
    const mo = input.keyDate.slice(0, 7);
    const before = addMonths(mo, -1);
    const after = addMonths(mo, 1);
    if (input.keyDateKind === "election" && input.sector === "public_body") {
      // Par condicio: no institutional communication during the campaign (L. 28/2000 art. 9).
      lower(before, "parCondicio", 1);
      lower(mo, "parCondicio", 1);
    } else if (input.keyDateKind === "election") {
      raise(addMonths(mo, -2), "campaignBuild", 2);
      raise(before, "campaign", 3);
      raise(mo, "electionDay", 3);
      lower(after, "afterElection", 1);
    } else {
      raise(before, "keyDateBuild", 3);
      raise(mo, "keyDate", 3);
    }
  }

  if (basis === "flat" && [...level.values()].some((v) => v !== 2)) basis = "sector";
  return {
    months: months.map((mo) => ({ month: mo, intensity: level.get(mo)! as Intensity, drivers: [...drivers.get(mo)!] })),
    basis,
    placeHint: basis === "places" ? hint : null,
  };
}

/** Posts-per-week factor of each intensity; the year's mean is kept at 1 by `monthFactors`. */
const weight: Record<Intensity, number> = { 1: 0.7, 2: 1, 3: 1.3 };

/** Each month's factor on the base cadence, scaled so that the twelve months average 1 (the package's hours over a year). */
export function monthFactors(plan: SeasonPlan): number[] {
  const raw = plan.months.map((m) => weight[m.intensity]);
  const mean = raw.reduce((x, y) => x + y, 0) / raw.length;
  return raw.map((w) => w / mean);
}
