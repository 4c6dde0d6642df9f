// Which words a page ships to the browser. The dictionaries (app/i18n/locales)
// have a small core (navigation, errors, statuses, the shared words: every page
// gets it) and big sections (the questionnaire, the plan, payments, settings…).
// A route names the sections, or sub-trees of them, that its page and its
// components read, in its `handle`:
//
//   export const handle = { i18n: ["questionnaire", "landing.privacy"] } satisfies I18nHandle;
//
// The page then ships the core plus those parts, in its own language only,
// inlined in the HTML; a later navigation fetches what the next page adds from
// /i18n/:lang (app/routes/i18n.$lang.tsx). A page whose own route names nothing
// ships every section: a safe default for pages nobody measured.
// Pure: no Remix, no React, no i18next.
import type { Messages } from "./dictionaries";

/** The top-level keys shipped only where a route asks for them (everything else is the core). */
export const SECTIONS = ["email", "settings", "landing", "questionnaire", "plan", "account", "payment", "pipeline", "retainer", "invoice"] as const;

/** What a route module's `handle` may say about its words. */
export type I18nHandle = { i18n: readonly string[] };

/** "*" stands for every section. */
export const EVERYTHING = "*";

const PART = /^[A-Za-z]\w*(\.[A-Za-z]\w*)*$/;

function hasI18n(handle: unknown): handle is I18nHandle {
  return typeof handle === "object" && handle !== null && Array.isArray((handle as { i18n?: unknown }).i18n);
}

/**
 * The parts a page needs from the handles of its matched routes, outermost
 * first: the union of what they name, or every section when the innermost route
 * names nothing. Sorted, without duplicates or parts inside another one.
 */
export function partsForHandles(handles: readonly unknown[]): string[] {
  const leaf = handles.at(-1);
  if (!hasI18n(leaf)) return [EVERYTHING];
  const named = handles.flatMap((h) => (hasI18n(h) ? h.i18n : []));
  return normaliseParts(named);
}

/** Sorted, unique, and without a part that another one already contains ("plan" covers "plan.packages"). */
export function normaliseParts(parts: readonly string[]): string[] {
  if (parts.includes(EVERYTHING)) return [EVERYTHING];
  const unique = [...new Set(parts)].sort();
  return unique.filter((part) => !unique.some((other) => other !== part && part.startsWith(`${other}.`)));
}

/** A part name a request may ask for: "*" or a dotted path of keys. */
export function isPartName(value: string): boolean {
  return value === EVERYTHING || (value.length <= 80 && PART.test(value));
}

function subtree(messages: Messages, path: string): Messages | string | undefined {
  let node: Messages | string | undefined = messages;
  for (const key of path.split(".")) {
    if (typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Puts `value` at `path` in `target`, making the objects on the way. */
function place(target: Record<string, unknown>, path: string, value: Messages | string): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next === "object" && next !== null) node = next as Record<string, unknown>;
    else node = node[key] = {};
  }
  node[keys.at(-1)!] = value;
}

/** The core of a dictionary: every top-level key that is not a section. */
export function coreOf(messages: Messages): Messages {
  const sections: readonly string[] = SECTIONS;
  return Object.fromEntries(Object.entries(messages).filter(([key]) => !sections.includes(key)));
}

/**
 * The words for `parts` (with the core when `withCore`), as one nested object in
 * the dictionary's own shape. Unknown paths are left out.
 */
export function pickParts(messages: Messages, parts: readonly string[], withCore = true): Messages {
  if (parts.includes(EVERYTHING)) return withCore ? messages : Object.fromEntries(Object.entries(messages).filter(([key]) => (SECTIONS as readonly string[]).includes(key)));
  const out: Record<string, unknown> = withCore ? structuredClone(coreOf(messages)) : {};
  for (const part of normaliseParts(parts)) {
    const value = subtree(messages, part);
    if (value !== undefined) place(out, part, value);
  }
  return out as Messages;
}

/** Whether the parts already loaded cover `part`. */
export function covered(loaded: ReadonlySet<string>, part: string): boolean {
  if (loaded.has(EVERYTHING)) return true;
  const keys = part.split(".");
  return keys.some((_, i) => loaded.has(keys.slice(0, i + 1).join(".")));
}
