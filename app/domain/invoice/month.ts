// The month the owner's invoice list shows (YYYY-MM), read from the query
// string with zod: anything else falls back to the current month.
import { z } from "zod";

export const MonthSchema = z.string().regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/);

/** `value` when it is a month, else `fallback`. */
export function monthOr(value: string | null, fallback: string): string {
  const parsed = MonthSchema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

/** The month `delta` months from `month`. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The first instant of a month and of the next one, in UTC (invoice dates are stored as UTC midnights). */
export function monthBounds(month: string): { gte: Date; lt: Date } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return { gte: new Date(Date.UTC(y, m - 1, 1)), lt: new Date(Date.UTC(y, m, 1)) };
}
