/**
 * Members' duty records (履职档案) on the booted API over the imported sample (sample/golmud), as
 * SQLite. The test reads the store's raw events itself and computes every member's 2020 record
 * from them with its own fold (nothing from the projections): contacts taken part in, the links
 * held with their served and met figures, proposals led and co-signed by outcome, opinion
 * reports and their adoptions and instructions by level, inspections invited to and attended,
 * and the plenary and standing-committee roll calls, and the points under the sample's 2020
 * table. Then: the office corrects an attendance and `asOf` before it gives the old figure; a new
 * table for 2020 recomputes 2020 while 2019 keeps its table; a member token reads its own record
 * and is refused another's; the record exports as a printable page and a workbook.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SqliteEventStore } from '#event-store/sqlite';
import type { RecordedEvent } from '#event-store/eventStore';
import { cli, ensureBuilt } from './support/compiled.js';
import { removeDir, startApp, tempDir, type TestApp } from './support/app.js';

const YEAR = 2020;
const LEVELS = ['CITY', 'PREFECTURE', 'PROVINCE', 'NATIONAL'] as const;
const cap = (l: string) => l[0] + l.slice(1).toLowerCase();
const COLUMNS = [
  'contacts', 'linksDue', 'linksServed', 'linksMet',
  'proposalsLed', 'proposalsLedFiled', 'proposalsLedNotFiled', 'proposalsLedMerged', 'proposalsLedPending', 'proposalsLedWithdrawn',
  'proposalsCoSigned', 'proposalsCoSignedFiled', 'proposalsCoSignedNotFiled', 'proposalsCoSignedMerged', 'proposalsCoSignedPending',
  'opinionsSubmitted', 'opinionsAdopted', ...LEVELS.map((l) => `opinionsAdoptedAt${cap(l)}`), ...LEVELS.map((l) => `instructions${cap(l)}`),
  'inspectionsInvited', 'inspectionsAttended',
  'plenaryAttended', 'plenaryExcused', 'plenaryAbsent', 'standingAttended', 'standingExcused', 'standingAbsent',
];
const RECORD_FIELDS = `memberId name year termId years points counts { ${COLUMNS.join(' ')} } byYear { year fromYear reason points lines { item count each points } }`;
const RECORDS = `query($year: Int, $termId: ID, $orderBy: DutySortColumn, $direction: SortDirection, $asOf: String) { dutyRecords(year: $year, termId: $termId, orderBy: $orderBy, direction: $direction, asOf: $asOf) { ${RECORD_FIELDS} } }`;
const RECORD = `query($memberId: ID!, $year: Int, $termId: ID, $asOf: String) { dutyRecord(memberId: $memberId, year: $year, termId: $termId, asOf: $asOf) { ${RECORD_FIELDS} } }`;
const EXPORT = `query($memberId: ID, $year: Int, $format: DutyExportFormat!) { dutyRecordExport(memberId: $memberId, year: $year, format: $format) { filename contentType content encoding } }`;
const WRITE = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { position written } }`;

/** The committee year (UTC+8) of an instant or a date. */
const yearOf = (iso: string) => (iso.length === 10 ? Number(iso.slice(0, 4)) : new Date(Date.parse(iso) + 8 * 3_600_000).getUTCFullYear());
const yearStart = (y: number) => Date.UTC(y, 0, 1) - 8 * 3_600_000;
const MONTHS: Record<string, number> = { MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12 };

type Counts = Record<string, number>;
type D = Record<string, any>;

/** The test's own fold of the raw log: every figure of every member's record for one year. */
function expectedRecords(events: readonly RecordedEvent[], year: number): Map<string, { counts: Counts; points: number }> {
  const members = new Set<string>();
  const contacts = new Map<string, { participants: string[]; links: string[]; ms: number } | null>();
  const links = new Map<string, { scheme: string; min: number; per: string; fromMs: number; toMs: number | null; tenures: Array<{ source: string; fromMs: number }> }>();
  const plenary: Array<[number, number]> = [];
  const proposals = new Map<string, { proposer: string | null; year: number; stage: string; coSigners: string[] }>();
  const reports = new Map<string, { authors: string[]; year: number; withdrawn: boolean; adopted: boolean }>();
  const credits: Array<{ kind: 'ADOPTED' | 'RECIPIENT' | 'INSTRUCTION'; level: string | null; year: number; authors: string[] }> = [];
  const inspections = new Map<string, { year: number; cancelled: boolean; held: boolean; invited: string[]; attended: string[] }>();
  const meetings = new Map<string, { kind: string; year: number; attendance: Map<string, string> }>();
  let table: D | null = null;
  for (const e of events) {
    const d = e.data as D;
    switch (e.type) {
      case 'MemberRegistered': members.add(d.memberId); break;
      case 'PlenarySessionScheduled': plenary.push([Date.parse(d.startsOn), Date.parse(d.endsOn)]); break;
      case 'LinkAssigned': links.set(d.linkId, { scheme: d.scheme, min: d.requirement.minContacts, per: d.requirement.per, fromMs: Date.parse(d.activeFrom), toMs: null, tenures: [{ source: d.sourceId, fromMs: Date.parse(d.activeFrom) }] }); break;
      case 'LinkReassigned': links.get(d.linkId)!.tenures.push({ source: d.toSourceId, fromMs: Date.parse(d.effectiveAt) }); break;
      case 'LinkEnded': links.get(d.linkId)!.toMs = Date.parse(d.activeTo); break;
      case 'ContactLogged': case 'ContactCorrected': contacts.set(d.contactId, { participants: d.participantIds, links: d.linkIds, ms: Date.parse(d.occurredAt) }); break;
      case 'ContactRetracted': contacts.set(d.contactId, null); break;
      case 'ProposalSubmitted': proposals.set(d.proposalId, { proposer: d.proposerKind === 'MEMBER' ? d.proposerId : null, year: yearOf(d.submittedAt), stage: 'SUBMITTED', coSigners: [] }); break;
      case 'ProposalCoSigned': proposals.get(d.proposalId)!.coSigners.push(d.memberId); break;
      case 'ProposalFiled': case 'ProposalReopened': proposals.get(d.proposalId)!.stage = 'FILED'; break;
      case 'ProposalClosed': proposals.get(d.proposalId)!.stage = 'FILED'; break;
      case 'ProposalNotFiled': proposals.get(d.proposalId)!.stage = 'NOT_FILED'; break;
      case 'ProposalMerged': proposals.get(d.proposalId)!.stage = 'MERGED'; break;
      case 'ProposalWithdrawn': proposals.get(d.proposalId)!.stage = 'WITHDRAWN'; break;
      case 'ProposalReturned': case 'ProposalResubmitted': proposals.get(d.proposalId)!.stage = 'PENDING'; break;
      case 'OpinionReportSubmitted': reports.set(d.reportId, { authors: d.authorIds, year: yearOf(d.submittedOn), withdrawn: false, adopted: false }); break;
      case 'OpinionReportWithdrawn': reports.get(d.reportId)!.withdrawn = true; break;
      case 'OpinionReportAdopted': {
        const r = reports.get(d.reportId)!;
        if (!r.adopted) credits.push({ kind: 'ADOPTED', level: null, year: yearOf(d.adoptedOn), authors: r.authors });
        r.adopted = true;
        break;
      }
      case 'OpinionReportsCombined': {
        const credited: string[] = [];
        for (const id of d.adoptedPartIds as string[]) {
          const part = reports.get(id)!;
          if (part.adopted) continue;
          part.adopted = true;
          for (const a of part.authors) if (!credited.includes(a)) credited.push(a);
        }
        if (credited.length > 0) credits.push({ kind: 'ADOPTED', level: null, year: yearOf(d.combinedOn), authors: credited });
        // A combined report is no submission of its own: its authors are the parts'.
        reports.set(d.reportId, { authors: d.authorIds, year: -1, withdrawn: false, adopted: true });
        break;
      }
      case 'OpinionRecipientAdopted': credits.push({ kind: 'RECIPIENT', level: d.level, year: yearOf(d.adoptedOn), authors: reports.get(d.reportId)!.authors }); break;
      case 'OpinionInstructionRecorded': credits.push({ kind: 'INSTRUCTION', level: d.level, year: yearOf(d.instructedOn), authors: reports.get(d.reportId)!.authors }); break;
      case 'InspectionPlanned': inspections.set(d.inspectionId, { year: yearOf(d.startsOn), cancelled: false, held: false, invited: [], attended: [] }); break;
      case 'InspectionRescheduled': inspections.get(d.inspectionId)!.year = yearOf(d.startsOn); break;
      case 'InspectionCancelled': inspections.get(d.inspectionId)!.cancelled = true; break;
      case 'InspectionInvitationSent': inspections.get(d.inspectionId)!.invited.push(d.inviteeId); break;
      case 'InspectionHeld': Object.assign(inspections.get(d.inspectionId)!, { held: true, year: yearOf(d.heldFrom), attended: d.attendeeIds }); break;
      case 'InspectionAttendanceRecorded': inspections.get(d.inspectionId)!.attended = d.attendeeIds; break;
      case 'MeetingRecorded': meetings.set(d.meetingId, { kind: d.kind, year: yearOf(d.heldOn), attendance: new Map() }); break;
      case 'MeetingAttendanceRecorded': for (const a of d.entries) meetings.get(d.meetingId)!.attendance.set(a.memberId, a.status); break;
      case 'MeetingAttendanceCorrected': meetings.get(d.meetingId)!.attendance.set(d.memberId, d.status); break;
      case 'DutyPointsRulesSet': if (d.fromYear <= year && (!table || d.fromYear >= table.fromYear)) table = d; break;
      default: break;
    }
  }
  const start = yearStart(year);
  const end = yearStart(year + 1);
  const out = new Map<string, { counts: Counts; points: number }>();
  const c = (m: string) => out.get(m)!.counts;
  for (const m of members) out.set(m, { counts: Object.fromEntries(COLUMNS.map((k) => [k, 0])), points: 0 });
  const live = [...contacts.values()].filter((x): x is NonNullable<typeof x> => x !== null);
  for (const x of live) if (x.ms >= start && x.ms < end) for (const p of x.participants) if (members.has(p)) c(p).contacts++;
  for (const [id, l] of links) {
    const hi = l.toMs === null ? end : Math.min(end, l.toMs);
    const lo = Math.max(start, l.fromMs);
    if (!(l.fromMs < end && (l.toMs === null || l.toMs > start))) continue;
    const last = hi - 1;
    const holder = [...l.tenures].reverse().find((t) => t.fromMs <= last)?.source ?? l.tenures[0]!.source;
    if (!members.has(holder)) continue;
    const counted = live.filter((x) => x.links.includes(id) && x.ms >= lo && x.ms < hi && !(l.scheme === 'CONVENER' && plenary.some(([s, e]) => x.ms >= s && x.ms < e))).length;
    c(holder).linksDue++;
    if (counted > 0) c(holder).linksServed++;
    if (counted >= Math.ceil((l.min * 12) / MONTHS[l.per]! - 1e-9)) c(holder).linksMet++;
  }
  for (const p of proposals.values()) {
    if (p.year !== year) continue;
    const outcome = { FILED: 'Filed', NOT_FILED: 'NotFiled', MERGED: 'Merged', SUBMITTED: 'Pending', PENDING: 'Pending', WITHDRAWN: 'Withdrawn' }[p.stage]!;
    if (p.proposer && members.has(p.proposer)) {
      if (outcome === 'Withdrawn') c(p.proposer).proposalsLedWithdrawn++;
      else (c(p.proposer).proposalsLed++, c(p.proposer)[`proposalsLed${outcome}`]++);
    }
    if (outcome !== 'Withdrawn') for (const s of p.coSigners) (c(s).proposalsCoSigned++, c(s)[`proposalsCoSigned${outcome}`]++);
  }
  for (const r of reports.values()) if (r.year === year && !r.withdrawn) for (const a of r.authors) if (members.has(a)) c(a).opinionsSubmitted++;
  for (const k of credits) {
    if (k.year !== year) continue;
    const column = k.kind === 'ADOPTED' ? 'opinionsAdopted' : k.kind === 'RECIPIENT' ? `opinionsAdoptedAt${cap(k.level!)}` : `instructions${cap(k.level!)}`;
    for (const a of k.authors) if (members.has(a)) c(a)[column]++;
  }
  for (const i of inspections.values()) {
    if (i.year !== year) continue;
    if (!i.cancelled) for (const m of i.invited) if (members.has(m)) c(m).inspectionsInvited++;
    if (i.held) for (const m of i.attended) if (members.has(m)) c(m).inspectionsAttended++;
  }
  for (const mt of meetings.values()) {
    if (mt.year !== year) continue;
    for (const [m, status] of mt.attendance) c(m)[`${mt.kind === 'PLENARY' ? 'plenary' : 'standing'}${cap(status)}`]++;
  }
  const p = table!.points;
  const pay: Array<[string, number]> = [
    ['contacts', p.contact], ['linksServed', p.linkServed], ['linksMet', p.linkMet], ['proposalsLed', p.proposalLed], ['proposalsCoSigned', p.proposalCoSigned],
    ['proposalsLedFiled', p.proposalFiled], ['opinionsSubmitted', p.opinionSubmitted], ['opinionsAdopted', p.opinionAdopted],
    ...LEVELS.map((l): [string, number] => [`opinionsAdoptedAt${cap(l)}`, p.opinionAdoptedAt[l]]), ...LEVELS.map((l): [string, number] => [`instructions${cap(l)}`, p.instruction[l]]),
    ['inspectionsAttended', p.inspectionAttended], ['plenaryAttended', p.plenaryAttended], ['plenaryAbsent', p.plenaryAbsent], ['standingAttended', p.standingAttended], ['standingAbsent', p.standingAbsent],
  ];
  for (const r of out.values()) r.points = pay.reduce((s, [k, each]) => s + r.counts[k]! * each, 0);
  return out;
}

describe('members\' duty records on the sample', () => {
  let dir: string;
  let db: string;
  let app: TestApp;
  const t: Record<string, string> = {};
  const gql = async (query: string, variables: Record<string, unknown>, who = 'leader') => {
    const res = await app.gql(query, variables, { token: t[who] ?? app.tokens.LEADER });
    if (res.errors?.length) throw new Error(`${who}: ${JSON.stringify(res.errors)}`);
    return res.data as D;
  };
  const rawEvents = async () => {
    const store = new SqliteEventStore({ file: db, checkpointOnClose: false });
    const events: RecordedEvent[] = [];
    for (let page = await store.readAll(); page.length > 0; page = await store.readAll({ after: page.at(-1)!.position })) events.push(...page);
    await store.close();
    return events;
  };

  beforeAll(async () => {
    ensureBuilt();
    dir = tempDir('liaison-duty-');
    db = join(dir, 'liaison.db');
    expect(cli('import', '--dir', 'sample/golmud', '--db', db).status).toBe(0);
    app = await startApp({ dataFile: db });
    const issue = async (grants: D[]) => {
      const res = await app.gql(`mutation($input: IssueTokenInput!) { issueToken(input: $input) { token } }`, { input: { role: 'RECORDER', subject: `duty-${grants[0]!.kind}`, grants } }, { token: app.tokens.ADMIN });
      if (res.errors?.length) throw new Error(JSON.stringify(res.errors));
      return res.data.issueToken.token as string;
    };
    t.leader = app.tokens.LEADER;
    t.auditor = app.tokens.AUDITOR;
    t.office = await issue([{ kind: 'COMMITTEE_OFFICE' }]);
    t.member = await issue([{ kind: 'MEMBER', id: 'm-002' }]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (dir) removeDir(dir);
  });

  it('gives every member\'s 2020 record as the test computes it from the raw events, points under the 2020 table', async () => {
    const expected = expectedRecords(await rawEvents(), YEAR);
    const records = (await gql(RECORDS, { year: YEAR, orderBy: 'memberId', direction: 'ASC' })).dutyRecords as D[];
    expect(records.map((r) => r.memberId)).toEqual([...expected.keys()].sort());
    expect(Object.fromEntries(records.map((r) => [r.memberId, { counts: r.counts, points: r.points }]))).toEqual(Object.fromEntries(expected));
    // The sample is not empty where it matters: every kind of item counts for someone.
    const totals = Object.fromEntries(COLUMNS.map((k) => [k, records.reduce((s, r) => s + r.counts[k], 0)]));
    for (const k of ['contacts', 'linksDue', 'linksServed', 'linksMet', 'proposalsLed', 'proposalsCoSigned', 'opinionsSubmitted', 'opinionsAdopted', 'inspectionsAttended', 'plenaryAttended', 'plenaryExcused', 'plenaryAbsent', 'standingAttended']) expect([k, totals[k]! > 0]).toEqual([k, true]);
    expect(records.every((r) => r.byYear[0].fromYear === 2020)).toBe(true);
    // The same, read by the auditor and the office; sorted by points, highest first.
    const byPoints = (await gql(RECORDS, { year: YEAR, orderBy: 'points' }, 'office')).dutyRecords as D[];
    expect(byPoints.map((r) => r.points)).toEqual([...expected.values()].map((r) => r.points).sort((a, b) => b - a));
    expect((await gql(RECORDS, { year: YEAR, orderBy: 'contacts', direction: 'ASC' }, 'auditor')).dutyRecords[0].counts.contacts).toBe(Math.min(...[...expected.values()].map((r) => r.counts.contacts!)));
  });

  it('a term\'s record is the sum of its years', async () => {
    const term = (await gql(RECORD, { memberId: 'm-001', termId: 'term-10' })).dutyRecord;
    const years = await Promise.all([2017, 2018, 2019, 2020, 2021].map(async (year) => (await gql(RECORD, { memberId: 'm-001', year })).dutyRecord));
    expect(term.years).toEqual([2017, 2018, 2019, 2020, 2021]);
    expect([term.points, term.counts.contacts]).toEqual([years.reduce((s, y) => s + y.points, 0), years.reduce((s, y) => s + y.counts.contacts, 0)]);
  });

  it('answers asOf before the office corrects an attendance, and after it as corrected', async () => {
    const meetings = (await gql(`query { meetings(year: 2020) { id kind attendance { memberId status } } }`, {}, 'office')).meetings as D[];
    const sitting = meetings.find((m) => m.kind === 'PLENARY')!;
    const attended = sitting.attendance.find((a: D) => a.status === 'ATTENDED')!;
    const before = (await gql(RECORD, { memberId: attended.memberId, year: YEAR })).dutyRecord;
    const { position } = (await gql(WRITE('correctMeetingAttendance', 'CorrectMeetingAttendanceInput'), { input: { meetingId: sitting.id, memberId: attended.memberId, status: 'ABSENT', reason: '签到记录有误' } }, 'office')).correctMeetingAttendance;
    const after = (await gql(RECORD, { memberId: attended.memberId, year: YEAR })).dutyRecord;
    expect([after.counts.plenaryAttended, after.counts.plenaryAbsent, after.points]).toEqual([before.counts.plenaryAttended - 1, before.counts.plenaryAbsent + 1, before.points - 2 - 2]);
    const then = (await gql(RECORD, { memberId: attended.memberId, year: YEAR, asOf: String(position - 1) })).dutyRecord;
    expect(then).toEqual(before);
    // The raw log agrees with the record as corrected.
    expect(expectedRecords(await rawEvents(), YEAR).get(attended.memberId)).toEqual({ counts: after.counts, points: after.points });
  });

  it('a new table from 2020 recomputes 2020 while 2019 keeps the table it had, and asOf before it gives the old points', async () => {
    const rules = (await gql(`query { dutyPointsRules { tables { fromYear points { contact } } defaultPoints { contact plenaryAbsent } } }`, {})).dutyPointsRules;
    expect(rules).toEqual({ tables: [{ fromYear: 2020, points: { contact: 1 } }], defaultPoints: { contact: 1, plenaryAbsent: -2 } });
    const before2019 = (await gql(RECORD, { memberId: 'm-001', year: 2019 })).dutyRecord;
    const before2020 = (await gql(RECORD, { memberId: 'm-001', year: 2020 })).dutyRecord;
    const points = { contact: 5, linkServed: 1, linkMet: 2, proposalLed: 3, proposalCoSigned: 1, proposalFiled: 2, opinionSubmitted: 1, opinionAdopted: 2, opinionAdoptedAt: { city: 2, prefecture: 3, province: 5, national: 10 }, instruction: { city: 3, prefecture: 5, province: 8, national: 15 }, inspectionAttended: 2, plenaryAttended: 2, plenaryAbsent: -2, standingAttended: 2, standingAbsent: -2 };
    const { position } = (await gql(WRITE('setDutyPointsRules', 'SetDutyPointsRulesInput'), { input: { fromYear: 2020, points, reason: '2020年修订：联系活动每次5分' } }, 'office')).setDutyPointsRules;
    const after2020 = (await gql(RECORD, { memberId: 'm-001', year: 2020 })).dutyRecord;
    expect([before2019.counts.contacts > 0, before2020.counts.contacts > 0, before2019.byYear[0].fromYear]).toEqual([true, true, null]);
    expect(after2020.points).toBe(before2020.points + 4 * before2020.counts.contacts);
    expect(after2020.byYear[0]).toMatchObject({ fromYear: 2020, reason: '2020年修订：联系活动每次5分' });
    expect(after2020.byYear[0].lines.find((l: D) => l.item === 'contact')).toEqual({ item: 'contact', count: before2020.counts.contacts, each: 5, points: 5 * before2020.counts.contacts });
    expect((await gql(RECORD, { memberId: 'm-001', year: 2019 })).dutyRecord).toEqual(before2019);
    expect((await gql(RECORD, { memberId: 'm-001', year: 2020, asOf: String(position - 1) })).dutyRecord).toEqual(before2020);
    // The term sums each year under its own table.
    const term = (await gql(RECORD, { memberId: 'm-001', termId: 'term-10' })).dutyRecord;
    expect(term.byYear.map((y: D) => [y.year, y.fromYear])).toEqual([[2017, null], [2018, null], [2019, null], [2020, 2020], [2021, 2020]]);
  });

  it('a member token reads its own record, the list holds its own alone, and another member\'s is refused', async () => {
    const own = (await gql(RECORD, { memberId: 'm-002', year: YEAR }, 'member')).dutyRecord;
    expect(own).toEqual((await gql(RECORD, { memberId: 'm-002', year: YEAR })).dutyRecord);
    expect(((await gql(RECORDS, { year: YEAR }, 'member')).dutyRecords as D[]).map((r) => r.memberId)).toEqual(['m-002']);
    const other = await app.gql(RECORD, { memberId: 'm-001', year: YEAR }, { token: t.member });
    expect([other.data, other.errors?.map((e) => e.extensions?.code)]).toEqual([null, ['FORBIDDEN']]);
    const exported = await app.gql(EXPORT, { memberId: 'm-001', year: YEAR, format: 'HTML' }, { token: t.member });
    expect(exported.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // Writes are the office's: a member token records no meeting.
    const write = await app.gql(WRITE('recordMeeting', 'RecordMeetingInput'), { input: { meetingId: 'x', kind: 'STANDING_COMMITTEE', title: 'x', heldOn: '2020-05-01' } }, { token: t.member });
    expect(write.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('exports the record as a printable page and a workbook with the API\'s figures', async () => {
    const record = (await gql(RECORD, { memberId: 'm-002', year: YEAR })).dutyRecord;
    const html = (await gql(EXPORT, { memberId: 'm-002', year: YEAR, format: 'HTML' }, 'member')).dutyRecordExport;
    expect([html.filename, html.contentType, html.encoding]).toEqual(['duty-m-002-2020.html', 'text/html; charset=utf-8', 'utf-8']);
    expect(html.content).toContain(`委员：${record.name}（m-002）`);
    expect(html.content).toContain(`积分合计：<strong>${record.points}</strong>`);
    expect(html.content).toContain(`<tr><th>参加联系活动</th><td>${record.counts.contacts}</td></tr>`);
    const xlsx = (await gql(EXPORT, { year: YEAR, format: 'XLSX' })).dutyRecordExport;
    expect(xlsx.filename).toBe('duty-members-2020.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.content, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => n > 1 && rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1)));
    const all = (await gql(RECORDS, { year: YEAR })).dutyRecords as D[];
    expect(rows.size).toBe(all.length);
    expect(rows.get('m-002')!.slice(0, 4)).toEqual(['m-002', record.name, record.points, record.counts.contacts]);
  });
});
