// CSV for Excel with Italian regional settings: Excel there splits on ";"
// (the comma is the decimal separator), reads a file as UTF-8 only when it
// starts with a byte order mark, and expects Windows line ends. Every field is
// quoted, so separators, quotes and line breaks inside a value stay inside it.
//
// No library: the whole format is the few rules below, and a library would
// add options we would have to pin down to exactly these anyway.

export const CSV_BOM = "\uFEFF";
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
  const text = guardFormula(value ?? "");
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(cells: Array<string | null | undefined>): string {
  return cells.map(csvCell).join(CSV_SEPARATOR) + CSV_EOL;
}

/** A whole file: BOM, a header line, then one line per row, each ending CRLF. */
export function toCsv(header: string[], rows: Array<Array<string | null | undefined>>): string {
  return CSV_BOM + csvLine(header) + rows.map(csvLine).join("");
}
