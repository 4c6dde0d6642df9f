// Dates, money and numbers go through Intl, never by hand. Grouping is
// "always": Italian CLDR data would otherwise write 1234,56 € but 12.345,67 €.
import type { Locale } from "./i18n";

const tags: Record<Locale, string> = { it: "it-IT", en: "en-GB" };

export function intlTag(locale: Locale): string {
  return tags[locale];
}

// Made once per language and options: building an Intl formatter costs far more than formatting with it.
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function made<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let format = formats.get(key) as F | undefined;
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

const dateFormat = (locale: Locale, key: string, options: Intl.DateTimeFormatOptions) =>
  made(`date ${locale} ${key}`, () => new Intl.DateTimeFormat(tags[locale], options));
const numberFormat = (locale: Locale, key: string, options: Intl.NumberFormatOptions) =>
  made(`number ${locale} ${key}`, () => new Intl.NumberFormat(tags[locale], options));

export function formatDate(date: Date, locale: Locale, style: "full" | "long" | "medium" | "short" = "long"): string {
  return dateFormat(locale, style, { dateStyle: style, timeZone: "Europe/Rome" }).format(date);
}

export function formatDateTime(date: Date, locale: Locale): string {
  return dateFormat(locale, "dateTime", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Rome" }).format(date);
}

/** Money is kept in integer cents with an ISO currency code. */
export function formatMoney(cents: number, locale: Locale, currency = "EUR"): string {
  if (!Number.isInteger(cents)) throw new RangeError("Money amounts are integer cents");
  return numberFormat(locale, `currency ${currency}`, { style: "currency", currency, useGrouping: "always" }).format(cents / 100);
}

export function formatNumber(value: number, locale: Locale): string {
  return numberFormat(locale, "number", { useGrouping: "always" }).format(value);
}
