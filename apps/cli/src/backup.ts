/**
 * `backup --to FILE` and `restore --from FILE`: a copy of the SQLite event log that is a store of
 * its own, taken while the API server keeps writing, and put back only after it checks out.
 *
 * backup
 * - copies through SQLite's online backup API (better-sqlite3 `db.backup`), page by page, each
 *   step in a read transaction of its own: in WAL mode the server's writes are never blocked. A
 *   write by another connection between two steps makes SQLite start the copy again; each restart
 *   copies four times as many pages per step, so the copy always ends (at worst in one step, one
 *   snapshot), and it is always a committed state of the log: a consistent prefix of it;
 * - writes to a temporary file beside FILE, checks it (SQLite's quick_check, then the hash chain
 *   and the seals, as `verify` does), and only then gives it its name, never over an existing file;
 * - refuses a FILE that exists (CONFLICT) and a source that is not a liaison event store (VALIDATION).
 *
 * restore
 * - refuses (CONFLICT) to replace a store that holds events, or any other non-empty file, unless
 *   `--force`; refuses a target another process has open (a running server: stop it first);
 * - copies the backup to a temporary file beside the target and verifies the copy; the target is
 *   replaced by renaming, so it is at every moment either the old store or the whole new one.
 *
 * Neither copies the JWT secret (`jwt-secret` beside the database, or LIAISON_JWT_SECRET): it is
 * not in the log; each says where it is, since tokens issued before only work with it.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { conflict, invalid, notFound } from '#domain/shared/errors';
import { EVENT_STORE_SCHEMA, SqliteEventStore } from '#event-store/sqlite';
import { verify, type VerifyReport } from '#audit/verify';
import { secretFileFor } from '#platform/tokens/secret';
import { printVerifyReport } from './audit.js';
import { countingReads, type Progress } from './progress.js';
import type { Io } from './main.js';

const n = (value: number) => value.toLocaleString('en-US');
/** How long a check waits for another connection's lock. */
const BUSY_TIMEOUT_MS = 5000;
/** Pages per backup step at first: small enough to show progress, large enough to end quickly. */
const MIN_PAGES_PER_STEP = 256;
const STEPS_WANTED = 50;

export async function runBackup(sourceFile: string, to: string, io: Io, progress: Progress): Promise<number> {
  const source = inspect(sourceFile);
  if (source.kind === 'absent') throw notFound(`there is no event log at ${sourceFile}`);
  if (source.kind !== 'store') throw invalid(`${sourceFile} is not a liaison event store: ${source.reason}`);
  if (existsSync(to)) throw conflict(`${to} exists: a backup never overwrites a file; name a new one`);
  mkdirSync(dirname(resolve(to)), { recursive: true });
  const started = performance.now();
  const temp = tempBeside(to);
  try {
    const copied = await copyOnline(sourceFile, temp, progress);
    const report = await verifyCopy(temp, progress);
    // What was said at every contact is in it: readable by its owner only, as export-csv's files.
    chmodSync(temp, 0o600);
    publish(temp, to);
    progress.end();
    io.out(
      `backed up ${sourceFile} to ${to}: ${n(report.events)} events, head at position ${report.headPosition}, ${n(copied.pages)} pages in ${((performance.now() - started) / 1000).toFixed(2)} s` +
        (copied.restarts > 0 ? `; the copy started again ${copied.restarts} time(s) because the store was written meanwhile` : ''),
    );
    printVerifyReport(report, io);
    io.out(`not in the copy: the JWT secret (${secretKept(sourceFile, io)}); keep it too, apart from the backup: tokens issued so far only work with it`);
    return report.ok ? 0 : 1;
  } finally {
    removeWithCompanions(temp);
  }
}

export async function runRestore(from: string, target: string, force: boolean, io: Io, progress: Progress): Promise<number> {
  const backup = inspect(from);
  if (backup.kind === 'absent') throw notFound(`there is no backup at ${from}`);
  if (backup.kind !== 'store') throw invalid(`${from} is not a liaison event store: ${backup.reason}`);
  if (resolve(from) === resolve(target)) throw invalid(`--from and --db both name ${target}`);
  const current = inspect(target);
  if (!force && current.kind === 'store' && current.head > 0) {
    throw conflict(`the store at ${target} holds events (head at position ${current.head}); restore replaces a store that holds events only with --force`);
  }
  if (!force && current.kind === 'foreign') throw conflict(`${target} exists and is not a liaison event store (${current.reason}); restore replaces it only with --force`);
  if (current.kind !== 'absent') assertNotInUse(target);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const temp = tempBeside(target);
  try {
    await copyOnline(from, temp, progress);
    const report = await verifyCopy(temp, progress);
    if (!report.ok) {
      progress.abandon();
      printVerifyReport(report, io);
      io.err(`error: VALIDATION the backup ${from} does not verify; nothing restored, ${target} is as it was`);
      return 1;
    }
    if (existsSync(target)) {
      assertNotInUse(target);
      // The store keeps the permissions it had.
      chmodSync(temp, statSync(target).mode & 0o777);
    }
    replace(temp, target);
    progress.end();
    const replaced = current.kind === 'store' && current.head > 0 ? ` (replacing a store whose head was at position ${current.head})` : current.kind === 'foreign' ? ` (replacing a file that was not a store)` : '';
    io.out(`restored ${from} into ${target}: ${n(report.events)} events, head at position ${report.headPosition}${replaced}`);
    printVerifyReport(report, io);
    io.out(
      io.env.LIAISON_JWT_SECRET || existsSync(secretFileFor(target))
        ? `the server will sign tokens with ${secretKept(target, io)}: tokens issued before the backup work only if it is the backed-up store's`
        : `there is no ${secretFileFor(target)} and LIAISON_JWT_SECRET is unset: put back the secret kept with the backup before starting the server, or it makes a new one and every token issued before stops working`,
    );
    return 0;
  } finally {
    removeWithCompanions(temp);
  }
}

type Inspection = { kind: 'absent' } | { kind: 'store'; head: number } | { kind: 'foreign'; reason: string };

/** Columns of the event store's tables, as the adapter creates them. */
let reference: Record<'streams' | 'events', string> | undefined;
function referenceColumns(): Record<'streams' | 'events', string> {
  if (reference) return reference;
  const db = new Database(':memory:');
  try {
    db.exec(EVENT_STORE_SCHEMA);
    return (reference = { streams: columnsOf(db, 'streams'), events: columnsOf(db, 'events') });
  } finally {
    db.close();
  }
}

const columnsOf = (db: Database.Database, table: string) => (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).join(',');

/** What is at `file`, read without changing it (a liaison store keeps its head in `max(position)`). */
function inspect(file: string): Inspection {
  if (!existsSync(file)) return { kind: 'absent' };
  if (!statSync(file).isFile()) return { kind: 'foreign', reason: 'it is not a file' };
  if (statSync(file).size === 0) return { kind: 'foreign', reason: 'the file is empty' };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
    const expected = referenceColumns();
    for (const table of ['streams', 'events'] as const) {
      const columns = columnsOf(db, table);
      if (columns !== expected[table]) return { kind: 'foreign', reason: columns === '' ? `it has no ${table} table` : `its ${table} table is not the event store's` };
    }
    return { kind: 'store', head: db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck().get() as number };
  } catch (error) {
    // "file is not a database", a damaged file …
    return { kind: 'foreign', reason: (error as Error).message };
  } finally {
    db?.close();
  }
}

/**
 * Refuses a file another process has open. Every connection to a WAL database holds a shared lock
 * on it; an exclusive lock is granted only when there is none.
 */
function assertNotInUse(file: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 1000 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) throw conflict(`${file} is open in another process (a running server?): stop it before restoring`);
    // Anything else (a damaged or foreign file) is what --force replaces.
  } finally {
    db?.close();
  }
}

/** Copies `source` to `dest` online, in steps; see the file's comment for restarts. */
async function copyOnline(source: string, dest: string, progress: Progress): Promise<{ pages: number; restarts: number }> {
  const db = new Database(source, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    let pagesPerStep = 0;
    let remaining = Infinity;
    let restarts = 0;
    progress.step('copying', 'pages');
    const result = await db.backup(dest, {
      progress: ({ totalPages, remainingPages }) => {
        if (pagesPerStep === 0) pagesPerStep = Math.max(MIN_PAGES_PER_STEP, Math.ceil(totalPages / STEPS_WANTED));
        else if (remainingPages >= remaining) {
          restarts++;
          pagesPerStep *= 4;
        }
        remaining = remainingPages;
        progress.set(totalPages - remainingPages, totalPages);
        return pagesPerStep;
      },
    });
    progress.set(result.totalPages, result.totalPages);
    return { pages: result.totalPages, restarts };
  } finally {
    db.close();
  }
}

/** SQLite's own check of the file, then the chain, as `verify` reads it. */
async function verifyCopy(file: string, progress: Progress): Promise<VerifyReport> {
  const raw = new Database(file, { fileMustExist: true });
  try {
    const check = raw.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw invalid(`the copy in ${file} is damaged (SQLite quick_check: ${String(check)})`);
  } finally {
    raw.close();
  }
  const store = new SqliteEventStore({ file });
  try {
    progress.step('verifying the copy', 'events', await store.headPosition());
    return await verify(countingReads(store, progress));
  } finally {
    // Folds the WAL back: the closed copy is one self-contained file.
    await store.close();
  }
}

const tempBeside = (file: string) => join(dirname(resolve(file)), `.${basename(file)}.${process.pid}.partial`);

function removeWithCompanions(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

function flush(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The directory entry too: after a crash the new name is there (Linux; elsewhere best effort). */
function flushDirectory(file: string): void {
  try {
    flush(dirname(resolve(file)));
  } catch {
    // Not every platform opens a directory for fsync.
  }
}

/** Gives the checked copy its name, never over an existing file. */
function publish(temp: string, to: string): void {
  flush(temp);
  try {
    // A hard link fails if `to` appeared meanwhile: no check-then-rename race.
    linkSync(temp, to);
    unlinkSync(temp);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw conflict(`${to} appeared while the backup ran: a backup never overwrites a file; name a new one`);
    if (existsSync(to)) throw error;
    renameSync(temp, to);
  }
  flushDirectory(to);
}

/** Replaces `target` by `temp` in one rename; a stale WAL of the old file must not meet the new one. */
function replace(temp: string, target: string): void {
  flush(temp);
  // The target is closed everywhere (assertNotInUse): what is left beside it belongs to the old file.
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(temp, target);
  flushDirectory(target);
}

function secretKept(dataFile: string, io: Io): string {
  return io.env.LIAISON_JWT_SECRET ? 'LIAISON_JWT_SECRET, set here' : `the file ${secretFileFor(dataFile)}`;
}
