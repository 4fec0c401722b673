/**
 * The operators' command line: `node dist/apps/cli/src/main.js <command>`.
 *
 * Exit codes: 0 done; 1 the work was refused or failed (nothing written for an import); 2 bad usage.
 * Import errors go to stderr one per line as `file:line: column: CODE message`, so editors and
 * grep can jump to the row.
 */
import { mkdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from '#event-store/sqlite';
import type { StreamAppend } from '#event-store/eventStore';
import { AccessDeniedError, DomainError } from '#domain';
import { UnreadableEventError } from '#event-store/eventStore';
import { LiaisonView } from '#projections/liaison/liaisonView';
import { Composition } from '#platform/composition';
import { ProjectionRunner } from '#projections/shared/runner';
import { importDirectory, ImportReport } from './csvImport.js';
import { runIssueToken, runRevokeToken } from './access.js';
import { EXPORTABLE, ExportQuery, Exportable, runExportCsv, runExportXlsx } from './exportCsv.js';
import { ENCODINGS, Encoding } from './sources.js';
import { runTemplate } from './template.js';
import { MigrateUsageError, parseStoreSpec, runMigrate } from './migrate.js';
import { DEFAULT_SEED, writeSample } from './sample/generateSample.js';
import { runExport, runImportLog, runReplay, runSeal, runVerify } from './audit.js';
import { runBackup, runRestore } from './backup.js';
import { NO_PROGRESS, Progress, ProgressSettingError, ProgressTarget, countingReads, observed, progressMode, startProgress } from './progress.js';
import { DEFAULT_SNAPSHOT_EVERY } from '#projections/shared/timeTravel/timeTravel';

const PROGRAM = 'node dist/apps/cli/src/main.js';

/** Each command's synopsis and what it does, in the order the usage lists them. */
const COMMANDS: ReadonlyArray<readonly [command: string, synopsis: string, description: string]> = [
  [
    'import',
    '--dir DIR | --file BOOK.xlsx [--encoding auto|utf8|gbk] [--db FILE] [--dry-run] [--actor NAME]',
    `decide every row of the CSV files and .xlsx sheets in DIR (or of one workbook);
write all of them in one transaction, or none. CSV: UTF-8, or GBK (auto: when not valid UTF-8)`,
  ],
  ['template', '--to FILE.xlsx', 'write the import template: a sheet per import file, its columns, allowed values (中文/English), an example row'],
  ['rebuild', '[--db FILE]', 'replay the whole log into a fresh read model and report counts and speed'],
  ['generate-sample', '--out DIR [--seed N]', 'write the synthetic Golmud sample network as CSV files into DIR'],
  [
    'migrate',
    '--from sqlite:FILE|esdb:CONN --to sqlite:FILE|esdb:CONN',
    `copy every event to another engine (ids, streams, order, data, metadata kept), resuming
after what the target already holds; then verify both logs match and print the result`,
  ],
  [
    'issue-token',
    '--subject NAME --role ADMIN|RECORDER|LEADER|AUDITOR [--group ID]... [--member ID] [--office] [--days N] [--url URL] [--db FILE]',
    `issue an access token (RECORDER: for --group liaison groups and/or one --member, or with
--office for every contact of the committee, as the committee office's clerk);
prints the token, once, alone on stdout; with --url (the page's address, e.g.
http://127.0.0.1:4000), a sign-in link for the page instead`,
  ],
  ['revoke-token', '--token-id ID --reason TEXT [--db FILE]', 'revoke a token: the API refuses it from then on'],
  [
    'export-csv',
    'contacts|coverage|stale-links [--period P] [--scheme S] [--days N] [--on DATE] [--db FILE] [--out FILE]',
    `a table as CSV for a spreadsheet (UTF-8 with a byte-order mark), formula-like cells (= + - @)
neutralised: every contact; coverage of --period (2020-Q1) per scheme with its breakdowns;
links with no contact in the last --days (90) days up to --on (today)`,
  ],
  ['export-xlsx', 'contacts|coverage|stale-links --out FILE.xlsx [--period P] [--scheme S] [--days N] [--on DATE] [--db FILE]', 'the same tables as an .xlsx workbook'],
  ['seal', '[--db FILE] [--actor NAME]', 'seal the log now: record the running hash of everything recorded so far in the log itself'],
  [
    'verify',
    '[--db FILE] [--expect HASH]',
    `recompute the hash chain; report the first position where the record disagrees with its
seals, or with HASH (a running hash kept outside the system); exit 1 when it does`,
  ],
  ['export', '[--db FILE] [--from POSITION] [--to POSITION] [--out FILE]', 'the log as NDJSON, one event a line with its position and running hash (stdout by default)'],
  ['import-log', '--file FILE [--db FILE]', 'load a complete export into an EMPTY store: the same events, positions, times and hashes'],
  [
    'replay',
    '[--db FILE]',
    `rebuild every read model from zero, compare it with the live one, print events/s and
"identical" or the differences by read model and key; exit 1 when they differ`,
  ],
  [
    'backup',
    '--to FILE [--db FILE]',
    `copy the store online (the server may keep writing) into FILE, a new file, verify the
copy and print its head position and hash; the JWT secret is not in it: keep it too`,
  ],
  [
    'restore',
    '--from FILE [--db FILE] [--force]',
    `verify the backup FILE, then make it the store; a store that holds events is replaced
only with --force, and never while a server has it open`,
  ],
  ['help', '[COMMAND]', 'show this text (or one command\'s); --help and -h after any command do the same'],
];

const FOOTER = `The database is --db, else $LIAISON_DB, else data/liaison.db. import writes SQLite only (one
transaction); to load CSV files into EventStoreDB, import into a SQLite file, then migrate it.
Long jobs show their progress on stderr: a bar on a terminal, nothing otherwise;
LIAISON_PROGRESS=lines writes a line every 5 s and a final one instead (for logs), =off nothing.`;

const indent = (text: string) => text.replace(/^/gm, '      ');

export const USAGE = `usage: ${PROGRAM} <command> [options]

commands:
${COMMANDS.map(([command, synopsis, description]) => `  ${command} ${synopsis}\n${indent(description)}`).join('\n')}

${FOOTER}`;

/** One command's usage, for `COMMAND --help` and `help COMMAND`. */
function usageOf(command: string): string {
  const entry = COMMANDS.find(([name]) => name === command);
  if (!entry) return USAGE;
  return `usage: ${PROGRAM} ${entry[0]} ${entry[1]}\n\n${indent(entry[2])}\n\n${FOOTER}`;
}

const OPTIONS = {
  dir: { type: 'string' },
  db: { type: 'string' },
  'dry-run': { type: 'boolean' },
  actor: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  subject: { type: 'string' },
  role: { type: 'string' },
  group: { type: 'string', multiple: true },
  office: { type: 'boolean' },
  member: { type: 'string' },
  days: { type: 'string' },
  'token-id': { type: 'string' },
  url: { type: 'string' },
  reason: { type: 'string' },
  expect: { type: 'string' },
  file: { type: 'string' },
  force: { type: 'boolean' },
  encoding: { type: 'string' },
  period: { type: 'string' },
  scheme: { type: 'string' },
  on: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ALLOWED: Record<string, readonly string[]> = {
  import: ['dir', 'file', 'encoding', 'db', 'dry-run', 'actor'],
  template: ['to'],
  rebuild: ['db'],
  'generate-sample': ['out', 'seed'],
  migrate: ['from', 'to'],
  'issue-token': ['subject', 'role', 'group', 'member', 'office', 'days', 'url', 'db', 'actor'],
  'revoke-token': ['token-id', 'reason', 'db', 'actor'],
  'export-csv': ['db', 'out', 'period', 'scheme', 'days', 'on'],
  'export-xlsx': ['db', 'out', 'period', 'scheme', 'days', 'on'],
  seal: ['db', 'actor'],
  verify: ['db', 'expect'],
  export: ['db', 'from', 'to', 'out'],
  'import-log': ['file', 'db'],
  replay: ['db'],
  backup: ['to', 'db'],
  restore: ['from', 'db', 'force'],
  help: [],
};

export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Where long jobs draw their progress (process.stderr); none when absent. */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
  /** True when stdout is a terminal: a bar would then interleave with what a command prints there. */
  stdoutIsTTY?: boolean;
}

class UsageError extends Error {}

/** Runs one command and returns the exit code; never calls process.exit, so it can be tested in-process. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    const [command, ...extra] = positionals;
    // --help / -h, alone or after any command, whatever else is given: the usage, exit 0.
    if (values.help) {
      io.out(command === undefined ? USAGE : usageOf(command));
      return 0;
    }
    if (command === undefined) throw new UsageError('no command given');
    if (!(command in ALLOWED)) throw new UsageError(`unknown command ${command}`);
    // export-csv names what to export, help the command to explain; no other command takes a positional argument.
    const what = command === 'export-csv' || command === 'export-xlsx' || command === 'help' ? extra.shift() : undefined;
    if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
    for (const name of Object.keys(values)) if (!ALLOWED[command]!.includes(name)) throw new UsageError(`--${name} does not apply to ${command}`);
    if (command === 'help') {
      if (what !== undefined && !(what in ALLOWED)) throw new UsageError(`unknown command ${what}`);
      io.out(what === undefined ? USAGE : usageOf(what));
      return 0;
    }
    const progress = progressFor(command, io, { toStdout: command === 'export' && values.out === undefined });
    try {
      return await run(command, values, what, io, progress);
    } finally {
      // After a failure: the bar is closed before the error line.
      progress.abandon();
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof MigrateUsageError || error instanceof ProgressSettingError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${(error as Error).message}`);
      io.err(USAGE);
      return 2;
    }
    // A refused command says its code, as the API's extensions.code does: VALIDATION, NOT_FOUND, CONFLICT …
    const code = error instanceof DomainError || error instanceof AccessDeniedError || error instanceof UnreadableEventError ? `${error.code} ` : '';
    const field = error instanceof DomainError && error.field ? ` (${error.field})` : '';
    io.err(`error: ${code}${(error as Error).message}${field}`);
    return 1;
  }
}

type Values = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

async function run(command: string, values: Values, what: string | undefined, io: Io, progress: Progress): Promise<number> {
  switch (command) {
    case 'import': {
      const source = values.dir ?? values.file;
      if (!source || (values.dir && values.file)) throw new UsageError('import needs --dir DIR (CSV files and .xlsx workbooks) or --file BOOK.xlsx, not both');
      const encoding = (values.encoding ?? 'auto') as Encoding;
      if (!ENCODINGS.includes(encoding)) throw new UsageError(`--encoding must be one of ${ENCODINGS.join(', ')}, not ${values.encoding}`);
      return await runImport(source, databaseFile(values.db, io), { actor: values.actor ?? defaultActor(), dryRun: values['dry-run'] ?? false, encoding }, io, progress);
    }
    case 'template': {
      if (!values.to || !/\.xlsx$/i.test(values.to)) throw new UsageError('template needs --to FILE.xlsx');
      return await runTemplate(values.to, io);
    }
    case 'rebuild':
      return await runRebuild(databaseFile(values.db, io), io, progress);
    case 'generate-sample': {
      if (!values.out) throw new UsageError('generate-sample needs --out DIR');
      const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
      if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be a whole number, not ${values.seed}`);
      for (const f of await writeSample(values.out, seed)) io.out(`${join(values.out, f.file)}: ${f.rows} rows, ${f.bytes} bytes`);
      return 0;
    }
    case 'migrate': {
      if (!values.from || !values.to) throw new UsageError('migrate needs --from and --to, each sqlite:FILE or esdb:CONNECTION_STRING');
      return await runMigrate(parseStoreSpec(values.from, 'from'), parseStoreSpec(values.to, 'to'), io, progress);
    }
    case 'issue-token': {
      if (!values.subject || !values.role) throw new UsageError('issue-token needs --subject NAME and --role ROLE');
      const days = values.days === undefined ? 90 : Number(values.days);
      if (!Number.isInteger(days) || days < 1) throw new UsageError(`--days must be a whole number of days, not ${values.days}`);
      if (values.url !== undefined && !/^https?:\/\/[^\s#]+$/.test(values.url)) throw new UsageError(`--url must be the page's http(s) address without a fragment, e.g. http://127.0.0.1:4000, not ${values.url}`);
      if (values.office && (values.group || values.member)) throw new UsageError('--office covers every contact: give it alone, without --group or --member');
      const options = { subject: values.subject, role: values.role, liaisonGroupIds: values.group ?? [], memberId: values.member, office: values.office ?? false, days, actor: values.actor ?? defaultActor(), url: values.url };
      return await runIssueToken(databaseFile(values.db, io), options, io);
    }
    case 'revoke-token': {
      if (!values['token-id'] || !values.reason) throw new UsageError('revoke-token needs --token-id ID and --reason TEXT');
      return await runRevokeToken(databaseFile(values.db, io), { tokenId: values['token-id'], reason: values.reason, actor: values.actor ?? defaultActor() }, io);
    }
    case 'export-csv':
    case 'export-xlsx': {
      if (!what || !(EXPORTABLE as readonly string[]).includes(what)) throw new UsageError(`${command} needs what to export: ${EXPORTABLE.join(', ')}`);
      if (what === 'coverage' && !values.period) throw new UsageError(`${command} coverage needs --period (2020, 2020-H1, 2020-Q2 or 2020-04)`);
      const days = values.days === undefined ? undefined : Number(values.days);
      if (days !== undefined && (!Number.isInteger(days) || days < 1)) throw new UsageError(`--days must be a whole number of days, not ${values.days}`);
      const query: ExportQuery = { period: values.period, scheme: values.scheme, days, on: values.on };
      if (command === 'export-csv') return await runExportCsv(what as Exportable, databaseFile(values.db, io), values.out, query, io);
      if (!values.out || !/\.xlsx$/i.test(values.out)) throw new UsageError('export-xlsx needs --out FILE.xlsx');
      return await runExportXlsx(what as Exportable, databaseFile(values.db, io), values.out, query, io);
    }
    case 'seal':
      return await runSeal(databaseFile(values.db, io), values.actor ?? defaultActor(), io);
    case 'verify':
      return await runVerify(databaseFile(values.db, io), values.expect, io, progress);
    case 'export':
      return await runExport(databaseFile(values.db, io), { from: values.from, to: values.to }, values.out, io, progress);
    case 'import-log': {
      if (!values.file) throw new UsageError('import-log needs --file FILE (an NDJSON export)');
      return await runImportLog(values.file, databaseFile(values.db, io), io, progress);
    }
    case 'replay': {
      const every = io.env.LIAISON_SNAPSHOT_EVERY ? Number(io.env.LIAISON_SNAPSHOT_EVERY) : DEFAULT_SNAPSHOT_EVERY;
      if (!Number.isInteger(every) || every < 1) throw new UsageError(`LIAISON_SNAPSHOT_EVERY must be a whole number from 1, not ${io.env.LIAISON_SNAPSHOT_EVERY}`);
      return await runReplay(databaseFile(values.db, io), every, io, progress);
    }
    case 'backup': {
      if (!values.to) throw new UsageError('backup needs --to FILE (a new file)');
      return await runBackup(databaseFile(values.db, io), values.to, io, progress);
    }
    case 'restore': {
      if (!values.from) throw new UsageError('restore needs --from FILE (a backup)');
      return await runRestore(values.from, databaseFile(values.db, io), values.force ?? false, io, progress);
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

/** Commands whose work takes long enough to show how far it is. */
const LONG_JOBS = new Set(['import', 'rebuild', 'migrate', 'verify', 'export', 'import-log', 'replay', 'backup', 'restore']);

function progressFor(command: string, io: Io, options: { toStdout: boolean }): Progress {
  if (!LONG_JOBS.has(command) || io.progress === undefined) return NO_PROGRESS;
  // A bar on the terminal where the command's own output goes would tear that output apart.
  if (options.toStdout && io.stdoutIsTTY && progressMode(io.env.LIAISON_PROGRESS) === 'auto') return NO_PROGRESS;
  const target: ProgressTarget = { stream: io.progress, line: (text) => io.err(text) };
  return startProgress(command, target, io.env.LIAISON_PROGRESS);
}

function databaseFile(option: string | undefined, io: Io): string {
  const file = option ?? io.env.LIAISON_DB ?? join('data', 'liaison.db');
  mkdirSync(dirname(resolve(file)), { recursive: true });
  return file;
}

function defaultActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

async function runImport(dir: string, file: string, options: { actor: string; dryRun: boolean; encoding: Encoding }, io: Io, progress: Progress): Promise<number> {
  const store = new SqliteEventStore({ file });
  let report: ImportReport;
  try {
    report = await importDirectory(importProgress(store, await store.headPosition(), progress), dir, { ...options, now: new Date().toISOString() });
  } finally {
    await store.close();
  }
  progress.end();
  // Errors name their source beside the others: dir/members.csv:3, dir/book.xlsx!members:3.
  let base = dir;
  try {
    if (!statSync(dir).isDirectory()) base = dirname(dir);
  } catch {
    // an unreadable path was refused by the import already
  }
  for (const e of report.errors) io.err(`${join(base, e.file)}:${e.line}: ${e.column}: ${e.code} ${e.message}`);
  for (const a of report.assignedIds) io.out(`${join(base, a.file)}:${a.line}: id: assigned ${a.id} (the id cell was blank)`);
  const decided = Object.values(report.events).reduce((n, k) => n + (k ?? 0), 0);
  const types = [...new Set([...Object.keys(report.events), ...Object.keys(report.skipped)])] as Array<keyof ImportReport['events']>;
  // The column is as wide as the longest command name, so the counts line up.
  const width = Math.max(24, ...types.map((type) => type.length));
  for (const type of types) io.out(`  ${type.padEnd(width)} ${String(report.events[type] ?? 0).padStart(7)} events  ${String(report.skipped[type] ?? 0).padStart(7)} already applied`);
  if (report.errors.length > 0) {
    io.err(`${report.errors.length} error(s) in ${dir}; nothing written to ${file}`);
    return 1;
  }
  io.out(
    report.dryRun
      ? `dry run of ${dir}: ${decided} events would be written to ${file}; nothing written`
      : `imported ${dir} into ${file}: ${report.written} events written (correlation ${report.correlationId})`,
  );
  return 0;
}

async function runRebuild(file: string, io: Io, progress: Progress): Promise<number> {
  const store = new SqliteEventStore({ file });
  try {
    const projections = new Composition().createProjections();
    const started = performance.now();
    progress.step('replaying the log', 'events', await store.headPosition());
    const applied = await new ProjectionRunner(countingReads(store, progress), projections).catchUp();
    const seconds = (performance.now() - started) / 1000;
    progress.end();
    const model = LiaisonView.of(projections);
    const retracted = [...model.contacts.values()].filter((c) => c.retracted).length;
    const skipped = projections.skipped();
    io.out(`rebuilt the read model from ${file}`);
    io.out(`events applied: ${applied}`);
    io.out(`events skipped: ${Object.values(skipped).reduce((a, b) => a + b, 0)}`);
    io.out(`skipped by projection: ${Object.entries(skipped).map(([name, n]) => `${name} ${n}`).join(', ')}`);
    io.out(`events no projection handles (seals): ${projections.unhandled}`);
    io.out(`members: ${model.members.size}`);
    io.out(`organizations: ${model.organizations.size}`);
    io.out(`links: ${model.links.size}`);
    io.out(`contacts: ${model.contacts.size} (${retracted} retracted)`);
    io.out(`seconds: ${seconds.toFixed(3)}`);
    io.out(`events/s: ${seconds > 0 ? Math.round(applied / seconds) : applied}`);
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * An import's steps, as the store sees them: the read model catching up with the log (events of
 * the head), then the rows decided (each new stream a row touches is read once: streams, no total
 * known beforehand), then the one append (events).
 */
const eventsIn = (batch: readonly StreamAppend[]) => batch.reduce((sum, item) => sum + item.events.length, 0);

function importProgress(store: SqliteEventStore, head: number, progress: Progress): SqliteEventStore {
  if (progress === NO_PROGRESS) return store;
  let deciding = false;
  if (head > 0) progress.step('reading the log', 'events', head);
  return observed(store, {
    readAll: (page) => progress.add(page.length),
    readStream: () => {
      if (!deciding) progress.step('deciding rows', 'streams read');
      deciding = true;
      progress.add(1);
    },
    appendMany: (batch) => progress.step('writing', 'events', eventsIn(batch)),
    appended: (batch) => progress.set(eventsIn(batch)),
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // A reader that stops early (`| head`) closes the pipe: the rest of the output goes nowhere, and
  // the command still finishes what it started (an import's one transaction is never cut short).
  let stdoutClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (line) => {
      if (!stdoutClosed) process.stdout.write(`${line}\n`);
    },
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    progress: process.stderr,
    stdoutIsTTY: process.stdout.isTTY === true,
  });
}
