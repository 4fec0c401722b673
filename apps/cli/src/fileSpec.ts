/**
 * What the import knows of one CSV file: its columns and the commands a row stands for. Shared by
 * the roster and liaison files (csvImport.ts) and the proposals files (proposalFiles.ts).
 */
import type { DomainCommand } from '#domain';

/** Reads one cell: trimmed, `undefined` when blank or absent. */
export type Cell = (column: string) => string | undefined;

export interface FileSpec {
  file: string;
  required: readonly string[];
  optional: readonly string[];
  /** Command fields whose column is not their snake_case name (e.g. `memberId` is `id`). */
  columnOf: Readonly<Record<string, string>>;
  commands(cell: Cell): DomainCommand[];
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
  thread?: { key(cell: Cell): string | undefined; column: string };
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
