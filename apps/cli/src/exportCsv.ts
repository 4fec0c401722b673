/**
 * `export-csv` and `export-xlsx`: a table for a spreadsheet. `contacts`: every contact, columns
 * following the import's contacts.csv, lists `;`-separated, then what the record adds;
 * `coverage`: the leaders' coverage of one period per scheme with its breakdowns (the `coverage`
 * query); `stale-links`: links with no contact in the last N days (the `staleLinks` query).
 * It reads the log and writes nothing to it.
 *
 * CSV starts with a byte-order mark and has formula injection neutralised in every cell (see
 * `toSpreadsheetCsv`). In .xlsx every text is a string cell, which a spreadsheet never evaluates,
 * so the text is written as recorded; counts are number cells.
 * This is an operator's tool on the data file, so it includes summaries and issues raised: the
 * file's own permissions are the access control.
 */
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { Scheme, parseInstant, toMs } from '#domain';
import { coverage, staleLinks } from '#projections';
import { SqliteEventStore } from '#event-store/sqlite';
import { LiaisonView } from '#projections/liaison/liaisonView';
import { ProjectionRunner } from '#projections/shared/runner';
import { readContactTexts } from '#projections/liaison/network/contactText';
import { toSpreadsheetCsv } from './csv.js';

export const EXPORTABLE = ['contacts', 'coverage', 'stale-links'] as const;
export type Exportable = (typeof EXPORTABLE)[number];

export interface ExportQuery {
  /** coverage: the period (2020, 2020-H1, 2020-Q2, 2020-04). */
  period?: string;
  scheme?: string;
  /** stale-links: days without a contact (default 90), and the day counted to (default now). */
  days?: number;
  on?: string;
}

type Value = string | number | null;

export interface Table {
  /** The sheet's name in a workbook. */
  name: string;
  header: string[];
  rows: Value[][];
}

const CONTACT_COLUMNS = [
  'id',
  'occurred_at',
  'channel',
  'participant_ids',
  'link_ids',
  'topic',
  'summary',
  'issues_raised',
  'liaison_group_id',
  'recorded_at',
  'recorded_by',
  'retracted',
  'corrections',
];

async function readModel(file: string): Promise<{ store: SqliteEventStore; model: LiaisonView }> {
  const store = new SqliteEventStore({ file });
  const model = new LiaisonView();
  await new ProjectionRunner(store, model).catchUp();
  return { store, model };
}

async function contactsTable(store: SqliteEventStore, model: LiaisonView): Promise<Table> {
  const contacts = [...model.contacts.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // What was said is read from the log, where the model left it (contactText.ts).
  const texts = await readContactTexts(store, contacts.map((c) => c.textAt));
  const rows = contacts.map((c, i) => {
    const text = texts[i]!;
    if (text instanceof Error) throw text;
    return [
      c.id,
      c.occurredAt,
      c.channel,
      c.participantIds.join(';'),
      c.linkIds.join(';'),
      text.topic,
      text.summary,
      text.issues.map((issue) => issue.text).join(';'),
      c.liaisonGroupId ?? '',
      c.recordedAt,
      c.recordedBy,
      String(c.retracted),
      c.corrections,
    ];
  });
  return { name: 'contacts', header: CONTACT_COLUMNS, rows };
}

/** One row per scheme (breakdown ALL), then its liaison groups, sources and targets. */
function coverageTable(model: LiaisonView, query: ExportQuery): Table {
  const rows: Value[][] = [];
  for (const s of coverage(model, { period: query.period!, scheme: (query.scheme ?? null) as Scheme | null })) {
    rows.push([s.scheme, s.period.id, 'ALL', '', s.due, s.covered, s.ratio]);
    for (const [breakdown, cells] of [['LIAISON_GROUP', s.byLiaisonGroup], ['SOURCE', s.bySource], ['TARGET', s.byTarget]] as const) {
      for (const c of cells) rows.push([s.scheme, s.period.id, breakdown, c.id, c.due, c.covered, c.ratio]);
    }
  }
  return { name: 'coverage', header: ['scheme', 'period', 'breakdown', 'id', 'due', 'covered', 'ratio'], rows };
}

function staleLinksTable(model: LiaisonView, query: ExportQuery): Table {
  const on = query.on === undefined ? Date.now() : toMs(parseInstant(query.on, 'on'));
  const links = staleLinks(model, { days: query.days ?? 90, on, scheme: (query.scheme ?? null) as Scheme | null });
  return {
    name: 'stale-links',
    header: ['link_id', 'scheme', 'source_id', 'target_id', 'active_from', 'last_contact_at', 'days_since_last'],
    rows: links.map((l) => [l.linkId, l.scheme, l.sourceId, l.targetId, l.activeFrom, l.lastContactAt, l.daysSinceLast]),
  };
}

export async function exportTable(what: Exportable, file: string, query: ExportQuery = {}): Promise<Table> {
  const { store, model } = await readModel(file);
  try {
    if (what === 'contacts') return await contactsTable(store, model);
    if (what === 'coverage') return coverageTable(model, query);
    return staleLinksTable(model, query);
  } finally {
    await store.close();
  }
}

const text = (v: Value) => (v === null ? '' : String(v));

export function tableCsv(table: Table): string {
  return toSpreadsheetCsv(table.header, table.rows.map((row) => row.map(text)));
}

/** A workbook of one sheet: a bold, frozen header, then the rows; absent values are empty cells. */
export async function tableXlsx(table: Table): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((v) => (v === null || v === '' ? null : v)));
  sheet.columns.forEach((column, i) => (column.width = Math.min(60, Math.max(10, table.header[i]!.length + 2))));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Kept for callers of the contacts CSV. */
export async function exportContactsCsv(file: string): Promise<{ csv: string; rows: number }> {
  const table = await exportTable('contacts', file);
  return { csv: tableCsv(table), rows: table.rows.length };
}

export async function runExportCsv(what: Exportable, file: string, out: string | undefined, query: ExportQuery, io: { out(line: string): void; err(line: string): void }): Promise<number> {
  const table = await exportTable(what, file, query);
  const csv = tableCsv(table);
  if (out) {
    await writeFile(out, csv, { mode: 0o600 });
    io.err(`wrote ${table.rows.length} rows of ${what} to ${out}`);
  } else io.out(csv.trimEnd());
  return 0;
}

export async function runExportXlsx(what: Exportable, file: string, out: string, query: ExportQuery, io: { out(line: string): void; err(line: string): void }): Promise<number> {
  const table = await exportTable(what, file, query);
  await writeFile(out, await tableXlsx(table), { mode: 0o600 });
  io.err(`wrote ${table.rows.length} rows of ${what} to ${out} (sheet ${table.name})`);
  return 0;
}
