/**
 * Importing the opinion reports and inspections offices' files: their Chinese headers (and the
 * English column names), every row through the deciders, refusals named by file, line and column
 * with nothing written, a GBK CSV as Excel saves it on Chinese Windows, and an .xlsx workbook.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { InMemoryEventStore } from '#event-store/inMemory';
import { createProjections } from '#projections/systems';
import { OpinionsProjection } from '#projections/opinions/opinions.projection';
import { listReports, opinionCredit, opinionLadder } from '#projections/opinions/opinions.queries';
import { InspectionsProjection } from '#projections/inspections/inspections.projection';
import { importDirectory } from './csvImport.js';
import { templateWorkbook } from './template.js';

const NOW = '2024-06-01T00:00:00.000Z';
const options = { actor: 'clerk-1', now: NOW };

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function dirWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'opinions-import-'));
  made.push(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}
const lines = (...rows: string[]) => rows.join('\n') + '\n';

/** A committee: a sector, a special committee, the city Party committee, two units, a vice-chair and three members, a contact that raised an issue. */
const COMMITTEE: Record<string, string> = {
  'organizations.csv': lines(
    'id,kind,name,locality_id,leader_id',
    'sector-a,SECTOR,经济界,,',
    'sc-a,SPECIAL_COMMITTEE,社会法制和民族宗教委员会,,',
    'pc-city,PARTY_COMMITTEE,中共格尔木市委员会,,',
    'hu-housing,HANDLING_UNIT,格尔木市住房和城乡建设局,,',
    'hu-urban,HANDLING_UNIT,格尔木市城市管理综合执法局,,',
  ),
  'members.csv': lines(
    'id,name,gender,ethnicity,affiliation,sector_id,special_committee_id,liaison_group_id,roles,joined_on',
    'm-1,李建国,MALE,汉族,CPC,sector-a,sc-a,,VICE_CHAIR,2017-01-05',
    'm-2,马秀英,FEMALE,回族,CPC,sector-a,sc-a,,,2017-01-05',
    'm-3,才让多杰,MALE,藏族,NON_PARTY,sector-a,sc-a,,,2017-01-05',
    'm-4,周丽,FEMALE,汉族,CDL,sector-a,sc-a,,,2017-01-05',
  ),
  'contacts.csv': lines(
    'id,occurred_at,channel,participant_ids,link_ids,topic,summary,issues_raised,liaison_group_id,issue_ids',
    'c-1,2020-03-02T10:00,VISIT,m-2;m-3,,走访社区,走访昆仑路街道居民,老旧小区供暖不达标;背街小巷路灯损坏,,c-1-供暖;c-1-路灯',
  ),
};

const OPINIONS: Record<string, string> = {
  'opinion_recipients.csv': lines('编号,名称,级别,类别,对应单位编号', 'rc-city,中共格尔木市委员会,市,党委,pc-city', 'rc-prov,政协青海省委员会,省,政协,'),
  // English headers are read as well.
  'opinion_not_adopted_reasons.csv': lines('code,label', 'DUPLICATE,与已报送信息内容重复'),
  'opinion_credit_rules.csv': lines('起始年度,政协采用,市采用,州采用,省采用,全国采用,市批示,州批示,省批示,全国批示,媒体采用,理由', '2020,1,2,3,5,10,3,5,8,15,,社情民意信息积分办法（2020年）'),
  'opinion_reports.csv': lines(
    '报告编号,作者编号,标题,情况反映,意见建议,报送日期,来源联系编号,来源问题编号',
    'sq-1,m-2,关于老旧小区供暖不达标的建议,"冬季室温低于18℃，管网老化",改造供暖管网,2020-03-10,c-1,c-1-供暖',
    'sq-2,m-3;m-4,关于规范停车的建议,城区停车难,增设泊位,2020-03-11T09:30,,',
    'sq-3,m-2,关于背街小巷路灯的建议,路灯损坏多,及时维修,2020-03-12,c-1,c-1-路灯',
    'sq-4,m-4,关于背街小巷保洁的建议,垃圾清运不及时,加密清运,2020-03-12,,',
  ),
  'opinion_report_steps.csv': lines(
    '报告编号,步骤,日期,签发人编号,报送对象编号,对象编号,批示领导,领导职务,级别,内容,不采用理由代码,综合的报告编号,标题,情况反映,意见建议',
    'sq-1,采用,2020-03-15,,,,,,,,,,,,',
    'sq-1,签发,2020-03-18,m-1,,,,,,,,,,,',
    'sq-1,报送,2020-03-19,,rc-city;rc-prov,,,,,,,,,,',
    'sq-2,不采用,2020-03-20,,,,,,,,DUPLICATE,,,,',
    'zh-1,综合,2020-03-25,,,,,,,,,sq-3;sq-4,关于背街小巷环境的综合情况,路灯损坏、保洁不到位,开展综合整治',
    'sq-1,上级采用,2020-04-01,,,rc-city,,,,,,,,,',
    'sq-1,批示,2020-04-10,,,,张宏伟,青海省人民政府副省长,省,请有关部门研究吸纳,,,,,',
  ),
};

const INSPECTIONS: Record<string, string> = {
  'inspection_rules.csv': lines('report_due_days,response_due_days,due_soon_days,reason', '20,45,5,视察考察制度（2020年修订）'),
  'inspections.csv': lines('视察编号,类别,主题,组织单位编号,开始日期,结束日期,地点,制定日期', 'sc-1,视察,老旧小区改造和城市精细化管理,主席会议,2020-05-12,2020-05-13,格尔木市城区,2020-04-20'),
  'inspection_steps.csv': lines(
    '视察编号,步骤,日期,邀请对象编号,受邀人编号,回复,理由,结束日,视察地点,座谈单位编号,出席人编号,报告摘要,序号,内容,承办单位编号,状态',
    'sc-1,邀请,2020-04-25,m-1;m-2;m-3,,,,,,,,,,,,',
    'sc-1,回复,2020-04-26,,m-2,接受,,,,,,,,,,',
    'sc-1,回复,2020-04-26,,m-3,谢绝,外出学习,,,,,,,,,',
    'sc-1,开展,2020-05-12,,,,,2020-05-13,昆仑路街道老旧小区;城区供热站,hu-housing;hu-urban,m-1;m-2,,,,,',
    'sc-1,报告,2020-05-28,,,,,,,,,委员实地察看并形成两条建议,1,制定老旧小区改造三年计划,hu-housing,',
    'sc-1,报告,2020-05-28,,,,,,,,,,2,开展背街小巷环境整治,hu-urban,',
    'sc-1,跟踪,2020-06-20,,,,,,,,,,1,已列入年度计划,,办理中',
    'sc-1,跟踪,2020-07-01,,,,受财力所限,,,,,,2,暂不具备实施条件,,未采纳',
    'sc-1,跟踪,2020-09-01,,,,,,,,,,1,首批12个小区已完工,,已办结',
  ),
};

async function imported(files: Record<string, string | Buffer>) {
  const store = new InMemoryEventStore();
  const dir = dirWith(files);
  const report = await importDirectory(store, dir, options);
  const projections = createProjections();
  for (const e of await store.readAll()) projections.apply(e);
  return { store, dir, report, opinions: projections.get<OpinionsProjection>(OpinionsProjection.NAME), inspections: projections.get<InspectionsProjection>(InspectionsProjection.NAME) };
}

const errorLines = (report: { errors: Array<{ file: string; line: number; column: string; code: string; message: string }> }) => report.errors.map((e) => `${e.file}:${e.line}: ${e.column}: ${e.code}`);

describe('importing opinion reports and inspections (the offices\' spreadsheets)', () => {
  it('the office\'s files under Chinese headers: a report from a contact\'s issue adopted, issued, forwarded to the city and the province, adopted by the city and instructed by a provincial leader; a combined report; credit under the table', async () => {
    const { report, opinions } = await imported({ ...COMMITTEE, ...OPINIONS });

    expect(report.errors).toEqual([]);
    expect(report.events).toMatchObject({ DefineOpinionRecipient: 2, SetOpinionCreditRules: 1, SubmitOpinionReport: 4, AdoptOpinionReport: 1, IssueOpinionReport: 2, CombineOpinionReports: 1, RecordLeaderInstruction: 1 });
    const rows = new Map(listReports(opinions, {}).map((r) => [r.id, r]));
    const sq1 = rows.get('sq-1')!;
    expect([sq1.title, sq1.source, sq1.sourceContactId, sq1.sourceIssueId, sq1.adoptedOn, sq1.issued?.number, sq1.issued?.signedBy]).toEqual(['关于老旧小区供暖不达标的建议', 'CONTACT_ISSUE', 'c-1', 'c-1-供暖', '2020-03-15', '《社情民意》2020年第1期', 'm-1']);
    expect(sq1.instructions.map((i) => [i.leaderName, i.level, i.instructedOn])).toEqual([['张宏伟', 'PROVINCE', '2020-04-10']]);
    expect([rows.get('sq-2')!.stage, rows.get('sq-2')!.authorIds]).toEqual(['NOT_ADOPTED', ['m-3', 'm-4']]);
    expect([rows.get('zh-1')!.partIds, rows.get('sq-3')!.combinedInto, rows.get('sq-3')!.adoptedVia]).toEqual([['sq-3', 'sq-4'], 'zh-1', 'COMBINED']);
    expect(opinionLadder(opinions, 2020)).toMatchObject({ submitted: 4, combined: 1, committeeAdoptions: 3, notAdopted: 1, bySource: [{ source: 'CONTACT_ISSUE', count: 2 }, { source: 'NOT_FILED_PROPOSAL', count: 0 }, { source: 'NONE', count: 2 }] });
    // m-2: sq-1 adopted (1), by the city (2), a provincial instruction (8); sq-3 adopted by being combined (1).
    expect(opinionCredit(opinions, 2020, 'm-2').authors[0]!.points).toBe(12);
  });

  it('an inspection under Chinese headers: invitations and answers, the visit over two days with who attended, a report of two recommendations (one row each), follow-ups in order', async () => {
    const { report, inspections } = await imported({ ...COMMITTEE, ...INSPECTIONS });

    expect(report.errors).toEqual([]);
    const row = inspections.inspections.get('sc-1')!;
    expect([row.kind, row.organiserKind, row.stage, row.startsOn, row.endsOn]).toEqual(['INSPECTION', 'CHAIRS', 'REPORTED', '2020-05-12', '2020-05-13']);
    expect(row.invitations.map((i) => [i.inviteeId, i.answer, i.reason])).toEqual([['m-1', null, ''], ['m-2', 'ACCEPTED', ''], ['m-3', 'DECLINED', '外出学习']]);
    // The report is due 20 days after the visit's last day, under the rules the file set.
    expect([row.held?.heldTo, row.held?.unitIds, row.held?.reportDueOn, row.attendeeIds]).toEqual(['2020-05-13', ['hu-housing', 'hu-urban'], '2020-06-02', ['m-1', 'm-2']]);
    expect(row.report?.summary).toBe('委员实地察看并形成两条建议');
    expect(row.recommendations.map((r) => [r.number, r.unitId, r.dueOn, r.followUps.map((f) => [f.status, f.respondedOn])])).toEqual([
      [1, 'hu-housing', '2020-07-12', [['IN_PROGRESS', '2020-06-20'], ['DONE', '2020-09-01']]],
      [2, 'hu-urban', '2020-07-12', [['NOT_ADOPTED', '2020-07-01']]],
    ]);
  });

  it('a meeting with a unit during the visit is a contact that serves the inspection (inspection_id); one dated before the visit is refused there', async () => {
    const contacts = (occurredAt: string) =>
      COMMITTEE['contacts.csv']!.replace('issue_ids\n', 'issue_ids,inspection_id\n').replace(',c-1-供暖;c-1-路灯\n', ',c-1-供暖;c-1-路灯,\n') +
      `c-2,${occurredAt},MEETING,m-1;m-2;hu-housing,,视察座谈,与市住建局座谈老旧小区改造,,,,sc-1\n`;

    const { report, inspections } = await imported({ ...COMMITTEE, 'contacts.csv': contacts('2020-05-12T15:00'), ...INSPECTIONS });
    expect(report.errors).toEqual([]);
    expect(inspections.inspections.get('sc-1')!.contacts.map((c) => [c.contactId, c.participantIds])).toEqual([['c-2', ['m-1', 'm-2', 'hu-housing']]]);

    const early = await imported({ ...COMMITTEE, 'contacts.csv': contacts('2020-05-01T15:00'), ...INSPECTIONS });
    expect(errorLines(early.report)).toEqual(['contacts.csv:3: inspection_id: CONFLICT']);
    expect(await early.store.headPosition()).toBe(0);
  });

  it('a re-run of the same files writes nothing', async () => {
    const { store, dir } = await imported({ ...COMMITTEE, ...OPINIONS, ...INSPECTIONS });
    const head = await store.headPosition();

    const again = await importDirectory(store, dir, { ...options, now: '2024-07-01T00:00:00.000Z' });

    expect([again.errors, again.written, again.events]).toEqual([[], 0, {}]);
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses bad rows by file, line and column as the file wrote it, a recommendation on its own row, and writes nothing', async () => {
    const steps = OPINIONS['opinion_report_steps.csv']!.replace('sq-1,签发,2020-03-18,m-1', 'sq-1,签发,2020-03-18,m-3').replace('sq-2,不采用,2020-03-20', 'sq-2,不采用,2020-03-05');
    const inspectionSteps = INSPECTIONS['inspection_steps.csv']!.replace(',2,开展背街小巷环境整治,hu-urban,', ',2,开展背街小巷环境整治,hu-nowhere,').replace('sc-1,回复,2020-04-26,,m-3,谢绝', 'sc-1,回复,2020-04-26,,m-9,谢绝');
    const { store, report } = await imported({ ...COMMITTEE, ...OPINIONS, 'opinion_report_steps.csv': steps, ...INSPECTIONS, 'inspection_steps.csv': inspectionSteps });

    expect(errorLines(report)).toEqual([
      // The signer is no leader; then sq-1, not issued, is not forwarded, and nothing comes back.
      'opinion_report_steps.csv:3: 签发人编号: VALIDATION',
      'opinion_report_steps.csv:4: 报告编号: CONFLICT',
      // sq-2 decided before it was submitted (the 11th).
      'opinion_report_steps.csv:5: 日期: VALIDATION',
      'opinion_report_steps.csv:7: 对象编号: CONFLICT',
      'opinion_report_steps.csv:8: 报告编号: CONFLICT',
      'inspection_steps.csv:4: 受邀人编号: CONFLICT',
      // The report's second recommendation names no registered unit: its own row (7), not the report's first.
      'inspection_steps.csv:7: 承办单位编号: NOT_FOUND',
      'inspection_steps.csv:8: 视察编号: CONFLICT',
      'inspection_steps.csv:9: 视察编号: CONFLICT',
      'inspection_steps.csv:10: 视察编号: CONFLICT',
    ]);
    expect(report.errors.find((e) => e.line === 7 && e.file === 'inspection_steps.csv')!.message).toContain('hu-nowhere');
    expect(report.written).toBe(0);
    expect(await store.headPosition()).toBe(0);
  });

  it('refuses a step it does not know, a cell the step does not read, and a report row numbered out of place', async () => {
    const steps = lines(
      'report_id,step,date,signed_by,note',
      'sq-1,批转,2020-03-15,,',
      'sq-1,ADOPT,2020-03-15,m-1,',
    );
    const inspectionSteps = INSPECTIONS['inspection_steps.csv']!.replace(',2,开展背街小巷环境整治', ',3,开展背街小巷环境整治');
    // A report's later row with a cell only another step reads.
    const strayCell = INSPECTIONS['inspection_steps.csv']!.replace('sc-1,报告,2020-05-28,,,,,,,,,,2,', 'sc-1,报告,2020-05-28,,,,,,,,m-1;m-2,,2,');
    const { store, report } = await imported({ ...COMMITTEE, ...OPINIONS, 'opinion_report_steps.csv': steps, ...INSPECTIONS, 'inspection_steps.csv': inspectionSteps });

    expect(report.errors.slice(0, 3).map((e) => [e.file, e.line, e.column, e.code])).toEqual([
      ['opinion_report_steps.csv', 2, 'step', 'VALIDATION'],
      ['opinion_report_steps.csv', 3, 'signed_by', 'VALIDATION'],
      ['inspection_steps.csv', 7, '序号', 'VALIDATION'],
    ]);
    expect(report.errors[0]!.message).toContain('ADOPT (采用)');
    expect(report.errors[2]!.message).toContain('number 3 is not this row\'s place in the report (recommendation 2)');
    expect(await store.headPosition()).toBe(0);
    const stray = await imported({ ...COMMITTEE, ...INSPECTIONS, 'inspection_steps.csv': strayCell });
    expect(errorLines(stray.report).slice(0, 1)).toEqual(['inspection_steps.csv:7: 出席人编号: VALIDATION']);
  });

  it('reads a GBK CSV with Chinese headers and text (as Excel saves it on Chinese Windows), and names a bad row of it by line and column', async () => {
    const gbk = (text: string) => iconv.encode(text, 'gb18030');
    const good = await imported({ ...COMMITTEE, ...OPINIONS, 'opinion_reports.csv': gbk(OPINIONS['opinion_reports.csv']!) });
    expect(good.report.errors).toEqual([]);
    expect(listReports(good.opinions, {}).find((r) => r.id === 'sq-1')!.title).toBe('关于老旧小区供暖不达标的建议');

    const reports = OPINIONS['opinion_reports.csv']!.replace('sq-2,m-3;m-4', 'sq-2,m-3;委员王五');
    const bad = await imported({ ...COMMITTEE, 'opinion_reports.csv': gbk(reports) });
    expect(errorLines(bad.report)).toEqual(['opinion_reports.csv:3: 作者编号: NOT_FOUND']);
    expect(bad.report.errors[0]!.message).toContain('委员王五');
    expect(await bad.store.headPosition()).toBe(0);
  });

  it('reads an .xlsx workbook\'s sheets and names a refused row as book.xlsx!sheet:row; nothing is written', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('inspection_steps');
    sheet.addRow(['inspection_id', 'step', 'date', 'invitee_ids', 'held_to', 'places_visited', 'unit_ids', 'attendee_ids', 'summary', 'number', 'text', 'unit_id', 'status']);
    sheet.addRow(['sc-1', 'INVITE', '2020-04-25', 'm-1;m-2']);
    sheet.addRow(['sc-1', 'HOLD', new Date(Date.UTC(2020, 4, 12)), null, '2020-05-13', '城区供热站', 'hu-housing', 'm-1;m-2']);
    sheet.addRow(['sc-1', 'REPORT', '2020-05-28', null, null, null, null, null, '形成一条建议', 1, '制定老旧小区改造三年计划', 'hu-housing']);
    // A follow-up dated before the report it answers.
    sheet.addRow(['sc-1', 'FOLLOW_UP', '2020-05-20', null, null, null, null, null, null, 1, '已列入计划', null, 'IN_PROGRESS']);
    const files: Record<string, string | Buffer> = { ...COMMITTEE, 'inspections.csv': INSPECTIONS['inspections.csv']!, 'book.xlsx': Buffer.from(await book.xlsx.writeBuffer()) };

    const { store, report } = await imported(files);

    expect(errorLines(report)).toEqual(['book.xlsx!inspection_steps:5: date: VALIDATION']);
    expect(report.errors[0]!.message).toContain('an inspection\'s rows go in the order they happened');
    expect(await store.headPosition()).toBe(0);
  });

  it('the template has a sheet for each new file, with the sample\'s first row and the Chinese header in each column\'s note', async () => {
    const book = await templateWorkbook();
    const names = book.worksheets.map((s) => s.name);
    for (const name of ['opinion_recipients', 'opinion_not_adopted_reasons', 'opinion_issue_format', 'opinion_credit_rules', 'opinion_reports', 'opinion_report_steps', 'inspection_rules', 'inspections', 'inspection_steps']) expect(names).toContain(name);
    const steps = book.getWorksheet('inspection_steps')!;
    expect(steps.getRow(1).getCell(2).value).toBe('step');
    expect(String(steps.getRow(1).getCell(2).note)).toContain('FOLLOW_UP = 跟踪');
    expect(String(steps.getRow(1).getCell(1).note)).toContain('视察编号');
    expect(book.getWorksheet('opinion_reports')!.getRow(2).getCell(1).value).toBe('sq-2020-001');
  });
});
