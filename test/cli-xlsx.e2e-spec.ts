/**
 * Spreadsheets as an office keeps them: the sample written by exceljs as workbooks (numbers,
 * Excel dates, rich text, a formula, empty optional cells), the sample saved as GBK CSV, and the
 * exports opened again: each must give what the UTF-8 CSV gives, through the compiled CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { neutraliseFormula, parseCsv } from '../apps/cli/src/csv.js';
import { ROOT, cli, ensureBuilt } from './support/compiled.js';

const SAMPLE = join(ROOT, 'sample/golmud');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The imported events' streams, types and data; generated ids (issue ids) numbered in order of appearance. */
function importedData(dir: string, db: string): string[] {
  const out = join(dir, `${Date.now()}-${Math.random()}.ndjson`);
  expect(cli('export', '--db', db, '--out', out).status).toBe(0);
  const ids = new Map<string, string>();
  return readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { streamId: string; type: string; data: unknown; metadata: { source?: string } })
    .filter((e) => e.metadata.source === 'csv-import')
    .map((e) => JSON.stringify([e.streamId, e.type, e.data]).replace(UUID, (id) => ids.get(id) ?? (ids.set(id, `id-${ids.size}`), `id-${ids.size - 1}`)));
}

/** An affiliation code by the short Chinese name a roster uses for it. */
const CHINESE: Record<string, string> = Object.fromEntries(
  Object.entries({ 中共: 'CPC', 无党派人士: 'NON_PARTY', 民革: 'RCCK', 民盟: 'CDL', 民建: 'CNDCA', 民进: 'CAPD', 农工党: 'CPWDP', 致公党: 'CZGP', 九三学社: 'JIUSAN', 台盟: 'TDSGL' }).map(([name, code]) => [code, name]),
);

const head = (db: string) => Number(/events applied: (\d+)/.exec(cli('rebuild', '--db', db).stdout)?.[1]);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const NUMBER_COLUMNS = new Set(['min_contacts', 'number', 'lead_days', 'assist_days', 'due_soon_days', 'invitation_days', 'days']);

/** A CSV cell as a clerk's workbook holds it: numbers as numbers, dates as Excel dates, blanks as empty cells. */
function excelValue(column: string, text: string): ExcelJS.CellValue {
  if (text === '') return null;
  if (NUMBER_COLUMNS.has(column) && /^\d+$/.test(text)) return Number(text);
  const m = DATE_TIME.exec(text);
  const date = DATE.test(text) ? new Date(`${text}T00:00:00Z`) : m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!)) : undefined;
  // A date Excel cannot hold (2019-13-01) stays text, as Excel keeps it.
  return date && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text.slice(0, 10)) ? date : text;
}

function addSheet(book: ExcelJS.Workbook, name: string, csv: string): ExcelJS.Worksheet {
  const { header, records } = parseCsv(csv);
  const sheet = book.addWorksheet(name);
  sheet.addRow(header);
  for (const r of records) sheet.addRow(header.map((h, i) => excelValue(h, r.values[i] ?? '')));
  return sheet;
}

describe('spreadsheets in and out (compiled CLI, on SQLite)', () => {
  const work = mkdtempSync(join(tmpdir(), 'cli-xlsx-'));
  const csvDb = join(work, 'csv.db');
  let csvData: string[];
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  beforeAll(() => {
    ensureBuilt();
    expect(cli('import', '--dir', SAMPLE, '--db', csvDb).status).toBe(0);
    csvData = importedData(work, csvDb);
  }, 180_000);

  it('imports the sample as workbooks (one of all sheets, one of contacts alone) into the same events as the CSV files', async () => {
    const dir = join(work, 'books');
    mkdirSync(dir);
    const roster = new ExcelJS.Workbook();
    for (const file of readdirSync(SAMPLE).filter((f) => f.endsWith('.csv') && f !== 'contacts.csv')) {
      const sheet = addSheet(roster, file.replace(/\.csv$/, ''), readFileSync(join(SAMPLE, file), 'utf8'));
      // A name typed with two fonts (rich text) and a number that is a formula's result.
      if (file === 'localities.csv') {
        const cell = sheet.getCell('B2');
        const name = String(cell.value);
        cell.value = { richText: [{ text: name.slice(0, 2), font: { bold: true } }, { text: name.slice(2) }] };
      }
      if (file === 'terms.csv') sheet.getCell('C2').value = { formula: '5*2', result: Number(sheet.getCell('C2').value) };
      // Affiliations as a roster types them: 中共, 民盟, 无党派人士 … (the import records the codes).
      if (file === 'members.csv') {
        const column = (sheet.getRow(1).values as string[]).indexOf('affiliation');
        sheet.eachRow((row, n) => {
          if (n > 1) row.getCell(column).value = CHINESE[String(row.getCell(column).value)] ?? row.getCell(column).value;
        });
      }
    }
    await roster.xlsx.writeFile(join(dir, 'roster.xlsx'));
    // contacts.xlsx: a workbook for one file; its only sheet may keep Excel's default name.
    const contacts = new ExcelJS.Workbook();
    addSheet(contacts, 'Sheet1', readFileSync(join(SAMPLE, 'contacts.csv'), 'utf8'));
    await contacts.xlsx.writeFile(join(dir, 'contacts.xlsx'));

    const db = join(work, 'xlsx.db');
    const run = cli('import', '--dir', dir, '--db', db);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const data = importedData(work, db);
    expect(data.length).toBe(csvData.length);
    expect(data).toEqual(csvData);
    // Chinese names came through as typed (the first locality's rich text included), and the
    // affiliations typed in Chinese as their codes.
    expect(data.find((d) => d.includes('"LocalityRegistered"'))).toContain('昆仑路街道');
    expect(data.filter((d) => d.includes('"MemberRegistered"') && d.includes('"affiliation":"CDL"')).length).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a workbook with bad rows as file!sheet:row errors and writes nothing', async () => {
    const dir = join(work, 'bad');
    mkdirSync(dir);
    const book = new ExcelJS.Workbook();
    addSheet(book, 'localities', 'id,name,kind\nloc-new,新村,TOWNSHIP\nloc-bad,某村,VILLAGE\n');
    addSheet(book, 'links', 'id,scheme,source_id,target_id,min_contacts,per,active_from\nl-x,SECTOR,m-001,m-999,1,QUARTER,2019-13-01\n');
    addSheet(book, 'menbers', 'id,name\nm-x,某人\n');
    await book.xlsx.writeFile(join(dir, 'book.xlsx'));
    const before = head(csvDb);
    const refused = cli('import', '--file', join(dir, 'book.xlsx'), '--db', csvDb);
    expect(refused.status).toBe(1);
    const book_ = join(dir, 'book.xlsx');
    expect(refused.stderr.trim().split('\n')).toEqual([
      `${book_}!menbers:1: *: VALIDATION sheet "menbers" is not one of the import's files; a sheet is named like an import file: localities, organizations, persons, members, terms, plenary_sessions, links, contacts, contact_corrections, contact_retractions, proposal_rules, not_filed_reasons, non_working_days, proposals, proposal_steps, opinion_recipients, opinion_not_adopted_reasons, opinion_issue_format, opinion_credit_rules, opinion_reports, opinion_report_steps, inspection_rules, inspections, inspection_steps, key_topics, topic_tags, party_committee_reports, party_committee_studies, duty_points_rules, meetings, meeting_attendance`,
      `${book_}!localities:3: kind: VALIDATION kind "VILLAGE" is not one of SUBDISTRICT, TOWN, TOWNSHIP, URBAN_AREA`,
      `${book_}!links:2: active_from: VALIDATION activeFrom "2019-13-01" is not a real date`,
      `3 error(s) in ${book_}; nothing written to ${csvDb}`,
    ]);
    expect(head(csvDb)).toBe(before);
  }, 60_000);

  it('reads CSV saved in GBK (as Excel and WPS save it on Chinese Windows) as its UTF-8 twin', () => {
    const dir = join(work, 'gbk');
    mkdirSync(dir);
    for (const file of readdirSync(SAMPLE)) writeFileSync(join(dir, file), iconv.encode(readFileSync(join(SAMPLE, file), 'utf8'), 'gbk'));
    expect(readFileSync(join(dir, 'members.csv')).includes(Buffer.from('薛岩庆'))).toBe(false); // really not UTF-8
    for (const [db, extra] of [[join(work, 'gbk.db'), []], [join(work, 'gbk-explicit.db'), ['--encoding', 'gbk']]] as const) {
      const run = cli('import', '--dir', dir, '--db', db, ...extra);
      expect(run.stderr).toBe('');
      expect(importedData(work, db)).toEqual(csvData);
    }
  }, 120_000);

  it('exports contacts as CSV with a byte-order mark and as an .xlsx that holds the same rows', async () => {
    const csvFile = join(work, 'contacts.csv');
    const xlsxFile = join(work, 'contacts.xlsx');
    expect(cli('export-csv', 'contacts', '--db', csvDb, '--out', csvFile).status).toBe(0);
    expect(cli('export-xlsx', 'contacts', '--db', csvDb, '--out', xlsxFile).status).toBe(0);
    const bytes = readFileSync(csvFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = parseCsv(bytes.toString('utf8'));
    expect(csv.records.length).toBe(parseCsv(readFileSync(join(SAMPLE, 'contacts.csv'), 'utf8')).records.length);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxFile);
    const sheet = book.getWorksheet('contacts')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push(Array.from({ length: csv.header.length }, (_, i) => {
      const v = row.getCell(i + 1).value;
      return v === null || v === undefined ? '' : String(v);
    })));
    expect(rows[0]).toEqual(csv.header);
    // The CSV neutralises formula-like text for spreadsheets; the workbook's string cells keep it as recorded.
    expect(rows.slice(1).map((r) => r.map(neutraliseFormula))).toEqual(csv.records.map((r) => r.values));
    expect(rows.slice(1).some((r) => /[\u4e00-\u9fff]/.test(r[5]!))).toBe(true);
  }, 60_000);

  it('exports the coverage and stale-links tables as .xlsx, and writes the import template', async () => {
    const coverage = join(work, 'coverage.xlsx');
    expect(cli('export-xlsx', 'coverage', '--period', '2020-Q1', '--db', csvDb, '--out', coverage).status).toBe(0);
    const csv = parseCsv(cli('export-csv', 'coverage', '--period', '2020-Q1', '--db', csvDb).stdout);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(coverage);
    const sheet = book.getWorksheet('coverage')!;
    expect(sheet.rowCount - 1).toBe(csv.records.length);
    const total = csv.records.find((r) => r.values[0] === 'LIAISON_GROUP' && r.values[2] === 'ALL')!;
    const row = (sheet.getSheetValues() as ExcelJS.CellValue[][]).find((r) => r?.[1] === 'LIAISON_GROUP' && r?.[3] === 'ALL')!;
    expect([row[5], row[6]]).toEqual([Number(total.values[4]), Number(total.values[5])]);

    const stale = join(work, 'stale.xlsx');
    expect(cli('export-xlsx', 'stale-links', '--days', '90', '--on', '2020-06-30', '--db', csvDb, '--out', stale).status).toBe(0);
    const staleBook = new ExcelJS.Workbook();
    await staleBook.xlsx.readFile(stale);
    expect(staleBook.getWorksheet('stale-links')!.getRow(1).values).toEqual([undefined, 'link_id', 'scheme', 'source_id', 'target_id', 'active_from', 'last_contact_at', 'days_since_last']);

    const template = join(work, 'template.xlsx');
    expect(cli('template', '--to', template).status).toBe(0);
    const t = new ExcelJS.Workbook();
    await t.xlsx.readFile(template);
    const members = t.getWorksheet('members')!;
    expect(members.getRow(1).values).toContain('affiliation');
    const affiliation = members.getRow(1).getCell((members.getRow(1).values as string[]).indexOf('affiliation'));
    const note = typeof affiliation.note === 'string' ? affiliation.note : (affiliation.note?.texts ?? []).map((t) => t.text).join('');
    expect(note).toContain('民革');
    expect(note).toContain('RCCK');
    const header = members.getRow(1).values as string[];
    expect(members.getRow(2).getCell(header.indexOf('id')).value).toBe('m-001');
    expect(members.getRow(2).getCell(header.indexOf('name')).value).toBe('薛岩庆');
  }, 60_000);
});
