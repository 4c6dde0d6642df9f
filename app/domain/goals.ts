export const goals = ["awareness", "engagement", "traffic", "leads", "reputation", "community", "recruiting", "civic", "donations"] as const;
export type Goal = (typeof goals)[number];
