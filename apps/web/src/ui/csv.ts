/**
 * Tables the page offers as a download: CSV for a spreadsheet, made in the browser from what a
 * card already shows. The same dialect as the CLI's exports (apps/cli/src/csv.ts, which needs
 * Node's csv-parse and is not bundled here): a UTF-8 byte-order mark, so Excel on Windows reads
 * Chinese; RFC 4180 quoting; a cell starting with = + - @ (or their full-width forms, or a tab or
 * carriage return) gets a leading apostrophe, so a spreadsheet shows it as text instead of running it.
 */
const FORMULA_START = /^[\s]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export const neutraliseFormula = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);
const quote = (cell: string) => (NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/** The file's text: a byte-order mark, the header, the rows; every cell neutralised, quoted only where it must be. */
export function toSpreadsheetCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return '\uFEFF' + [header, ...rows].map((row) => row.map((cell) => quote(neutraliseFormula(String(cell)))).join(',')).join('\r\n') + '\r\n';
}
