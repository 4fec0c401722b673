import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toMs } from '#domain';
import { InMemoryEventStore } from '#event-store/inMemory';
import { createProjections } from '#projections/systems';
import { ProposalsProjection } from '#projections/proposals/proposals.projection';
import { deadlineBoard, promiseLedger, proposalCounts } from '#projections/proposals/proposals.queries';
import { importDirectory } from './csvImport.js';

const NOW = '2024-06-01T00:00:00.000Z';
const options = { actor: 'clerk-1', now: NOW };

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A directory holding these files, each written exactly as given (BOM, CRLF and all). */
function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'proposals-import-'));
  made.push(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}
const lines = (...rows: string[]) => rows.join('\n') + '\n';

/** A committee with a term, its 2020 session, four members (one a vice-chair), two handling units, the office's rules and reasons. */
const COMMITTEE: Record<string, string> = {
  'organizations.csv': lines('id,kind,name,locality_id,leader_id', 'sector-a,SECTOR,经济界,,', 'sc-a,SPECIAL_COMMITTEE,提案委员会,,', 'hu-edu,HANDLING_UNIT,市教育局,,', 'hu-ndrc,HANDLING_UNIT,市发展和改革委员会,,'),
  'members.csv': lines(
    'id,name,gender,ethnicity,affiliation,sector_id,special_committee_id,liaison_group_id,roles,joined_on',
    'm-1,李建国,MALE,汉族,CPC,sector-a,sc-a,,VICE_CHAIR,2017-01-05',
    'm-2,马秀英,FEMALE,回族,CPC,sector-a,sc-a,,,2017-01-05',
    'm-3,才让多杰,MALE,藏族,NON_PARTY,sector-a,sc-a,,,2017-01-05',
    'm-4,周丽,FEMALE,汉族,CDL,sector-a,sc-a,,,2017-01-05',
  ),
  'terms.csv': lines('id,name,number,starts_on,ends_on', 'term-10,政协格尔木市第十届委员会,10,2017-01-05T09:00,2022-01-10T12:00'),
  'plenary_sessions.csv': lines('id,name,starts_on,ends_on,term_id,number', 'ps-10-4,十届四次会议,2020-01-06T09:00,2020-01-09T12:00,term-10,4'),
  'proposal_rules.csv': lines('number_format,lead_days,assist_days,day_kind,due_soon_days,invitation_days,reason', '格政协〔{year}〕第{n}号,90,30,CALENDAR,7,7,提案工作规则（2020年修订）'),
  'not_filed_reasons.csv': lines('code,label', 'OUT_OF_SCOPE,不属于政协提案受理范围', 'NO_SUGGESTION,只有案由没有具体建议'),
};

const TIDY: Record<string, string> = {
  ...COMMITTEE,
  'proposals.csv': lines(
    'id,session_id,proposer_id,title,reasons,suggestions,submitted_at,co_signer_ids,invitation_days,topic_id,source_contact_id,source_issue_id',
    'p-1,ps-10-4,m-2,关于推进学前教育资源均衡配置的提案,城区幼儿园学位紧张,新建两所公办幼儿园,2020-01-07T10:00,m-3;m-4,,,,',
    'p-2,ps-10-4,m-3,关于优化营商环境的提案,审批环节多,推行一网通办,2020-01-07T11:00,,,,,',
    'p-3,ps-10-4,m-4,关于加强宠物管理的提案,犬只扰民,出台养犬管理办法,2020-01-08T09:00,,,,,',
    'p-4,ps-10-4,m-2,关于简化企业开办手续的提案,开办手续繁琐,压缩开办时间,2020-01-08T10:00,,,,,',
  ),
  'proposal_steps.csv': lines(
    'proposal_id,step,date,member_id,assignment_id,unit_id,role,due_on,days,reason,reason_code,note,into_proposal_id,supervisor_id,result,text,letter_date,planned_on,attitude,comment,reporter,delivered_on',
    'p-1,CO_SIGN,2020-01-08T09:00,m-3,,,,,,,,,,,,,,,,,,',
    'p-1,FILE,2020-02-10T09:00,,,,,,,,,,,,,,,,,,,',
    'p-2,FILE,2020-02-10T09:30,,,,,,,,,,,,,,,,,,,',
    'p-3,NOT_FILED,2020-02-10T10:00,,,,,,,,OUT_OF_SCOPE,建议转社情民意信息,,,,,,,,,,',
    'p-4,MERGE,2020-02-10T10:30,,,,,,,与p-2内容相近,,,p-2,,,,,,,,,',
    'p-1,ASSIGN,2020-02-12T09:00,,a-1,hu-edu,LEAD,,,,,,,,,,,,,,,',
    'p-1,ASSIGN,2020-02-12T09:00,,a-2,hu-ndrc,ASSIST,,,,,,,,,,,,,,,',
    'p-2,ASSIGN,2020-02-12T09:30,,a-3,hu-ndrc,LEAD,2020-04-30,,,,,,,,,,,,,,',
    'p-1,KEY,2020-02-20T09:00,,,,,,,主席会议确定,,,,m-1,,,,,,,,',
    'p-1,REPLY,2020-03-05T15:00,,a-2,,,,,,,,,,A,已纳入年度投资计划,2020-03-05,,,,,',
    'p-1,RELEASE,2020-03-06T09:00,,a-2,,,,,,,,,,,,,,,,,',
    'p-1,REPLY,2020-05-06T15:00,,a-1,,,,,,,,,,B,计划2020年秋季开工建设,2020-05-06,2020-09-30,,,,',
    'p-1,SEND_BACK,2020-05-07T09:00,,a-1,,,,,答复未说明资金来源,,,,,,,,,,,,',
    'p-1,REPLY,2020-05-10T15:00,,a-1,,,,,,,,,,B,资金已列入预算，计划秋季开工,2020-05-10,2020-09-30,,,,',
    'p-1,RELEASE,2020-05-11T09:00,,a-1,,,,,,,,,,,,,,,,,',
    'p-1,RATE,2020-05-20T09:00,,a-2,,,,,,,,,,BASICALLY_SATISFIED,,,,SATISFIED,,,',
    'p-1,RATE,2020-05-20T09:05,,a-1,,,,,,,,,,SATISFIED,,,,SATISFIED,,,',
    'p-1,PROMISE_DELIVERED,2020-10-12T09:00,,a-1,,,,,,,已开工,,,,,,,,,OFFICE,2020-09-28',
  ),
};

async function imported(files: Record<string, string>) {
  const store = new InMemoryEventStore();
  const report = await importDirectory(store, dirWith(files), options);
  const projections = createProjections();
  for (const e of await store.readAll()) projections.apply(e);
  return { store, report, proposals: projections.get<ProposalsProjection>(ProposalsProjection.NAME) };
}

const sectorOf = () => undefined;

describe('importing proposals (proposals.csv, proposal_steps.csv and the office\'s files)', () => {
  it('a tidy file: numbers in filing order, deadlines from the day of assignment, replies, ratings and the promise as the rows dated them', async () => {
    const { report, proposals } = await imported(TIDY);

    expect(report.errors).toEqual([]);
    expect(report.events).toMatchObject({ OpenTerm: 1, SetProposalRules: 1, DefineNotFiledReason: 2, SubmitProposal: 6, FileProposal: 4, AssignProposal: 3, ReplyToProposal: 3, RateReply: 3 });
    const p1 = proposals.proposals.get('p-1')!;
    expect([p1.number, proposals.proposals.get('p-2')!.number]).toEqual(['格政协〔2020〕第1号', '格政协〔2020〕第2号']);
    expect(p1.occasion).toBe('SESSION');
    expect(p1.coSigners.map((c) => [c.memberId, c.signedMs !== null])).toEqual([['m-3', true], ['m-4', false]]);
    expect(p1.key?.supervisorId).toBe('m-1');
    expect([p1.mergedFrom, proposals.proposals.get('p-2')!.mergedFrom, proposals.proposals.get('p-4')!.mergedInto]).toEqual([[], ['p-4'], 'p-2']);
    // Both ratings satisfied: the second closes the proposal, on its own date.
    expect(p1.closed).toEqual({ reason: 'every reply released and rated', by: 'RATINGS', atMs: toMs('2020-05-20T01:05:00.000Z') });
    expect(p1.assignments.map((a) => [a.id, a.rounds[0]!.dueOn, a.rounds[0]!.replies.map((r) => r.status)])).toEqual([
      ['a-1', '2020-05-12', ['SENT_BACK', 'RELEASED']],
      ['a-2', '2020-03-13', ['RELEASED']],
    ]);
    expect(proposalCounts(proposals, {}, sectorOf)).toMatchObject({ total: 4, filed: 2, notFiled: 1, merged: 1, filingRate: 2 / 3, notFiledReasons: [{ code: 'OUT_OF_SCOPE', label: '不属于政协提案受理范围', count: 1, toOpinionReport: 0 }] });
    // a-3 (due 30 April, never answered) is overdue at the end of the year; a-1 answered by its second reply, submitted 10 May: on time.
    expect(deadlineBoard(proposals, toMs('2020-12-31T00:00:00+08:00')).map((b) => [b.assignment.id, b.state])).toEqual([
      ['a-2', 'REPLIED_ON_TIME'],
      ['a-3', 'OVERDUE'],
      ['a-1', 'REPLIED_ON_TIME'],
    ]);
    expect(promiseLedger(proposals, toMs('2020-12-31T00:00:00+08:00')).entries.map((e) => [e.assignment.id, e.plannedOn, e.deliveredOn, e.state])).toEqual([['a-1', '2020-09-30', '2020-09-28', 'DELIVERED_ON_TIME']]);
  });

  it('a messy export (BOM, CRLF, blank optional cells, lower-case steps, quoted Chinese text with commas, yes/no in Chinese) imports the same way', async () => {
    const crlf = (...rows: string[]) => '\uFEFF' + rows.join('\r\n') + '\r\n';
    const { report, proposals } = await imported({
      ...COMMITTEE,
      // Only the columns it uses, in its own order; the rules file keeps every default but the number format.
      'proposal_rules.csv': crlf('number_format,reason', '第{n}号,沿用默认期限'),
      'proposals.csv': crlf(
        'id,title,proposer_id,session_id,submitted_at,reasons,suggestions,co_signer_ids',
        'p-9,"关于“一网通办”的提案（一）,含附件",m-3,ps-10-4,2020-03-02,"审批环节多,材料重复提交","一、精简材料；二、数据共享",',
        'p-10,关于小区噪音的提案,m-4,ps-10-4,2020-03-02 ,夜间施工扰民,见附件,',
      ),
      'proposal_steps.csv': crlf(
        'proposal_id,step,date,assignment_id,unit_id,role,days,result,text,reason,attitude,reason_code,to_opinion_report',
        'p-9,file,2020-03-10,,,,,,,,,,',
        ' p-9 , assign ,2020-03-11, a-9 ,hu-ndrc,LEAD,60,,,,,,',
        'p-9,reply,2020-04-20,a-9,,,,C,"经研究，留作参考",涉及省级事权,,,',
        'p-9,release,2020-04-21,a-9,,,,,,,,,',
        'p-9,rate,2020-04-30,a-9,,,,UNSATISFIED,,,BASICALLY_SATISFIED,,',
        'p-10,not_filed,2020-03-10,,,,,,,,,NO_SUGGESTION,是',
      ),
    });

    expect(report.errors).toEqual([]);
    const p9 = proposals.proposals.get('p-9')!;
    expect([p9.title, p9.number, p9.occasion, p9.coSigners]).toEqual(['关于“一网通办”的提案（一）,含附件', '第1号', 'INTERIM', []]);
    const round = p9.assignments[0]!.rounds[0]!;
    expect([p9.assignments[0]!.id, round.dueOn, round.replies[0]!.result, round.replies[0]!.referenceReason, round.rating?.result]).toEqual(['a-9', '2020-05-10', 'C', '涉及省级事权', 'UNSATISFIED']);
    // An unsatisfied rating leaves the proposal open for the proposer to ask for rehandling.
    expect(p9.stage).toBe('FILED');
    expect(proposals.proposals.get('p-10')!.notFiled).toMatchObject({ reasonCode: 'NO_SUGGESTION', note: '', toOpinionReport: true });
  });

  it('a bad file: every bad cell at its file, line and column with its code, and nothing written although the other rows were fine', async () => {
    const store = new InMemoryEventStore();
    await importDirectory(store, dirWith(COMMITTEE), options);
    const head = await store.headPosition();

    const report = await importDirectory(
      store,
      dirWith({
        ...COMMITTEE,
        'proposals.csv': lines(
          'id,session_id,proposer_id,title,reasons,suggestions,submitted_at,co_signer_ids',
          'p-1,ps-10-4,m-2,关于学前教育的提案,学位紧张,新建幼儿园,2020-01-07T10:00,',
          'p-2,ps-10-9,m-3,关于营商环境的提案,审批多,一网通办,2020-01-07T11:00,',
          'p-3,ps-10-4,m-4,关于宠物管理的提案,,出台办法,2020-01-08T09:00,',
          'p-5,ps-10-4,m-4,关于停车难的提案,车位少,建停车场,2020-02-30T09:00,m-9',
        ),
        'proposal_steps.csv': lines(
          'proposal_id,step,date,assignment_id,unit_id,role,due_on,result,text,planned_on,reason_code,attitude',
          'p-1,FILE,2020-02-10T09:00,,,,,,,,,',
          'p-1,ASSIGN,2020-02-12,a-1,hu-edu,HOST,,,,,,',
          'p-1,ASSIGN,2020-02-12,a-2,sc-a,ASSIST,,,,,,',
          'p-1,ASSIGN,2020-02-12,a-3,hu-ndrc,ASSIST,2020-02-01,,,,,',
          'p-1,REPLY,2020-02-11,a-3,,,,A,已办理,,,',
          'p-1,REPLY,2020-03-01,a-9,,,,B,列入计划,,,',
          'p-1,TRANSFER,2020-03-02,,,,,,,,,',
          'p-1,RATE,2020-03-03,a-1,hu-edu,,,SATISFIED,,,,GOOD',
          'p-1,NOT_FILED,2020-03-04,,,,,,,,NO_SUCH_REASON,',
        ),
      }),
      options,
    );

    expect(report.errors.map(({ file, line, column, code, message }) => `${file}:${line}: ${column}: ${code} ${message}`)).toEqual([
      'proposals.csv:3: session_id: NOT_FOUND plenary session ps-10-9 is not scheduled',
      'proposals.csv:4: reasons: VALIDATION reasons is required',
      'proposals.csv:5: submitted_at: VALIDATION submittedAt "2020-02-30T09:00" is not a real date',
      'proposal_steps.csv:3: role: VALIDATION role "HOST" is not one of LEAD, ASSIST',
      'proposal_steps.csv:4: unit_id: VALIDATION sc-a is a SPECIAL_COMMITTEE, not a handling unit',
      'proposal_steps.csv:5: due_on: VALIDATION dueOn 2020-02-01 has passed',
      'proposal_steps.csv:6: date: VALIDATION date 2020-02-11 is before 2020-02-12, the date of p-1 at proposal_steps.csv:5; a proposal\'s rows go in the order they happened',
      'proposal_steps.csv:7: assignment_id: NOT_FOUND proposal p-1 has no assignment a-9',
      'proposal_steps.csv:8: step: VALIDATION step "TRANSFER" is not one of INVITE, CO_SIGN, WITHDRAW, RETURN_FOR_REVISION, RESUBMIT, FILE, NOT_FILED, MERGE, ASSIGN, RETURN_ASSIGNMENT, EXTEND, KEY, REPLY, SEND_BACK, RELEASE, RATE, REQUEST_REHANDLING, REOPEN, CLOSE, PROMISE_DELIVERED',
      'proposal_steps.csv:9: unit_id: VALIDATION unit_id has no meaning for a RATE step; clear the cell (a RATE row reads assignment_id, attitude, result, comment)',
      'proposal_steps.csv:10: proposal_id: CONFLICT proposal p-1 is FILED; only a proposal waiting for review can be declined',
    ]);
    expect(report.written).toBe(0);
    expect(await store.headPosition()).toBe(head);
  });

  it('re-running the tidy import writes nothing and reports every row as already applied', async () => {
    const store = new InMemoryEventStore();
    const dir = dirWith(TIDY);
    const first = await importDirectory(store, dir, options);
    expect(first.errors).toEqual([]);
    const head = await store.headPosition();

    const again = await importDirectory(store, dir, { actor: 'clerk-2', now: '2024-07-01T00:00:00.000Z' });

    expect(again.errors).toEqual([]);
    expect(again.written).toBe(0);
    expect(again.events).toEqual({});
    expect(again.skipped).toMatchObject({ OpenTerm: 1, SubmitProposal: 4, CoSignProposal: 1, FileProposal: 2, DeclineToFileProposal: 1, MergeProposal: 1, AssignProposal: 3, ReplyToProposal: 3, SendBackReply: 1, ReleaseReply: 2, RateReply: 2, ReportPromiseDelivered: 1 });
    expect(await store.headPosition()).toBe(head);
  });
});
