export const goals = ["awareness", "engagement", "traffic", "leads", "reputation", "community", "recruiting", "civic", "donations"] as const;
export type Goal = (typeof goals)[number];

export function isGoal(value: unknown): value is Goal {
  return typeof value === "string" && (goals as readonly string[]).includes(value);
}
