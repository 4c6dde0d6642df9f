// From the proposal model (message keys) to text in one language, and the
// owner's edits on top: an edited part's text replaces the generated one.
import type { Msg, MsgParam, PartId, ProposalModel } from "./model";

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Turns one message into text: nested messages first, bilingual literals and lists by locale. */
export function resolveMsg(msg: Msg, t: Translate, locale: "it" | "en"): string {
  const params = msg.params ?? {};
  if (msg.key === "@bilingual") return String(params[locale] ?? "");
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

export function editedParts(edits: TextEdits): PartId[] {
  return (Object.keys(edits) as PartId[]).filter((k) => (edits[k] ?? "").trim() !== "");
}

export type { ProposalModel };
