// A page with several forms tells them apart by `intent` (a hidden field or the
// button pressed) and its action parses them as one zod discriminated union on
// it, with parseWithZod. Conform hands a name sent twice over as a list; the
// forms have always read the intent the way formData.get does: the first one.
import { z } from "zod";

/** The intent a form sent: the first one when there are several. */
export function sentIntent(payload: Record<string, unknown>): unknown {
  const intent = payload.intent;
  return Array.isArray(intent) ? intent[0] : intent;
}

/**
 * `union` read with the form's intent (see sentIntent); `choose` may stand a
 * known intent in for a missing or unknown one (the form without an intent of
 * its own). Without it, a missing or unknown intent fails on `intent`.
 */
export function byIntent<T extends z.ZodTypeAny>(union: T, choose: (intent: unknown) => unknown = (intent) => intent) {
  return z.preprocess((value) => (value && typeof value === "object" ? { ...value, intent: choose(sentIntent(value as Record<string, unknown>)) } : value), union);
}
