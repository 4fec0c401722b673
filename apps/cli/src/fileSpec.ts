/**
 * What the import knows of one CSV file: its columns and the commands a row stands for. Shared by
 * the roster and liaison files (csvImport.ts), the proposals files (proposalFiles.ts), the opinion
 * reports files (opinionFiles.ts) and the inspections files (inspectionFiles.ts).
 */
import { DomainCommand, committeeDate, invalid, parseInstant, toMs } from '#domain';

/** Reads one cell: trimmed, `undefined` when blank or absent. */
export type Cell = (column: string) => string | undefined;

export interface FileSpec {
  file: string;
  required: readonly string[];
  optional: readonly string[];
  /** Command fields whose column is not their snake_case name (e.g. `memberId` is `id`). */
  columnOf: Readonly<Record<string, string>>;
  /**
   * The row's commands. For a spec with `runs`, `run` holds every row of the run, the first
   * (`cell`) included.
   */
  commands(cell: Cell, run?: readonly Cell[]): DomainCommand[];
  /**
   * Headers as the office's own spreadsheets write them (`报告编号` for `id`): either name is read,
   * and an error names the column as the file wrote it.
   */
  headers?: Readonly<Record<string, string>>;
  /**
   * Consecutive rows with the same key (not undefined) are one command: an inspection's report is
   * one row per recommendation. The run is decided as one, at its first row's line; a refusal of
   * `<field>[i]…` is reported on the run's i-th row.
   */
  runs?: { key(cell: Cell): string | undefined; field: string };
  /**
   * When the row's commands happened, as an ISO-8601 instant: their `now`. Absent, they take the
   * import's clock. A row of a proposal's history is decided at the moment it records (a reply on
   * the day it was sent), so its deadlines and on-time figures are those of that day.
   */
  at?(cell: Cell): string;
  /**
   * Rows of the same thread (one proposal's history) must not go back in time: a row dated before
   * an earlier row of its thread is refused at its `at` column.
   */
  thread?: { key(cell: Cell): string | undefined; column: string; /** As the refusal names them: "a report's rows". */ rows?: string };
}

/** A list cell: `a;b;c`, blanks dropped; `undefined` when the cell is blank. */
export const list = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);

/** A whole number is passed as a number; anything else as written, for the decider to refuse by name. */
export const integer = (value: string | undefined): number | string | undefined => (value !== undefined && /^\d+$/.test(value) ? Number(value) : value);

/** A yes/no cell: true/false, yes/no, 1/0 or 是/否; `undefined` when blank; VALIDATION on `field` otherwise. */
export const yesNo = (value: string | undefined, column: string, field: string): boolean | undefined => {
  if (value === undefined) return undefined;
  if (/^(true|yes|y|1|是)$/i.test(value)) return true;
  if (/^(false|no|n|0|否)$/i.test(value)) return false;
  throw invalid(`${column} "${value}" is not yes or no; write true/false, yes/no, 1/0 or 是/否`, field);
};

/** A code cell that may be written in Chinese (市 for CITY); anything else as written, for the decider to refuse by name. */
export const coded = (value: string | undefined, chinese: Readonly<Record<string, string>>): string | undefined => (value === undefined ? undefined : (chinese[value] ?? value.toUpperCase()));

/** The committee day of a date cell (`2020-03-05` or `2020-03-05T10:00`); VALIDATION on `field` when it is no date. */
export const dayOfCell = (value: string | undefined, field: string): string => committeeDate(toMs(parseInstant(value, field)));
