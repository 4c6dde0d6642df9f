// CSV for Excel with Italian regional settings: Excel there splits on ";"
// (the comma is the decimal separator), reads a file as UTF-8 only when it
// starts with a byte order mark, and expects Windows line ends. Every field is
// quoted, so separators, quotes and line breaks inside a value stay inside it.
// The writing is csv-stringify's; the formula guard below is ours.
import { stringify } from "csv-stringify/sync";

export const CSV_SEPARATOR = ";";
export const CSV_EOL = "\r\n";

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage
 * return, which some programs skip first) as a formula: text a prospect typed
 * must never become one. Such cells get a leading apostrophe, the usual
 * guard (OWASP "CSV injection").
 */
export function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) || /^\s+[=+\-@]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | null | undefined): string {
  return csvLine([value]).slice(0, -CSV_EOL.length);
}

const options = { delimiter: CSV_SEPARATOR, record_delimiter: "windows", quoted: true, quoted_empty: true } as const;

/** Empty cells for null and undefined; every text guarded against formulas. */
function cells(row: Array<string | null | undefined>): string[] {
  return row.map((value) => guardFormula(value ?? ""));
}

export function csvLine(row: Array<string | null | undefined>): string {
  return stringify([cells(row)], options);
}

/** A whole file: BOM, a header line, then one line per row, each ending CRLF. */
export function toCsv(header: string[], rows: Array<Array<string | null | undefined>>): string {
  return stringify([cells(header), ...rows.map(cells)], { ...options, bom: true });
}
