// Working days in Italy: Monday to Friday, except the national holidays
// (including Easter Monday, computed from the Gregorian Easter). Pure
// functions on calendar days written as ISO strings ("2026-04-06"), so no
// time zone can move a day: the caller decides which day "today" is
// (romeToday for the studio's own calendar).

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Fixed national holidays, as "MM-DD". */
const fixedHolidays = new Set(["01-01", "01-06", "04-25", "05-01", "06-02", "08-15", "11-01", "12-08", "12-25", "12-26"]);

function parseDay(day: string): Date {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`not a calendar day: ${day}`);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.toISOString().slice(0, 10) !== day) throw new RangeError(`not a calendar day: ${day}`);
  return date;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Easter Sunday of a year in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDay(new Date(Date.UTC(year, month - 1, day)));
}

/** Easter Monday (Lunedì dell'Angelo), a national holiday. */
export function easterMonday(year: number): string {
  const sunday = parseDay(easterSunday(year));
  sunday.setUTCDate(sunday.getUTCDate() + 1);
  return isoDay(sunday);
}

/** Whether a day is an Italian national holiday (Sundays aside). */
export function isItalianHoliday(day: string): boolean {
  const date = parseDay(day);
  return fixedHolidays.has(day.slice(5)) || day === easterMonday(date.getUTCFullYear());
}

/** Monday to Friday and not a national holiday. */
export function isWorkingDay(day: string): boolean {
  const weekday = parseDay(day).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isItalianHoliday(day);
}

/** The day `count` working days after `day` (the day itself never counts; count 0 is the day itself). */
export function addWorkingDays(day: string, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError("count must be a whole number of days, 0 or more");
  const date = parseDay(day);
  let left = count;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(isoDay(date))) left--;
  }
  return isoDay(date);
}
