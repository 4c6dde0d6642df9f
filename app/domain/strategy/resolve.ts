// From the proposal model (message keys) to text in one language, and the
// owner's edits on top: an edited part's text replaces the generated one.
import type { Msg, MsgParam, PartId, ProposalModel } from "./model";

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Turns one message into text: nested messages first, bilingual literals and lists by locale. */
export function resolveMsg(msg: Msg, t: Translate, locale: "it" | "en"): string {
  const params = msg.params ?? {};
  if (msg.key === "@bilingual") return String(params[locale] ?? "");
  if (msg.key === "@lower") {
    const inner = resolveParam(params.text ?? "", t, locale);
    // Some words keep their capital in English (language names).
    if (params.only && params.only !== locale) return inner;
    return /^\p{Lu}\p{Ll}/u.test(inner) ? inner.charAt(0).toLocaleLowerCase(locale) + inner.slice(1) : inner;
  }
  if (msg.key === "@date") return dayFormat(locale).format(new Date(`${String(params.day)}T12:00:00Z`));
  if (msg.key === "@month") return monthFormat(locale).format(new Date(`${String(params.month)}-15T12:00:00Z`));
  // The prospect's own words: quoted whole, never spliced into grammar.
  if (msg.key === "@quote") return quote(String(params.text ?? ""), locale);
  if (msg.key === "@list") {
    const items = Object.keys(params)
      .sort((x, y) => Number(x) - Number(y))
      .map((k) => resolveParam(params[k]!, t, locale));
    return new Intl.ListFormat(locale === "it" ? "it-IT" : "en-GB", { style: "long", type: "conjunction" }).format(items);
  }
  const resolved: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) resolved[name] = typeof value === "number" ? formatNumber(value, locale, name) : resolveParam(value, t, locale);
  return t(msg.key, resolved);
}

const formats = new Map<string, Intl.DateTimeFormat>();
function cached(locale: "it" | "en", kind: "day" | "month"): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "it" ? "it-IT" : "en-GB", kind === "day" ? { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" } : { month: "long", year: "numeric", timeZone: "UTC" });
    formats.set(key, f);
  }
  return f;
}
const dayFormat = (locale: "it" | "en") => cached(locale, "day");
const monthFormat = (locale: "it" | "en") => cached(locale, "month");

/** «…» in Italian, “…” in English; whitespace folded, long answers cut at a word with "…". */
export function quote(text: string, locale: "it" | "en"): string {
  let folded = text.replace(/\s+/g, " ").trim().replace(/^[«“"']+|[»”"']+$/g, "").replace(/[.;,:]+$/, "");
  if (folded.length > 280) folded = `${folded.slice(0, 280).replace(/\s+\S*$/, "")}…`;
  return locale === "it" ? `«${folded}»` : `“${folded}”`;
}

function resolveParam(value: MsgParam, t: Translate, locale: "it" | "en"): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB", { useGrouping: "always" } as Intl.NumberFormatOptions).format(value);
  return resolveMsg(value, t, locale);
}

/** Counts stay numbers (i18next picks the plural); large figures are formatted. */
function formatNumber(value: number, locale: "it" | "en", name: string): string | number {
  if (name === "count") return value;
  return new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB", { useGrouping: "always" } as Intl.NumberFormatOptions).format(value);
}

/** Every Msg in the model, for checks that each one has words in both languages. */
export function collectMsgs(value: unknown, out: Msg[] = []): Msg[] {
  if (Array.isArray(value)) {
    for (const item of value) collectMsgs(item, out);
  } else if (value && typeof value === "object") {
    if (typeof (value as Msg).key === "string" && (Object.keys(value).every((k) => k === "key" || k === "params"))) {
      out.push(value as Msg);
      for (const p of Object.values((value as Msg).params ?? {})) collectMsgs(p, out);
    } else {
      for (const item of Object.values(value)) collectMsgs(item, out);
    }
  }
  return out;
}

/** The owner's text edits per part: they win over the generated text of that part. */
export type TextEdits = Partial<Record<PartId, string>>;

export type { ProposalModel };
