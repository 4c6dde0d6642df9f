// Zod schemas for each step, derived from the definition. Messages are i18n
// keys ("errors.tooLong|160"), translated where they are shown. The same
// schema validates in the browser (Conform) and on the server.
import { z } from "zod";
import { isEmailAddress, normaliseEmail } from "../email-address";
import { byIntent } from "../form-intent";
import { parseCount } from "./count";
import { fieldLimit, isShown, optionSets, stepFields, type FieldSpec, type RawAnswers, type RawStep, type StepId } from "./definition";

function enumOf(values: readonly [string, ...string[]]) {
  return z.enum(values, {
    errorMap: (issue, ctx) => ({ message: issue.code === "invalid_type" && ctx.data === undefined ? "errors.required" : "errors.choose" }),
  });
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && /^[^.\s]+(\.[^.\s]+)+$/.test(url.hostname) && !/\s/.test(value);
  } catch {
    return false;
  }
}

/**
 * The questionnaire's email field (also what a draft stores as its email, autosaved or not):
 * stored as typed, "info@caffè.it" and not the "info@xn--caff-8oa.it" a browser sends (email-address.ts).
 */
export const emailSchema = z
  .string({ required_error: "errors.required" })
  .trim()
  .max(254, "errors.tooLong|254")
  .transform(normaliseEmail)
  .refine(isEmailAddress, "errors.email");

function fieldSchema(field: FieldSpec, today: string): z.ZodTypeAny {
  const max = fieldLimit(field);
  const text = z.string({ required_error: "errors.required", invalid_type_error: "errors.text" }).trim().max(max, `errors.tooLong|${max}`);
  let schema: z.ZodTypeAny;
  switch (field.kind) {
    case "text":
    case "textarea":
      schema = field.required ? text.min(1, "errors.required") : text;
      break;
    case "email":
      schema = emailSchema;
      break;
    case "tel":
      schema = text.regex(/^\+?[0-9][0-9\s().\-/]{5,29}$/, "errors.phone");
      break;
    case "url":
      schema = text
        .transform((v) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`))
        .pipe(z.string().refine(isWebUrl, "errors.url"));
      break;
    case "number":
      // Followers and the like: whole numbers as people type them ("1.500", "1 500", "12k", "1,2 mila"; see count.ts).
      schema = text
        .transform((v, ctx) => {
          const count = parseCount(v);
          if (count === null) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "errors.number" });
          return count ?? 0;
        })
        .pipe(z.number().int().max(1_000_000_000, "errors.number"));
      break;
    case "date":
      schema = text
        .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.date")
        .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "errors.date")
        .refine((v) => v >= today, "errors.datePast");
      break;
    case "select":
    case "radio":
      schema = enumOf(optionSets[field.options!] as readonly [string, ...string[]]);
      break;
    case "checkboxes": {
      const values = optionSets[field.options!] as readonly [string, ...string[]];
      // Checked as a whole so the message sits on the field, not on "ageBands[1]".
      schema = z
        .array(z.string(), { invalid_type_error: "errors.choose" })
        .max(values.length, "errors.choose")
        .refine((picked) => picked.every((v) => values.includes(v)), "errors.choose");
      break;
    }
    case "checkbox":
      schema = z.literal("on", { message: "errors.choose" });
      break;
  }
  return field.required && field.kind !== "checkbox" ? schema : schema.optional();
}

// Building a zod schema costs more than using it; the schemas depend only on
// the step, the day and which fields show, so each one is built once.
const schemaCache = new Map<string, ReturnType<typeof buildStepSchemas>>();

function stepSchemas(step: StepId, answers: RawAnswers, today: string) {
  const fields = stepFields(step, answers);
  const key = `${step}|${today}|${fields.map((f) => f.name).join(",")}`;
  let schemas = schemaCache.get(key);
  if (!schemas) {
    if (schemaCache.size > 500) schemaCache.clear();
    schemas = buildStepSchemas(step, fields, today);
    schemaCache.set(key, schemas);
  }
  return schemas;
}

/** The schema for one step. `today` (YYYY-MM-DD, Rome) keeps dates from being in the past. */
export function stepSchema(step: StepId, answers: RawAnswers, today: string) {
  return stepSchemas(step, answers, today).form;
}

const intents = ["next", "back", "autosave", "resend"] as const;

/**
 * The intent of a post to a step, as the step's action reads it (after sentIntent):
 * its buttons send "next" and "back", its scripts "autosave" and "resend" (the
 * resume link); a post with none is "next", anything else is "unknown".
 */
export function stepIntent(intent: unknown): (typeof intents)[number] | "unknown" {
  if (intent === undefined) return "next";
  return intents.find((known) => known === intent) ?? "unknown";
}

/**
 * A step's action, one union on `intent` (see stepIntent): "next" and
 * "unknown" check the step's fields like the form does, plus `from` ("review"
 * when the step was opened from the review); the others carry no checked fields
 * (what was typed is kept as it is, see boundRaw).
 */
export function stepActionSchema(step: StepId, answers: RawAnswers, today: string) {
  return stepSchemas(step, answers, today).action;
}

/** Goals ranked 1 to 3 are three different goals. */
function goalsDiffer(value: Record<string, unknown>, ctx: z.RefinementCtx) {
  const seen = new Set<unknown>([value.goal1]);
  for (const key of ["goal2", "goal3"] as const) {
    const goal = value[key];
    if (goal === undefined) continue;
    if (seen.has(goal)) ctx.addIssue({ code: "custom", path: [key], message: "errors.goalRepeated" });
    seen.add(goal);
  }
}

function buildStepSchemas(step: StepId, fields: FieldSpec[], today: string) {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const field of fields) shape[field.name] = fieldSchema(field, today);
  const base = z.object(shape);
  const union = z.discriminatedUnion("intent", [
    base.extend({ intent: z.enum(["next", "unknown"]), from: z.literal("review").optional().catch(undefined) }),
    z.object({ intent: z.literal("back") }),
    z.object({ intent: z.literal("autosave") }),
    z.object({ intent: z.literal("resend") }),
  ]);
  const checked =
    step !== "goals"
      ? union
      : union.superRefine((value, ctx) => {
          if (value.intent === "next" || value.intent === "unknown") goalsDiffer(value, ctx);
        });
  return {
    form: step !== "goals" ? base : base.superRefine(goalsDiffer),
    action: byIntent(checked, stepIntent),
  };
}

/** Form values as the draft keeps them: "" is unanswered, lists stay lists. */
export function normaliseRaw(values: RawStep, fields: FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const sent = values[field.name];
    const value = sent === undefined || sent === "" ? field.defaultValue : sent;
    if (field.kind === "checkboxes") {
      const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v) => v !== "");
      out[field.name] = list.length ? list : undefined;
    } else {
      const single = Array.isArray(value) ? value[0] : value;
      out[field.name] = single === "" ? undefined : single;
    }
  }
  return out;
}

export type StepCheck = { ok: true; value: Record<string, unknown> } | { ok: false; errors: Record<string, string[]> };

/** Strictly validates a step's stored values (used before moving on and at submit). */
export function checkStep(step: StepId, answers: RawAnswers, today: string): StepCheck {
  const fields = stepFields(step, answers);
  const raw = normaliseRaw(answers[step] ?? {}, fields);
  // Fields hidden by their condition are not validated.
  for (const field of fields) if (!isShown(field, answers[step] ?? {})) delete raw[field.name];
  const result = stepSchema(step, answers, today).safeParse(raw);
  if (result.success) return { ok: true, value: result.data as Record<string, unknown> };
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "");
    (errors[key] ??= []).push(issue.message);
  }
  return { ok: false, errors };
}

/** Limits what a draft stores for one step: only the step's fields, bounded lengths. */
export function boundRaw(values: RawStep, fields: FieldSpec[]): RawStep {
  const out: RawStep = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined) continue;
    // Never cut near the limit: a text too long is kept whole (a 10,000-character paste
    // too; up to four times the limit and at least 20,000 characters, the request's own
    // size limit bounds the rest) so the person reads the message and shortens it.
    const cap = Math.max(4 * fieldLimit(field), 20_000);
    out[field.name] = Array.isArray(value) ? value.slice(0, 20).map((v) => String(v).slice(0, 100)) : String(value).slice(0, cap);
  }
  return out;
}

/** Today's date in Rome as YYYY-MM-DD. */
// Made once: building an Intl.DateTimeFormat costs more than formatting with it,
// and every intake request asks for today (2 % of the server's time under load).
const romeDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome", year: "numeric", month: "2-digit", day: "2-digit" });

export function romeToday(now = new Date()): string {
  return romeDay.format(now);
}
