/**
 * Where an import's tables come from: the reader layer in front of the one row pipeline
 * (csvImport.ts). Every source becomes the same `CsvTable` (a header, records with the line an
 * editor or Excel shows), so validation, deciding and error reporting are written once.
 *
 * - `members.csv`: CSV in UTF-8 (with or without a byte-order mark) or, as Excel and WPS save it on
 *   Chinese Windows, GBK (read as GB18030, its superset); a file that is not valid UTF-8 is read as
 *   GBK, or the caller names the encoding.
 * - `members.xlsx`: a workbook for one file; its sheet named `members`, else its only sheet.
 * - any other `.xlsx` in the directory (or the workbook given instead of a directory): each sheet
 *   named like an import file without `.csv` (`members`, `contacts` …) is that file. A sheet named
 *   `README` (the template's notes) is skipped; any other sheet is an error, so a misspelt sheet
 *   name does not drop its rows in silence.
 *
 * A file given by two sources (members.csv and a `members` sheet) is an error: neither is read.
 * Sources are named as the errors show them: `members.csv`, `roster.xlsx!members`.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { notFound } from '#domain';
import { CsvSyntaxError, CsvTable, parseCsv } from './csv.js';

export const ENCODINGS = ['auto', 'utf8', 'gbk'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** The template's notes sheet; the import skips it. */
export const README_SHEET = 'README';

export interface SourceTable {
  /** The import file this table is (`members.csv`). */
  file: string;
  /** As errors name it: `members.csv`, `members.xlsx!members`, `roster.xlsx!members`. */
  name: string;
  table: CsvTable;
}

export interface SourceProblem {
  name: string;
  line: number;
  column: string;
  message: string;
}

export interface Sources {
  /** The directory that the names are relative to. */
  dir: string;
  tables: SourceTable[];
  problems: SourceProblem[];
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A CSV file's text: UTF-8 when it is valid UTF-8 (or told so), else GBK (GB18030). */
export function decodeCsv(bytes: Buffer, encoding: Encoding = 'auto'): string {
  if (encoding === 'gbk') return iconv.decode(bytes, 'gb18030');
  if (encoding === 'utf8') return bytes.toString('utf8');
  try {
    return UTF8.decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A date cell as the CSV would hold it. Excel keeps no time zone: exceljs gives the wall-clock
 * value as UTC, so the UTC fields are the ones typed. A date alone is `2020-12-20`; with a time,
 * `2020-12-20T15:00` (seconds only when there are some), as the sample's `occurred_at`.
 */
function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const [h, m, s] = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
  if (h === 0 && m === 0 && s === 0) return day;
  return `${day}T${pad(h)}:${pad(m)}${s === 0 ? '' : `:${pad(s)}`}`;
}

/** One cell's text, as the CSV would hold it; an empty cell is ''. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('error' in value) return value.error;
  if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
  return '';
}

/** A sheet as a table: the first non-empty row is the header; empty rows are skipped; lines are Excel's row numbers. */
export function sheetTable(sheet: ExcelJS.Worksheet): CsvTable {
  const rows: Array<{ line: number; values: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values: string[] = [];
    for (let col = 1; col <= row.cellCount; col++) values.push(cellText(row.getCell(col).value));
    while (values.length > 0 && values.at(-1)!.trim() === '') values.pop();
    if (values.length > 0) rows.push({ line, values });
  });
  const [first, ...records] = rows;
  return { header: first ? first.values.map((h) => h.trim()) : [], records };
}

const stem = (file: string) => file.replace(/\.csv$/, '');

/** Reads every source in `path` (a directory, or one workbook) of the files in `files`. */
export async function readSources(path: string, files: readonly string[], encoding: Encoding = 'auto'): Promise<Sources> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw notFound(`${path} does not exist or cannot be read`);
  }
  const dir = isDir ? path : dirname(path);
  const names = isDir ? (await readdir(path)).sort() : [basename(path)];
  const found: Array<{ file: string; name: string; read: () => CsvTable | Promise<CsvTable> }> = [];
  const problems: SourceProblem[] = [];

  for (const name of names) {
    if (files.includes(name)) {
      found.push({ file: name, name, read: async () => parseCsv(decodeCsv(await readFile(join(dir, name)), encoding)) });
      continue;
    }
    if (!/\.xlsx$/i.test(name) || name.startsWith('~$')) continue; // ~$book.xlsx: Excel's lock file beside an open workbook
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.readFile(join(dir, name));
    } catch (error) {
      problems.push({ name, line: 1, column: '*', message: `not readable as an .xlsx workbook: ${(error as Error).message}` });
      continue;
    }
    const own = files.find((f) => `${stem(f)}.xlsx` === name);
    const sheets = book.worksheets.filter((s) => s.name !== README_SHEET);
    for (const sheet of sheets) {
      // members.xlsx: its `members` sheet, or its only sheet whatever its name (Sheet1, 委员).
      const file = files.find((f) => stem(f) === sheet.name.trim()) ?? (own && sheets.length === 1 ? own : undefined);
      if (file === undefined || (own && file !== own)) {
        const expected = own ? `${name} holds ${stem(own)}: name its sheet ${stem(own)}` : `a sheet is named like an import file: ${files.map(stem).join(', ')}`;
        problems.push({ name: `${name}!${sheet.name}`, line: 1, column: '*', message: `sheet "${sheet.name}" is not one of the import's files; ${expected}` });
        continue;
      }
      found.push({ file, name: `${name}!${sheet.name}`, read: () => sheetTable(sheet) });
    }
  }

  const tables: SourceTable[] = [];
  for (const file of files) {
    const sources = found.filter((f) => f.file === file);
    if (sources.length > 1) {
      for (const s of sources) problems.push({ name: s.name, line: 1, column: '*', message: `${file} is given more than once (${sources.map((x) => x.name).join(', ')}); keep one` });
      continue;
    }
    const [source] = sources;
    if (!source) continue;
    try {
      tables.push({ file, name: source.name, table: await source.read() });
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      problems.push({ name: source.name, line: error.line, column: '*', message: `not readable as CSV: ${error.message}` });
    }
  }
  return { dir, tables, problems };
}
