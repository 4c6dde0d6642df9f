// Dates, money and numbers go through Intl, never by hand. Grouping is
// "always": Italian CLDR data would otherwise write 1234,56 € but 12.345,67 €.
import type { Locale } from "./i18n";

const tags: Record<Locale, string> = { it: "it-IT", en: "en-GB" };

export function intlTag(locale: Locale): string {
  return tags[locale];
}

export function formatDate(date: Date, locale: Locale, style: "full" | "long" | "medium" | "short" = "long"): string {
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: style, timeZone: "Europe/Rome" }).format(date);
}

export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Rome" }).format(date);
}

/** Money is kept in integer cents with an ISO currency code. */
export function formatMoney(cents: number, locale: Locale, currency = "EUR"): string {
  if (!Number.isInteger(cents)) throw new RangeError("Money amounts are integer cents");
  return new Intl.NumberFormat(tags[locale], { style: "currency", currency, useGrouping: "always" }).format(cents / 100);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(tags[locale], { useGrouping: "always" }).format(value);
}
