/**
 * Imports a directory of CSV files (the register a committee office keeps in spreadsheets) into
 * the event store, through the same deciders the API uses.
 *
 * Guarantees:
 * - all or nothing: every row is decided first, against the stored state plus the rows before it;
 *   if any row is refused nothing is written, otherwise everything is written by ONE `appendMany`
 *   (one transaction), each stream at the version that was read;
 * - every refused row is reported, not just the first: `{ file, line, column, code, message }`
 *   with the line as an editor shows it (header = 1) and the CSV column the rule is about;
 * - re-running an import writes nothing (see WriteBatch.alreadyApplied in libs/platform for the rule);
 * - every event carries `{ actor, via: 'operator', command, correlationId, source: 'csv-import', file, line }`, so an
 *   auditor can trace it to the row it came from and to the run that wrote it.
 */
import { createHash } from 'node:crypto';
import { ContactDetailsInput, DomainCommand, DomainError, LIMITS, invalid, notFound, parseInstant } from '#domain';
import { EventStore } from '#event-store/eventStore';
import { openOnce } from '#platform/composition';
import { operator } from '#platform/writePath';
import { CsvTable } from './csv.js';
import { Cell, FileSpec, integer, list } from './fileSpec.js';
import { Encoding, readSources } from './sources.js';
import { NON_WORKING_DAYS, NOT_FILED_REASONS, PROPOSALS, PROPOSAL_FILES, PROPOSAL_RULES, PROPOSAL_STEPS } from './proposalFiles.js';
import { OPINION_CREDIT_RULES, OPINION_FILES, OPINION_ISSUE_FORMAT, OPINION_NOT_ADOPTED_REASONS, OPINION_RECIPIENTS, OPINION_REPORTS, OPINION_REPORT_STEPS } from './opinionFiles.js';
import { INSPECTIONS, INSPECTION_FILES, INSPECTION_RULES, INSPECTION_STEPS } from './inspectionFiles.js';
import { KEY_TOPICS, PARTY_COMMITTEE_REPORTS, PARTY_COMMITTEE_STUDIES, TOPIC_FILES, TOPIC_TAGS } from './topicFiles.js';
import { DUTY_FILES, DUTY_POINTS_RULES, MEETINGS, MEETING_ATTENDANCE } from './dutyFiles.js';

export const IMPORT_SOURCE = 'csv-import';

export type CommandType = DomainCommand['type'];

export interface ImportError {
  /** The source as named in its directory: `members.csv`, or `book.xlsx!members` for a workbook's sheet. */
  file: string;
  /** 1-based line in the file; the header is line 1. */
  line: number;
  /** The CSV column the error is about; `*` when it is about the whole row or file. */
  column: string;
  code: string;
  message: string;
}

export interface ImportReport {
  /** Shared by every event of this import (metadata `correlationId`). */
  correlationId: string;
  dryRun: boolean;
  /** Data rows read, per file found (header excluded). */
  rows: Record<string, number>;
  /** Events decided, per command type: these are written unless the import failed or was a dry run. */
  events: Partial<Record<CommandType, number>>;
  /** Commands that were already applied by an earlier run, per command type: nothing to write. */
  skipped: Partial<Record<CommandType, number>>;
  /** Events appended to the store: the sum of `events`, or 0 on errors or a dry run. */
  written: number;
  /** The ids the import gave roster rows whose `id` cell was blank (see ASSIGNED_ID_PREFIX). */
  assignedIds: AssignedId[];
  errors: ImportError[];
}

/** A roster row imported without an id, and the id it was given. */
export interface AssignedId {
  file: string;
  line: number;
  id: string;
}

export interface ImportOptions {
  actor: string;
  /** The clock of the whole import, as an ISO-8601 instant. */
  now: string;
  dryRun?: boolean;
  /** How CSV files are decoded: `auto` (the default) reads UTF-8, or GBK when a file is not valid UTF-8. */
  encoding?: Encoding;
}

// ---------------------------------------------------------------- the files

/** `PARTY_GROUP;CONVENER:sector-econ`: a role kind, or kind:bodyId. */
const roles = (value: string | undefined) =>
  list(value)?.map((r) => {
    const at = r.indexOf(':');
    return at < 0 ? { kind: r, bodyId: null } : { kind: r.slice(0, at).trim(), bodyId: r.slice(at + 1).trim() };
  });

const LOCALITIES: FileSpec = {
  file: 'localities.csv',
  required: ['name', 'kind'],
  optional: ['id'],
  columnOf: { localityId: 'id' },
  commands: (c) => [{ type: 'RegisterLocality', localityId: c('id')!, name: c('name')!, kind: c('kind')! }],
};

const ORGANIZATIONS: FileSpec = {
  file: 'organizations.csv',
  required: ['kind', 'name'],
  // leader_id: a liaison group's leader, when known (a vacant post is named later, ChangeGroupLeader).
  optional: ['id', 'locality_id', 'leader_id'],
  columnOf: { organizationId: 'id' },
  commands: (c) => [
    { type: 'RegisterOrganization', organizationId: c('id')!, kind: c('kind')!, name: c('name')!, localityId: c('locality_id'), leaderId: c('leader_id') },
  ],
};

const PERSONS: FileSpec = {
  file: 'persons.csv',
  required: ['name'],
  optional: ['id', 'title', 'organization_id'],
  columnOf: { personId: 'id' },
  commands: (c) => [{ type: 'RegisterPerson', personId: c('id')!, name: c('name')!, title: c('title'), organizationId: c('organization_id') }],
};

const MEMBERS: FileSpec = {
  file: 'members.csv',
  required: ['name', 'affiliation', 'sector_id', 'special_committee_id'],
  // Blank gender, ethnicity or joined_on: unknown. affiliation: a code or its Chinese name (民革).
  optional: ['id', 'gender', 'ethnicity', 'joined_on', 'liaison_group_id', 'roles'],
  columnOf: { memberId: 'id' },
  commands: (c) => [
    {
      type: 'RegisterMember',
      memberId: c('id')!,
      name: c('name')!,
      gender: c('gender'),
      ethnicity: c('ethnicity'),
      affiliation: c('affiliation')!,
      sectorId: c('sector_id')!,
      specialCommitteeId: c('special_committee_id')!,
      liaisonGroupId: c('liaison_group_id'),
      roles: roles(c('roles')),
      joinedOn: c('joined_on'),
    },
  ],
};

/** 届: proposals are numbered per term and session. */
const TERMS: FileSpec = {
  file: 'terms.csv',
  required: ['id', 'name', 'number', 'starts_on', 'ends_on'],
  optional: [],
  columnOf: { termId: 'id' },
  commands: (c) => [{ type: 'OpenTerm', termId: c('id')!, name: c('name')!, number: integer(c('number')) as number, startsOn: c('starts_on')!, endsOn: c('ends_on')! }],
};

/** A session in a term names it and its number within it (第四次会议: 4); both blank, a session of no term. */
const PLENARY_SESSIONS: FileSpec = {
  file: 'plenary_sessions.csv',
  required: ['id', 'name', 'starts_on', 'ends_on'],
  optional: ['term_id', 'number'],
  columnOf: { sessionId: 'id' },
  commands: (c) => [
    { type: 'SchedulePlenarySession', sessionId: c('id')!, name: c('name')!, startsOn: c('starts_on')!, endsOn: c('ends_on')!, termId: c('term_id'), number: integer(c('number')) as number | undefined },
  ],
};

const LINKS: FileSpec = {
  file: 'links.csv',
  required: ['id', 'scheme', 'source_id', 'target_id', 'min_contacts', 'per', 'active_from'],
  optional: ['active_to', 'end_reason'],
  columnOf: { linkId: 'id', reason: 'end_reason' },
  commands(c) {
    const linkId = c('id')!;
    const assign: DomainCommand = {
      type: 'AssignLink',
      linkId,
      scheme: c('scheme')!,
      sourceId: c('source_id')!,
      targetId: c('target_id')!,
      requirement: { minContacts: integer(c('min_contacts')) as number, per: c('per')! },
      activeFrom: c('active_from')!,
    };
    const activeTo = c('active_to');
    if (activeTo === undefined) {
      if (c('end_reason') !== undefined) throw invalid('end_reason is given but active_to is blank; give the date the link ended, or clear end_reason', 'activeTo');
      return [assign];
    }
    return [assign, { type: 'EndLink', linkId, activeTo, reason: c('end_reason')! }];
  },
};

/** The contact columns contacts.csv and contact_corrections.csv share; a blank cell is undefined. */
const contactDetails = (c: Cell): Partial<ContactDetailsInput> => ({
  occurredAt: c('occurred_at'),
  channel: c('channel'),
  participantIds: list(c('participant_ids')),
  linkIds: list(c('link_ids')),
  topic: c('topic'),
  summary: c('summary'),
  issuesRaised: list(c('issues_raised')),
  liaisonGroupId: c('liaison_group_id'),
  inspectionId: c('inspection_id'),
});

const CONTACTS: FileSpec = {
  file: 'contacts.csv',
  required: ['id', 'occurred_at', 'channel', 'participant_ids', 'topic'],
  // issue_ids: the ids of the issues raised, one per issue in order, so that an opinion report
  // (opinion_reports.csv) can name the issue it takes up; blank, the issues get ids of their own.
  // inspection_id: the inspection a meeting with a unit served (inspections.csv), so it counts in the network.
  optional: ['link_ids', 'summary', 'issues_raised', 'liaison_group_id', 'issue_ids', 'inspection_id'],
  columnOf: { contactId: 'id', issues: 'issues_raised' },
  commands(c) {
    // The required columns are checked on the header; a blank required cell reaches the decider, which refuses it.
    const details = contactDetails(c) as ContactDetailsInput;
    const ids = list(c('issue_ids'));
    if (ids === undefined) return [{ type: 'LogContact', contactId: c('id')!, ...details }];
    const { issuesRaised, ...rest } = details;
    const texts = issuesRaised ?? [];
    if (ids.length !== texts.length) throw invalid(`issue_ids names ${ids.length} issue(s) but issues_raised lists ${texts.length}; give one id per issue, in the same order`, 'issueIds');
    return [{ type: 'LogContact', contactId: c('id')!, ...rest, issues: texts.map((text, i) => ({ issueId: ids[i]!, text })) }];
  },
};

/** Blank cells leave the contact's value unchanged, so a correction cannot empty a list or clear the group. */
const CONTACT_CORRECTIONS: FileSpec = {
  file: 'contact_corrections.csv',
  required: ['contact_id', 'reason'],
  optional: ['occurred_at', 'channel', 'participant_ids', 'link_ids', 'topic', 'summary', 'issues_raised', 'liaison_group_id', 'inspection_id'],
  columnOf: {},
  commands: (c) => [
    {
      type: 'CorrectContact',
      contactId: c('contact_id')!,
      reason: c('reason')!,
      ...contactDetails(c),
    },
  ],
};

const CONTACT_RETRACTIONS: FileSpec = {
  file: 'contact_retractions.csv',
  required: ['contact_id', 'reason'],
  optional: [],
  columnOf: {},
  commands: (c) => [{ type: 'RetractContact', contactId: c('contact_id')!, reason: c('reason')! }],
};

export const IMPORT_FILES: readonly FileSpec[] = [
  LOCALITIES,
  ORGANIZATIONS,
  PERSONS,
  MEMBERS,
  TERMS,
  PLENARY_SESSIONS,
  LINKS,
  CONTACTS,
  CONTACT_CORRECTIONS,
  CONTACT_RETRACTIONS,
  ...PROPOSAL_FILES,
  ...OPINION_FILES,
  ...INSPECTION_FILES,
  ...TOPIC_FILES,
  ...DUTY_FILES,
];

const isGroup = (c: Cell) => c('kind') === 'LIAISON_GROUP';

/**
 * The order rows are decided in, so that each row finds what it refers to: a liaison group needs
 * its locality and its leader (usually a person), and members need their group. A group led by a
 * member must therefore name one already in the store. Sessions need their term; proposals need
 * the office's rules and reasons, their sessions, proposers and units, and a step its proposal
 * (and a merge its target, which may come later in proposals.csv). Opinion reports need their
 * authors, the contacts and not-filed proposals they take up, and the office's recipients and
 * reasons; inspections their organisers, invitees and units, and a contact the inspection it serves
 * (planned, so a meeting on a day of the visit finds it being held). A key topic's tags need the
 * work they name; a study of the Party committee, the reports it took up.
 */
const STEPS: ReadonlyArray<{ spec: FileSpec; accepts?: (c: Cell) => boolean }> = [
  { spec: LOCALITIES },
  { spec: ORGANIZATIONS, accepts: (c) => !isGroup(c) },
  { spec: PERSONS },
  { spec: ORGANIZATIONS, accepts: isGroup },
  { spec: MEMBERS },
  { spec: TERMS },
  { spec: PLENARY_SESSIONS },
  { spec: LINKS },
  // The year's key topics before the proposals and inspections that may name one.
  { spec: KEY_TOPICS },
  // Plans before contacts: a meeting with a unit on the visit's first day serves an inspection being held.
  { spec: INSPECTION_RULES },
  { spec: INSPECTIONS },
  { spec: CONTACTS },
  { spec: CONTACT_CORRECTIONS },
  { spec: CONTACT_RETRACTIONS },
  { spec: PROPOSAL_RULES },
  { spec: NOT_FILED_REASONS },
  { spec: NON_WORKING_DAYS },
  { spec: PROPOSALS },
  { spec: PROPOSAL_STEPS },
  // Reports after the contacts whose issues and the proposals not filed that they take up.
  { spec: OPINION_RECIPIENTS },
  { spec: OPINION_NOT_ADOPTED_REASONS },
  { spec: OPINION_ISSUE_FORMAT },
  { spec: OPINION_CREDIT_RULES },
  { spec: OPINION_REPORTS },
  { spec: OPINION_REPORT_STEPS },
  { spec: INSPECTION_STEPS },
  // Tags after all the work they name; the Party committee's studies after the reports they take up.
  { spec: TOPIC_TAGS },
  { spec: PARTY_COMMITTEE_REPORTS },
  { spec: PARTY_COMMITTEE_STUDIES },
  // Meetings need their sessions and terms, a roll call its meeting and its members.
  { spec: DUTY_POINTS_RULES },
  { spec: MEETINGS },
  { spec: MEETING_ATTENDANCE },
];

/**
 * A roster row with a blank id gets one from its name, `member:张伟`, so a re-run assigns the
 * same ids (and writes nothing) and a row added later leaves the others' ids alone; the report
 * lists them, and other files refer to the row by that id. A name met again in the same file
 * takes `:2`, `:3` … in file order; a name too long for an id, a digest of it.
 */
export const ASSIGNED_ID_PREFIX: ReadonlyMap<FileSpec, string> = new Map([
  [LOCALITIES, 'locality'],
  [ORGANIZATIONS, 'org'],
  [PERSONS, 'person'],
  [MEMBERS, 'member'],
]);

function assignedId(spec: FileSpec, name: string | undefined, seen: Map<string, number>): string | undefined {
  const prefix = ASSIGNED_ID_PREFIX.get(spec);
  if (!prefix || name === undefined) return undefined;
  const key = `${spec.file}\u0000${name}`;
  const n = (seen.get(key) ?? 0) + 1;
  seen.set(key, n);
  const safe = name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}/;]/gu, '_');
  const suffix = n > 1 ? `:${n}` : '';
  const id = `${prefix}:${safe}${suffix}`;
  if ([...id].length <= LIMITS.id) return id;
  return `${prefix}:${createHash('sha256').update(name).digest('hex').slice(0, 16)}${suffix}`;
}

const snakeCase = (field: string) => field.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);

/** The CSV column of a command field: `roles[2].bodyId` → `roles`, `requirement.minContacts` → `min_contacts`. */
function columnFor(spec: FileSpec, field: string | undefined): string {
  const base = (field ?? '').replace(/\[\d+\].*$/, '');
  const column = spec.columnOf[base] ?? snakeCase(base.split('.').pop() ?? '');
  return spec.required.includes(column) || spec.optional.includes(column) ? column : spec.required[0]!;
}

// ---------------------------------------------------------------- reading

interface LoadedFile {
  spec: FileSpec;
  /** The source as errors and event metadata name it: `members.csv`, `book.xlsx!members`. */
  name: string;
  table: CsvTable;
  /** The columns the file wrote under another header (`报告编号` for `id`), by column. */
  written: ReadonlyMap<string, string>;
}

/**
 * Reads the files that are present, as CSV files or workbook sheets (sources.ts: the one reader
 * layer); header problems are errors and keep that file's rows out.
 */
async function loadFiles(dir: string, errors: ImportError[], encoding: Encoding | undefined): Promise<LoadedFile[]> {
  const sources = await readSources(dir, IMPORT_FILES.map((s) => s.file), encoding);
  for (const p of sources.problems) errors.push({ file: p.name, line: p.line, column: p.column, code: 'VALIDATION', message: p.message });
  if (sources.tables.length === 0 && sources.problems.length === 0) {
    throw notFound(`${dir} holds none of the files an import reads (${IMPORT_FILES.map((s) => s.file).join(', ')}, as CSV or as .xlsx sheets)`);
  }
  const loaded: LoadedFile[] = [];
  for (const { file, name, table } of sources.tables) {
    const spec = IMPORT_FILES.find((s) => s.file === file)!;
    const fail = (line: number, column: string, message: string) => errors.push({ file: name, line, column, code: 'VALIDATION', message });
    const known = [...spec.required, ...spec.optional];
    const before = errors.length;
    // A Chinese header is the column it names; the errors keep the file's own word for it.
    const written = new Map<string, string>();
    table.header = table.header.map((h) => {
      const column = spec.headers?.[h];
      if (column === undefined) return h;
      written.set(column, h);
      return column;
    });
    if (table.header.length === 0) fail(1, '*', `the file is empty; its first line must be the header (${known.join(',')})`);
    for (const column of spec.required) if (table.header.length > 0 && !table.header.includes(column)) fail(1, column, `required column ${column} is missing from the header`);
    for (const [i, column] of table.header.entries()) {
      // An unknown column is refused rather than ignored: a misspelt optional column would otherwise drop its data silently.
      if (!known.includes(column)) fail(1, column || `#${i + 1}`, `unknown column "${column}"; ${spec.file} has the columns ${known.join(', ')}`);
      else if (table.header.indexOf(column) !== i) fail(1, column, `column ${column} appears twice in the header`);
    }
    if (errors.length === before) loaded.push({ spec, name, table, written });
    else for (const e of errors.slice(before)) e.column = written.get(e.column) ?? e.column;
  }
  return loaded;
}

// ---------------------------------------------------------------- the import

/**
 * Decides every row of the CSV files in `dir` through the write path's batch and, when none is
 * refused and this is not a dry run, writes them all in one `appendMany`. The deciders' directory
 * is the projections caught up when the import starts, plus the rows staged before; a concurrent
 * write to a stream the import touches fails the append with StreamVersionConflictError and
 * nothing is written.
 */
export async function importDirectory(store: EventStore, dir: string, options: ImportOptions): Promise<ImportReport> {
  const now = parseInstant(options.now, 'now');
  const errors: ImportError[] = [];
  const files = await loadFiles(dir, errors, options.encoding);
  const { writePath } = await openOnce(store);
  const batch = await writePath.batch(operator(options.actor), { source: IMPORT_SOURCE });
  const report: ImportReport = { correlationId: batch.correlationId, dryRun: options.dryRun ?? false, rows: {}, events: {}, skipped: {}, written: 0, assignedIds: [], errors };
  const namesSeen = new Map<string, number>();

  for (const { spec, table } of files) report.rows[spec.file] = table.records.length;
  const nameOf = new Map(files.map((f) => [f.spec, f.name]));
  const threads = new Map<string, { ms: number; line: number; file: string; text: string }>();
  for (const { spec, accepts } of STEPS) {
    const table = files.find((f) => f.spec === spec)?.table;
    const name = nameOf.get(spec)!;
    if (!table) continue;
    const readOf =
      (record: (typeof table.records)[number]): Cell =>
      (column) => {
        const value = record.values[table.header.indexOf(column)]?.trim();
        return value ? value : undefined;
      };
    const written = files.find((f) => f.spec === spec)!.written;
    for (let r = 0; r < table.records.length; r++) {
      const record = table.records[r]!;
      const read = readOf(record);
      if (accepts && !accepts(read)) continue;
      // A run: this row and the consecutive rows of the same key, decided as one command.
      const runKey = spec.runs?.key(read);
      const run = [{ line: record.line, cell: read }];
      while (runKey !== undefined && r + 1 < table.records.length && spec.runs!.key(readOf(table.records[r + 1]!)) === runKey) {
        r++;
        run.push({ line: table.records[r]!.line, cell: readOf(table.records[r]!) });
      }
      const given = ASSIGNED_ID_PREFIX.has(spec) && read('id') === undefined ? assignedId(spec, read('name'), namesSeen) : undefined;
      const cell: Cell = given === undefined ? read : (column) => (column === 'id' ? given : read(column));
      const origin = { file: name, line: record.line };
      if (given !== undefined) report.assignedIds.push({ ...origin, id: given });
      if (record.values.length > table.header.length && record.values.slice(table.header.length).some((v) => v.trim() !== '')) {
        report.errors.push({ ...origin, column: '*', code: 'VALIDATION', message: `the row has ${record.values.length} cells but the header names ${table.header.length} columns` });
        continue;
      }
      try {
        const at = spec.at ? spec.at(cell) : now;
        if (spec.thread) inOrder(spec, cell, at, record.line, threads);
        for (const command of spec.commands(cell, runKey === undefined ? undefined : run.map((x) => x.cell))) {
          const staged = await batch.stage(command, origin, at);
          const counts = staged > 0 ? report.events : report.skipped;
          counts[command.type] = (counts[command.type] ?? 0) + (staged > 0 ? staged : 1);
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // `recommendations[2].unitId` of a run is about its third row.
        const inRun = spec.runs && runKey !== undefined ? new RegExp(`^${spec.runs.field}\\[(\\d+)\\]\\.?(.*)$`).exec(error.field ?? '') : null;
        const row = inRun ? run[Number(inRun[1])] : undefined;
        const column = columnFor(spec, row ? inRun![2] || undefined : error.field);
        report.errors.push({ ...origin, line: row?.line ?? origin.line, column: written.get(column) ?? column, code: error.code, message: error.message });
      }
    }
  }

  // In the order of IMPORT_FILES, a workbook's sheet where its file would be (`book.xlsx!members` as members.csv).
  const order = IMPORT_FILES.map((s) => s.file.replace(/\.csv$/, ''));
  const rank = (name: string) => {
    const [book, sheet] = name.split('!') as [string, string | undefined];
    const bySheet = sheet === undefined ? -1 : order.indexOf(sheet.trim());
    return bySheet >= 0 ? bySheet : order.indexOf(book.replace(/\.(csv|xlsx)$/i, ''));
  };
  report.errors.sort((a, b) => rank(a.file) - rank(b.file) || a.line - b.line);
  if (report.errors.length === 0 && !report.dryRun) report.written = await batch.commit();
  return report;
}

/**
 * Refuses a row dated before an earlier row of its thread (a reply before the assignment it
 * answers would count negative days). Submission and steps share a thread per proposal.
 */
function inOrder(spec: FileSpec, cell: Cell, at: string, line: number, threads: Map<string, { ms: number; line: number; file: string; text: string }>): void {
  const key = spec.thread!.key(cell);
  if (key === undefined) return;
  const ms = Date.parse(at);
  const last = threads.get(key);
  if (last && ms < last.ms) {
    throw invalid(`${spec.thread!.column} ${cell(spec.thread!.column)} is before ${last.text}, the date of ${key} at ${last.file}:${last.line}; ${spec.thread!.rows ?? "a proposal's rows"} go in the order they happened`, spec.thread!.column);
  }
  threads.set(key, { ms, line, file: spec.file, text: cell(spec.thread!.column)! });
}
