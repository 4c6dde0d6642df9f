import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { en } from "./locales/en";
import { it as itMessages } from "./locales/it";
import { getT, i18nFor, negotiateLocale, switchLocalePath, localeFromPath } from "./i18n";
import { formatMoney, formatDate, formatNumber } from "./format";

function leaves(obj: object, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value as object, path)) out.set(k, v);
  }
  return out;
}

describe("messages", () => {
  it("have the same keys in Italian and English, none empty", () => {
    const itKeys = leaves(itMessages);
    const enKeys = leaves(en);
    expect([...enKeys.keys()].sort()).toEqual([...itKeys.keys()].sort());
    for (const [key, value] of [...itKeys, ...enKeys]) expect(value.trim(), key).not.toBe("");
  });

  it("use the same {{placeholders}} in both languages", () => {
    const enKeys = leaves(en);
    for (const [key, value] of leaves(itMessages)) {
      const names = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(names(enKeys.get(key)!), key).toEqual(names(value));
    }
  });

  it("translate with interpolation and plurals", () => {
    expect(getT("it")("leads.count", { count: 1 })).toBe("1 contatto");
    expect(getT("it")("leads.count", { count: 3 })).toBe("3 contatti");
    expect(getT("en")("pipeline.pages.page", { page: 2, pages: 5 })).toBe("Page 2 of 5");
  });
});

describe("fixed t (what react-i18next's useTranslation asks for on every render)", () => {
  it("is one function per language and namespace, translating as the instance does", () => {
    const i18n = i18nFor("en");
    const t = i18n.getFixedT(null, "translation");
    expect(i18n.getFixedT(null, ["translation"])).toBe(t);
    expect(t("pipeline.pages.page", { page: 2, pages: 5 })).toBe("Page 2 of 5");
    expect(t("leads.count", { count: 3 })).toBe(getT("en")("leads.count", { count: 3 }));
    // Another language asked of this instance: made once, in that language.
    const italian = i18n.getFixedT("it", "translation");
    expect(i18n.getFixedT("it", "translation")).toBe(italian);
    expect(italian("leads.count", { count: 1 })).toBe("1 contatto");
  });
});

describe("the memoised t (the server's words never change)", () => {
  const plain = (locale: "it" | "en") => {
    const instance = i18next.createInstance();
    void instance.init({ lng: locale, fallbackLng: "it", resources: { it: { translation: itMessages }, en: { translation: en } }, initAsync: false, interpolation: { escapeValue: false }, returnNull: false, showSupportNotice: false });
    return instance.t;
  };

  it("gives i18next's own answer for every word, the first time and the second", () => {
    for (const locale of ["it", "en"] as const) {
      const t = getT(locale);
      const reference = plain(locale);
      for (const key of leaves(itMessages).keys()) {
        const first = t(key, { count: 2, max: "5", name: "Ada" });
        expect(first, key).toBe(reference(key, { count: 2, max: "5", name: "Ada" }));
        expect(t(key, { count: 2, max: "5", name: "Ada" }), key).toBe(first);
        expect(t(key), key).toBe(reference(key));
        expect(t(key), key).toBe(reference(key));
      }
    }
  });

  it("keeps answers for different options apart, including a value's type", () => {
    const t = getT("it");
    expect(t("leads.count", { count: 1 })).toBe("1 contatto");
    expect(t("leads.count", { count: 3 })).toBe("3 contatti");
    expect(t("leads.count", { count: 1 })).toBe("1 contatto");
    expect(t("no.such.word", { defaultValue: "a" })).toBe("a");
    expect(t("no.such.word", { defaultValue: "b" })).toBe("b");
    // A number and the same digits as a string are different options to i18next (plurals need a number).
    expect(t("pipeline.pages.page", { page: 2, pages: 5 })).toBe(plain("it")("pipeline.pages.page", { page: 2, pages: 5 }));
    expect(t("pipeline.pages.page", { page: "2", pages: "5" })).toBe(plain("it")("pipeline.pages.page", { page: "2", pages: "5" }));
  });

  it("passes through what it cannot key (objects in the options, lists of keys, objects returned)", () => {
    const t = getT("en");
    const reference = plain("en");
    expect(t("pipeline.pages.page", { page: 2, pages: 5, extra: { nested: true } })).toBe("Page 2 of 5");
    expect(t(["no.such.word", "pipeline.pages.page"], { page: 1, pages: 2 })).toBe(reference(["no.such.word", "pipeline.pages.page"], { page: 1, pages: 2 }));
    expect(t("pipeline.pages", { returnObjects: true })).toEqual(reference("pipeline.pages", { returnObjects: true }));
  });
});

describe("locale negotiation", () => {
  it("picks the best supported language from Accept-Language", () => {
    expect(negotiateLocale("en-US,en;q=0.9,it;q=0.8")).toBe("en");
    expect(negotiateLocale("de-DE,de;q=0.9,it;q=0.5,en;q=0.4")).toBe("it");
    expect(negotiateLocale("fr, en;q=0")).toBe("it");
    expect(negotiateLocale(null)).toBe("it");
    expect(negotiateLocale("it-CH")).toBe("it");
  });

  it("reads and switches the locale in a path", () => {
    expect(localeFromPath("/en/p/abc")).toBe("en");
    expect(localeFromPath("/healthz")).toBeNull();
    expect(switchLocalePath("/it/p/abc", "?x=1", "en")).toBe("/en/p/abc?x=1");
    expect(switchLocalePath("/", "", "en")).toBe("/en/");
  });
});

describe("Intl formatting", () => {
  it("formats money from integer cents the Italian and English way", () => {
    expect(formatMoney(123456, "it").replace(/\s/g, " ")).toBe("1.234,56 €");
    expect(formatMoney(123456, "en")).toBe("€1,234.56");
    expect(() => formatMoney(12.5, "it")).toThrow(RangeError);
  });

  it("formats dates in Rome's time zone and numbers with local separators", () => {
    const date = new Date("2026-03-01T23:30:00Z"); // already 2 March in Rome
    expect(formatDate(date, "it")).toBe("2 marzo 2026");
    expect(formatDate(date, "en")).toBe("2 March 2026");
    expect(formatNumber(115000, "it")).toBe("115.000");
  });
});
