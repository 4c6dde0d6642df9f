// The language a staff account reads its emails in (User.locale). Pure: which
// language a stored value stands for, and a list of recipients split by
// language, so an email is rendered once per language rather than once per person.
import { defaultLocale, isLocale, type Locale } from "~/i18n/i18n";

/** The language a stored User.locale stands for; anything else (an old row, a hand edit) reads as the default, Italian. */
export function userLocale(stored: string | null | undefined): Locale {
  return isLocale(stored) ? stored : defaultLocale;
}

/**
 * The recipients grouped by their language, in the order each language first
 * appears, each group keeping the recipients' order.
 */
export function groupByLocale<T extends { locale: string }>(recipients: readonly T[]): Array<{ locale: Locale; recipients: T[] }> {
  const groups = new Map<Locale, T[]>();
  for (const recipient of recipients) {
    const locale = userLocale(recipient.locale);
    const group = groups.get(locale);
    if (group) group.push(recipient);
    else groups.set(locale, [recipient]);
  }
  return [...groups].map(([locale, members]) => ({ locale, recipients: members }));
}
