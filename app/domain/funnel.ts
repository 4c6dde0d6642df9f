// The sales funnel for a period: how many prospects reached each stage, and
// the conversion from one stage to the next. Pure: counts in, figures out.

export const funnelStages = ["started", "submitted", "proposalSent", "accepted", "paid"] as const;
export type FunnelStage = (typeof funnelStages)[number];

export interface FunnelCounts {
  started: number;
  submitted: number;
  proposalSent: number;
  accepted: number;
  paid: number;
}

export interface FunnelRow {
  stage: FunnelStage;
  count: number;
  /** Share of the previous stage (null for the first stage or when the previous is 0). */
  fromPrevious: number | null;
  /** Share of the first stage (null when nobody started). */
  fromStart: number | null;
}

export function funnel(counts: FunnelCounts): FunnelRow[] {
  return funnelStages.map((stage, i) => {
    const count = counts[stage];
    const previous = i > 0 ? counts[funnelStages[i - 1]!] : null;
    return {
      stage,
      count,
      fromPrevious: previous ? count / previous : null,
      fromStart: counts.started ? count / counts.started : null,
    };
  });
}

/** A period from the query string: YYYY-MM-DD bounds (Rome days), defaulting to the last 30 days to `today`. */
export function parsePeriod(from: string | null, to: string | null, today: string): { from: string; to: string } {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const valid = (v: string | null): v is string => v !== null && day.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
  const end = valid(to) ? to : today;
  const start = valid(from) ? from : addDays(end, -29);
  return start <= end ? { from: start, to: end } : { from: end, to: start };
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
