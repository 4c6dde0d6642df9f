// Plan first, package second: what a plan needs (channels, posts, reply days,
// cover, crisis service, monitoring, shoots), which package delivers it, and what
// a cheaper package would leave out. The packages' features are the one source
// of what each promises.
import type { OwnerSettings, Package, PackageFeatures } from "./settings";

export interface PlanNeeds {
  channels: number;
  /** Posts a week averaged over the year. */
  postsPerWeek: number;
  replyDays: PackageFeatures["replyDays"];
  eveningWeekendCover: boolean;
  crisis: PackageFeatures["crisis"];
  monitoring: boolean;
  shootsPerMonth: number;
}

/** One thing a package lacks for a plan, with the figures to say it. */
export type Gap =
  | { kind: "channels"; needed: number; has: number }
  | { kind: "posts"; needed: number; has: number }
  | { kind: "everyday" }
  | { kind: "cover" }
  | { kind: "crisis" }
  | { kind: "monitoring" }
  | { kind: "shoots"; needed: number; has: number };

export function gaps(pkg: Package, needs: PlanNeeds): Gap[] {
  const f = pkg.features;
  const out: Gap[] = [];
  if (pkg.channels < needs.channels) out.push({ kind: "channels", needed: needs.channels, has: pkg.channels });
  if (pkg.postsPerWeek + 1e-9 < needs.postsPerWeek) out.push({ kind: "posts", needed: Math.ceil(needs.postsPerWeek), has: pkg.postsPerWeek });
  if (needs.replyDays === "everyday" && f.replyDays !== "everyday") out.push({ kind: "everyday" });
  if (needs.eveningWeekendCover && !f.eveningWeekendCover) out.push({ kind: "cover" });
  if (needs.crisis === "full" && f.crisis !== "full") out.push({ kind: "crisis" });
  if (needs.monitoring && !f.monitoring) out.push({ kind: "monitoring" });
  if (f.shootsPerMonth < needs.shootsPerMonth) out.push({ kind: "shoots", needed: needs.shootsPerMonth, has: f.shootsPerMonth });
  return out;
}

export const byPrice = (s: OwnerSettings): Package[] => [...s.packages].sort((x, y) => x.monthlyNetCents - y.monthlyNetCents || x.id.localeCompare(y.id));

/** Budget bands' monthly ceilings in cents (null: no ceiling given). */
export const budgetCeiling: Record<string, number | null> = { lt500: 50000, b500_1000: 100000, b1000_2500: 250000, b2500_5000: 500000, gt5000: null, unknown: null };

export interface PackageChoice {
  /** The cheapest package that delivers the whole plan, or the one that comes closest. */
  recommended: Package;
  /** What even the recommended one lacks (only when no package delivers everything). */
  recommendedGaps: Gap[];
  /** The most the stated budget reaches, when it is below the recommended one. */
  affordable: Package | null;
  affordableGaps: Gap[];
  /** The budget is below every package. */
  belowAll: boolean;
}

export function choosePackage(s: OwnerSettings, needs: PlanNeeds, budgetBand: string): PackageChoice {
  const sorted = byPrice(s);
  const fit = sorted.find((p) => gaps(p, needs).length === 0);
  // No package delivers everything: the one with the fewest gaps (the larger on a tie).
  const recommended = fit ?? [...sorted].reverse().reduce((best, p) => (gaps(p, needs).length < gaps(best, needs).length ? p : best));
  const ceiling = budgetCeiling[budgetBand] ?? null;
  if (ceiling === null || recommended.monthlyNetCents <= ceiling) return { recommended, recommendedGaps: gaps(recommended, needs), affordable: null, affordableGaps: [], belowAll: false };
  const within = sorted.filter((p) => p.monthlyNetCents <= ceiling);
  const affordable = within[within.length - 1] ?? null;
  return { recommended, recommendedGaps: gaps(recommended, needs), affordable, affordableGaps: affordable ? gaps(affordable, needs) : [], belowAll: affordable === null };
}
