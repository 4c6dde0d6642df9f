// The one i18n layer: pages, PDFs and emails all take their words from here.
// i18next with bundled resources initialises synchronously, so the same `t`
// works on the server, in the browser and in the PDF renderer. One instance per
// language, made once: nothing ever changes an instance's language.
//
// The server holds every word (./dictionaries). The browser bundle holds none
// (vite.config.ts swaps in ./dictionaries.browser.ts): a page brings the parts of
// its language that its routes name (./parts.ts), inlined in the HTML by the
// root (app/root.tsx) and, on later navigations, fetched from /i18n/:lang.
import i18next, { type i18n, type TFunction } from "i18next";
import { dictionaries, type Messages } from "./dictionaries";
import { covered, EVERYTHING, normaliseParts } from "./parts";

export const locales = ["it", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "it";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** Whether this bundle holds every word (the server, tests, scripts) or only what pages brought (the browser). */
export const holdsEveryWord = Object.keys(dictionaries.it).length > 0;

function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: defaultLocale,
    resources: { it: { translation: dictionaries.it }, en: { translation: dictionaries.en } },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  // react-i18next's useTranslation asks for a fixed t on every render of every component, and
  // i18next's fixed t copies the instance's whole options per word: the instance's language and
  // namespace are the only ones asked for here, so the instance's own t (the same answers) is
  // handed out instead, and any other combination is made once.
  type GetFixedT = (lng: string | readonly string[] | null, ns?: string | readonly string[] | null, keyPrefix?: string) => TFunction;
  const fixedT = instance.getFixedT.bind(instance) as GetFixedT;
  const made = new Map<string, TFunction>();
  const cachedFixedT: GetFixedT = (lng, ns, keyPrefix) => {
    const names = ns == null ? "translation" : typeof ns === "string" ? ns : ns.join(",");
    if ((lng == null || lng === locale) && names === "translation" && keyPrefix === undefined) return instance.t;
    const key = `${String(lng)}|${names}|${String(keyPrefix)}`;
    let t = made.get(key);
    if (!t) {
      t = fixedT(lng, ns, keyPrefix);
      made.set(key, t);
    }
    return t;
  };
  instance.getFixedT = cachedFixedT as i18n["getFixedT"];
  if (holdsEveryWord) instance.t = memoised(instance.t.bind(instance) as TFunction);
  return instance;
}

/** Most words a memoised `t` keeps for calls with options (interpolated values can be anything a person typed). */
const MEMO_WITH_OPTIONS = 5_000;

/**
 * A `t` that remembers its answers. Where every word is bundled (the server,
 * tests, scripts) the dictionaries never change, so a word is a pure function
 * of its key and options: i18next resolves each one (nesting, plurals,
 * interpolation) in about 3 µs, and a page asks for hundreds. Calls with only
 * a key are kept for good (the keys are the dictionaries'); calls whose
 * options are all plain values are kept up to MEMO_WITH_OPTIONS, then the
 * memo starts again; anything else (objects in the options, a key list) goes
 * to i18next every time.
 */
function memoised(t: TFunction): TFunction {
  const plain = new Map<string, string>();
  const withOptions = new Map<string, string>();
  const translate = t as unknown as (...args: unknown[]) => unknown;
  /** The word in `memo` under `memoKey`, else i18next's answer, kept there when it is a string. */
  const lookUp = (memo: Map<string, string>, memoKey: string, args: unknown[], limit = Infinity): unknown => {
    const known = memo.get(memoKey);
    if (known !== undefined) return known;
    const result = translate(...args);
    if (typeof result !== "string") return result;
    if (memo.size >= limit) memo.clear();
    memo.set(memoKey, result);
    return result;
  };
  const memo = (...args: unknown[]): unknown => {
    const [key, options] = args;
    if (typeof key !== "string") return translate(...args);
    if (args.length === 1 || (args.length === 2 && options === undefined)) return lookUp(plain, key, [key]);
    if (args.length !== 2 || typeof options !== "object" || options === null) return translate(...args);
    let memoKey = key;
    for (const [name, value] of Object.entries(options)) {
      const type = typeof value;
      if (value !== undefined && type !== "string" && type !== "number" && type !== "boolean") return translate(...args);
      memoKey += `\u0000${name}\u0000${type}\u0000${String(value)}`;
    }
    return lookUp(withOptions, memoKey, [key, options], MEMO_WITH_OPTIONS);
  };
  return memo as unknown as TFunction;
}

const instances = new Map<Locale, i18n>();
/** The i18next instance of one language (made once; never changes language). */
export function i18nFor(locale: Locale): i18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    instances.set(locale, instance);
  }
  return instance;
}

/** A `t` bound to one locale. */
export function getT(locale: Locale): TFunction {
  return i18nFor(locale).t;
}

// In the browser: which parts of each language have arrived.
const loaded = new Map<Locale, Set<string>>();

/** The parts of `parts` this bundle does not have yet for `locale` (none on the server). */
export function missingParts(locale: Locale, parts: readonly string[]): string[] {
  if (holdsEveryWord) return [];
  const have = loaded.get(locale) ?? new Set<string>();
  return normaliseParts(parts).filter((part) => !covered(have, part));
}

/** Adds words that arrived for `locale` (the page's inlined parts or a fetched set). */
export function addParts(locale: Locale, parts: readonly string[], messages: Messages): void {
  if (holdsEveryWord) return;
  i18nFor(locale).addResourceBundle(locale, "translation", messages, true, true);
  const have = loaded.get(locale) ?? new Set<string>(["core"]);
  for (const part of parts) have.add(part);
  loaded.set(locale, have);
}

const pending = new Map<string, Promise<void>>();
/**
 * Fetches the missing parts of `locale` once (concurrent callers share the
 * request). `version` is the dictionaries' hash from the page, so the response
 * may be cached for good.
 */
export function loadParts(locale: Locale, parts: readonly string[], version: string): Promise<void> {
  const wanted = normaliseParts(parts);
  const key = `${locale}:${wanted.join(",")}`;
  let promise = pending.get(key);
  if (!promise) {
    const query = new URLSearchParams({ parts: wanted.join(","), v: version });
    promise = fetch(`/i18n/${locale}?${query}`, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(`words for ${locale} (${wanted.join(", ")}): HTTP ${response.status}`);
        return response.json() as Promise<Messages>;
      })
      .then((messages) => addParts(locale, wanted.includes(EVERYTHING) ? [EVERYTHING] : wanted, messages))
      .finally(() => pending.delete(key));
    pending.set(key, promise);
  }
  return promise;
}

/** Picks the best supported locale from an Accept-Language header (q-values honoured). */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { lang: tag.toLowerCase().split("-")[0] ?? "", quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((e) => e.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const entry of ranked) if (isLocale(entry.lang)) return entry.lang;
  return defaultLocale;
}

/** The locale a URL path starts with, if any (`/en/login` → "en"). */
export function localeFromPath(pathname: string): Locale | null {
  const first = pathname.split("/")[1];
  return isLocale(first) ? first : null;
}

/** The same page in the other language: `/it/p/abc` → `/en/p/abc`. */
export function switchLocalePath(pathname: string, search: string, target: Locale): string {
  const parts = pathname.split("/");
  if (isLocale(parts[1])) parts[1] = target;
  else parts.splice(1, 0, target);
  return (parts.join("/") || `/${target}`) + search;
}
