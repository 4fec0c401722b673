import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contact } from '#domain';
import { handleCommand } from '#event-store/handleCommand';
import { InMemoryEventStore } from '#event-store/inMemory';
import { LiaisonView } from '#projections/liaison/liaisonView';
import { parseCsv } from './csv.js';
import { importDirectory, ImportError } from './csvImport.js';

const SAMPLE = fileURLToPath(new URL('../../../sample/golmud', import.meta.url));
const NOW = '2024-06-01T00:00:00.000Z';
const options = { actor: 'clerk-1', now: NOW };

const rowsOf = (dir: string, file: string) => parseCsv(readFileSync(join(dir, file), 'utf8')).records;

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A directory holding these files; each file is its lines. */
function dirWith(files: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'csv-import-'));
  made.push(dir);
  for (const [file, lines] of Object.entries(files)) writeFileSync(join(dir, file), lines.join('\n') + '\n');
  return dir;
}

/** A small valid network: one locality and its group, a sector, a special committee, three members, two links, one contact. */
const BASE: Record<string, string[]> = {
  'localities.csv': ['id,name,kind', 'loc-a,昆仑路街道,SUBDISTRICT'],
  'organizations.csv': [
    'id,kind,name,locality_id,leader_id',
    'sector-a,SECTOR,经济界,,',
    'sc-a,SPECIAL_COMMITTEE,提案委员会,,',
    'lg-a,LIAISON_GROUP,昆仑路街道政协工作联络组,loc-a,p-a',
  ],
  'persons.csv': ['id,name,title,organization_id', 'p-a,王立新,昆仑路街道党工委副书记,'],
  'members.csv': [
    'id,name,gender,ethnicity,affiliation,sector_id,special_committee_id,liaison_group_id,roles,joined_on',
    'm-1,李建国,MALE,汉族,CPC,sector-a,sc-a,lg-a,PARTY_GROUP;CONVENER:sector-a,2017-01-05',
    'm-2,马秀英,FEMALE,回族,CPC,sector-a,sc-a,lg-a,,2017-01-05',
    'm-3,才让多杰,MALE,藏族,NON_PARTY,sector-a,sc-a,,,2017-01-05',
  ],
  'links.csv': [
    'id,scheme,source_id,target_id,min_contacts,per,active_from,active_to,end_reason',
    'l-1,PARTY_GROUP_TO_PARTY_MEMBER,m-1,m-2,1,QUARTER,2019-01-01,,',
    'l-2,PARTY_MEMBER_TO_NON_PARTY,m-2,m-3,1,QUARTER,2019-01-01,,',
  ],
  'contacts.csv': [
    'id,occurred_at,channel,participant_ids,link_ids,topic,summary,issues_raised,liaison_group_id',
    'c-1,2019-03-05T09:30,VISIT,m-1;m-2,l-1,谈心谈话,了解履职情况,希望多参加视察;培训要贴近基层,',
  ],
};

/** BASE with extra lines appended to some files, or whole files replaced (`replace`). */
const variant = (append: Record<string, string[]>, replace: Record<string, string[]> = {}) =>
  dirWith(Object.fromEntries([...new Set([...Object.keys(BASE), ...Object.keys(append), ...Object.keys(replace)])].map((f) => [f, replace[f] ?? [...(BASE[f] ?? []), ...(append[f] ?? [])]])));

describe('importDirectory', () => {
  it('imports the bundled sample with no errors, one event per row, and the read model sees all of it', async () => {
    const store = new InMemoryEventStore();
    const report = await importDirectory(store, SAMPLE, options);

    expect(report.errors).toEqual([]);
    const links = rowsOf(SAMPLE, 'links.csv');
    const proposals = rowsOf(SAMPLE, 'proposals.csv');
    const steps = rowsOf(SAMPLE, 'proposal_steps.csv');
    const stepsOf = (step: string) => steps.filter((r) => r.values[1] === step).length;
    const opinionSteps = rowsOf(SAMPLE, 'opinion_report_steps.csv');
    const opinionStepsOf = (step: string) => opinionSteps.filter((r) => r.values[1] === step).length;
    const inspectionSteps = rowsOf(SAMPLE, 'inspection_steps.csv');
    expect(report.events).toEqual({
      RegisterLocality: rowsOf(SAMPLE, 'localities.csv').length,
      RegisterOrganization: rowsOf(SAMPLE, 'organizations.csv').length,
      RegisterPerson: rowsOf(SAMPLE, 'persons.csv').length,
      RegisterMember: rowsOf(SAMPLE, 'members.csv').length,
      SchedulePlenarySession: rowsOf(SAMPLE, 'plenary_sessions.csv').length,
      // Each link claims its pair (LinkPairClaimed, in the pair's own stream).
      AssignLink: 2 * links.length,
      EndLink: links.filter((r) => r.values[7] !== '').length,
      LogContact: rowsOf(SAMPLE, 'contacts.csv').length,
      CorrectContact: rowsOf(SAMPLE, 'contact_corrections.csv').length,
      RetractContact: rowsOf(SAMPLE, 'contact_retractions.csv').length,
      OpenTerm: 1,
      SetProposalRules: 1,
      DefineNotFiledReason: rowsOf(SAMPLE, 'not_filed_reasons.csv').length,
      // A submission invites its co-signers; filing claims its number; the rating that completes a proposal closes it (88 of the 97 closed).
      SubmitProposal: proposals.length + proposals.reduce((n, r) => n + (r.values[7] ? r.values[7].split(';').length : 0), 0),
      FileProposal: 2 * stepsOf('FILE'),
      RateReply: stepsOf('RATE') + 88,
      ...Object.fromEntries(
        (
          [
            ['CoSignProposal', 'CO_SIGN'],
            ['ReturnProposalForRevision', 'RETURN_FOR_REVISION'],
            ['ResubmitProposal', 'RESUBMIT'],
            ['DeclineToFileProposal', 'NOT_FILED'],
            ['MergeProposal', 'MERGE'],
            ['AssignProposal', 'ASSIGN'],
            ['ReturnAssignment', 'RETURN_ASSIGNMENT'],
            ['ExtendDeadline', 'EXTEND'],
            ['MarkKeyProposal', 'KEY'],
            ['ReplyToProposal', 'REPLY'],
            ['SendBackReply', 'SEND_BACK'],
            ['ReleaseReply', 'RELEASE'],
            ['RequestRehandling', 'REQUEST_REHANDLING'],
            ['ReopenProposal', 'REOPEN'],
            ['CloseProposal', 'CLOSE'],
            ['ReportPromiseDelivered', 'PROMISE_DELIVERED'],
          ] as const
        ).map(([command, step]) => [command, stepsOf(step)]),
      ),
      // The opinion reports: an issue claims its number; the rules one event a row.
      DefineOpinionRecipient: rowsOf(SAMPLE, 'opinion_recipients.csv').length,
      DefineOpinionNotAdoptedReason: rowsOf(SAMPLE, 'opinion_not_adopted_reasons.csv').length,
      SetOpinionCreditRules: rowsOf(SAMPLE, 'opinion_credit_rules.csv').length,
      SubmitOpinionReport: rowsOf(SAMPLE, 'opinion_reports.csv').length,
      IssueOpinionReport: 2 * opinionStepsOf('ISSUE'),
      ...Object.fromEntries(
        (
          [
            ['WithdrawOpinionReport', 'WITHDRAW'],
            ['EditOpinionReport', 'EDIT'],
            ['AdoptOpinionReport', 'ADOPT'],
            ['DeclineOpinionReport', 'DECLINE'],
            ['CombineOpinionReports', 'COMBINE'],
            ['ForwardOpinionReport', 'FORWARD'],
            ['RecordRecipientAdoption', 'RECIPIENT_ADOPTION'],
            ['RecordLeaderInstruction', 'INSTRUCTION'],
            ['RecordOpinionFeedback', 'FEEDBACK'],
            ['RecordOpinionMediaPickup', 'MEDIA_PICKUP'],
          ] as const
        ).map(([command, step]) => [command, opinionStepsOf(step)]),
      ),
      // The inspections: an invitation row invites each of its invitees (an event each); a report is its run of rows.
      SetInspectionRules: rowsOf(SAMPLE, 'inspection_rules.csv').length,
      PlanInspection: rowsOf(SAMPLE, 'inspections.csv').length,
      InviteToInspection: inspectionSteps.filter((r) => r.values[1] === 'INVITE').reduce((n, r) => n + r.values[4]!.split(';').length, 0),
      ReportInspection: new Set(inspectionSteps.filter((r) => r.values[1] === 'REPORT').map((r) => r.values[0])).size,
      ...Object.fromEntries(
        (
          [
            ['CancelInspection', 'CANCEL'],
            ['AnswerInspectionInvitation', 'ANSWER'],
            ['HoldInspection', 'HOLD'],
            ['FollowUpRecommendation', 'FOLLOW_UP'],
          ] as const
        ).map(([command, step]) => [command, inspectionSteps.filter((r) => r.values[1] === step).length]),
      ),
      // The year's key topics, their tags, and the Party committee's records: one event a row.
      SetKeyTopic: rowsOf(SAMPLE, 'key_topics.csv').length,
      TagWorkToTopic: rowsOf(SAMPLE, 'topic_tags.csv').filter((r) => r.values[1] === 'TAG').length,
      UntagWorkFromTopic: rowsOf(SAMPLE, 'topic_tags.csv').filter((r) => r.values[1] === 'UNTAG').length,
      RecordPartyCommitteeReport: rowsOf(SAMPLE, 'party_committee_reports.csv').length,
      RecordPartyCommitteeStudy: rowsOf(SAMPLE, 'party_committee_studies.csv').length,
      // The duty records: a table or a meeting one event a row, a meeting's roll call (its run of rows) one event.
      SetDutyPointsRules: rowsOf(SAMPLE, 'duty_points_rules.csv').length,
      RecordMeeting: rowsOf(SAMPLE, 'meetings.csv').length,
      RecordMeetingAttendance: new Set(rowsOf(SAMPLE, 'meeting_attendance.csv').map((r) => `${r.values[0]} ${r.values[1]}`)).size,
    });
    const total = Object.values(report.events).reduce((n, k) => n + (k ?? 0), 0);
    expect(report.written).toBe(total);
    expect(await store.headPosition()).toBe(total);

    const model = new LiaisonView();
    for (const e of await store.readAll()) model.apply(e);
    expect(model.skipped).toBe(0);
    expect(model.members.size).toBe(rowsOf(SAMPLE, 'members.csv').length);
    expect([...model.contacts.values()].filter((c) => c.retracted)).toHaveLength(rowsOf(SAMPLE, 'contact_retractions.csv').length);
  });

  it('re-running the sample writes nothing and reports every row as already applied', async () => {
    const store = new InMemoryEventStore();
    const first = await importDirectory(store, SAMPLE, options);
    const head = await store.headPosition();

    const again = await importDirectory(store, SAMPLE, { ...options, actor: 'clerk-2', now: '2024-07-01T00:00:00.000Z' });

    expect(again.errors).toEqual([]);
    expect(again.written).toBe(0);
    expect(again.events).toEqual({});
    // One row a command: a link's pair claim, a submission's invitations, a filing's number and a rating's closure came with their row.
    const steps = rowsOf(SAMPLE, 'proposal_steps.csv');
    const rows = {
      AssignLink: rowsOf(SAMPLE, 'links.csv').length,
      SubmitProposal: rowsOf(SAMPLE, 'proposals.csv').length,
      FileProposal: steps.filter((r) => r.values[1] === 'FILE').length,
      RateReply: steps.filter((r) => r.values[1] === 'RATE').length,
      // An issue's number claim and an invitation's invitees came with their row.
      IssueOpinionReport: rowsOf(SAMPLE, 'opinion_report_steps.csv').filter((r) => r.values[1] === 'ISSUE').length,
      InviteToInspection: rowsOf(SAMPLE, 'inspection_steps.csv').filter((r) => r.values[1] === 'INVITE').length,
    };
    expect(again.skipped).toEqual({ ...first.events, ...rows });
    expect(await store.headPosition()).toBe(head);
  });

  it('stamps every event with the actor, one correlation id, its row as cause, the source, file and line, and when it occurred', async () => {
    const store = new InMemoryEventStore();
    const report = await importDirectory(store, dirWith(BASE), options);

    const events = await store.readAll();
    expect(new Set(events.map((e) => e.metadata.correlationId))).toEqual(new Set([report.correlationId]));
    expect(events.find((e) => e.type === 'ContactLogged')!.metadata).toEqual({
      actor: 'clerk-1',
      // An operator at the data file, not a token holder: the write path records which.
      via: 'operator',
      command: 'LogContact',
      correlationId: report.correlationId,
      causationId: expect.any(String),
      source: 'csv-import',
      file: 'contacts.csv',
      line: 2,
      occurredAt: (events.find((e) => e.type === 'ContactLogged')!.data as { occurredAt: string }).occurredAt,
    });
    const causes = new Map(events.map((e) => [`${e.metadata.file}:${e.metadata.line}`, e.metadata.causationId]));
    expect(new Set(causes.values()).size).toBe(causes.size);
    expect(events.find((e) => e.type === 'ContactLogged')!.data).toMatchObject({
      recordedBy: 'clerk-1',
      issues: [
        { issueId: expect.any(String), text: '希望多参加视察' },
        { issueId: expect.any(String), text: '培训要贴近基层' },
      ],
    });
  });

  it('writes in row order across streams, so a later row can rely on an earlier one in the same import', async () => {
    const store = new InMemoryEventStore();
    await importDirectory(store, dirWith(BASE), options);

    expect((await store.readAll()).map((e) => e.type)).toEqual([
      'LocalityRegistered',
      'OrganizationRegistered',
      'OrganizationRegistered',
      'PersonRegistered',
      'OrganizationRegistered',
      'MemberRegistered',
      'MemberRegistered',
      'MemberRegistered',
      // The pair's claim is staged before its link (handleCommand's order), so on a store that
      // writes stream by stream a lost claim stops the row before its link lands.
      'LinkPairClaimed',
      'LinkAssigned',
      'LinkPairClaimed',
      'LinkAssigned',
      'ContactLogged',
    ]);
  });

  it('a dry run decides every row and writes nothing', async () => {
    const store = new InMemoryEventStore();
    const report = await importDirectory(store, dirWith(BASE), { ...options, dryRun: true });

    expect(report.errors).toEqual([]);
    expect(report.events.RegisterMember).toBe(3);
    expect(report.written).toBe(0);
    expect(await store.headPosition()).toBe(0);
  });

  const broken: Array<[string, Record<string, string[]>, Record<string, string[]>, Omit<ImportError, 'message'>]> = [
    [
      'a missing required column',
      { 'members.csv': [] },
      { 'members.csv': ['id,name,gender,ethnicity,sector_id,special_committee_id,liaison_group_id,roles,joined_on', 'm-4,周丽,FEMALE,汉族,sector-a,sc-a,,,2017-01-05'] },
      { file: 'members.csv', line: 1, column: 'affiliation', code: 'VALIDATION' },
    ],
    [
      'a date that does not exist',
      { 'contacts.csv': ['c-2,2019-04-01T10:00,PHONE,m-2;m-3,l-2,交流履职体会,,,', 'c-3,2019-02-30T09:30,VISIT,m-1;m-2,l-1,谈心谈话,,,'] },
      {},
      { file: 'contacts.csv', line: 4, column: 'occurred_at', code: 'VALIDATION' },
    ],
    [
      'a participant that is not registered',
      { 'contacts.csv': ['c-2,2019-04-01T10:00,VISIT,m-1;m-9,,走访,,,'] },
      {},
      { file: 'contacts.csv', line: 3, column: 'participant_ids', code: 'NOT_FOUND' },
    ],
    [
      'a convener role for a body that is not registered',
      { 'members.csv': ['m-4,周丽,FEMALE,汉族,CPC,sector-a,sc-a,,CONVENER:sector-x,2017-01-05'] },
      {},
      { file: 'members.csv', line: 5, column: 'roles', code: 'NOT_FOUND' },
    ],
    [
      'a value outside its vocabulary',
      { 'localities.csv': ['loc-b,河西街道,SUBDISTRICT', 'loc-c,某村,VILLAGE'] },
      {},
      { file: 'localities.csv', line: 4, column: 'kind', code: 'VALIDATION' },
    ],
    [
      'a link that breaks its scheme rule (a non-CPC target for PARTY_GROUP_TO_PARTY_MEMBER)',
      { 'links.csv': ['l-3,PARTY_GROUP_TO_PARTY_MEMBER,m-1,m-3,1,QUARTER,2019-01-01,,'] },
      {},
      { file: 'links.csv', line: 4, column: 'target_id', code: 'VALIDATION' },
    ],
    [
      'a requirement that is not a whole number',
      { 'links.csv': ['l-3,SECTOR,m-1,m-3,two,QUARTER,2019-01-01,,'] },
      {},
      { file: 'links.csv', line: 4, column: 'min_contacts', code: 'VALIDATION' },
    ],
    [
      'an ended link without a reason',
      { 'links.csv': ['l-3,SECTOR,m-1,m-3,1,QUARTER,2019-01-01,2020-01-01,'] },
      {},
      { file: 'links.csv', line: 4, column: 'end_reason', code: 'VALIDATION' },
    ],
  ];

  it.each(broken)('reports %s at its file, line and column, and writes nothing although the other rows were fine', async (_name, append, replace, expected) => {
    const store = new InMemoryEventStore();
    await importDirectory(store, dirWith(BASE), options);
    const head = await store.headPosition();
    // New valid rows ride along with the broken one: they must not be written either.
    const withGoodRows = { ...append, 'plenary_sessions.csv': ['id,name,starts_on,ends_on', 'ps-1,十届四次会议,2020-01-06T09:00,2020-01-09T12:00'] };

    const report = await importDirectory(store, variant(withGoodRows, replace), options);

    expect(report.errors).toEqual([{ ...expected, message: expect.any(String) }]);
    expect(report.written).toBe(0);
    expect(await store.headPosition()).toBe(head);
  });

  describe('a roster as offices keep it', () => {
    /** Chinese ids and affiliations, blank gender, ethnicity and joined_on, rows without ids, a group whose leader post is vacant. */
    const MESSY: Record<string, string[]> = {
      'localities.csv': ['id,name,kind', '河西街道,河西街道,SUBDISTRICT', ',郭勒木德镇,TOWN'],
      'organizations.csv': [
        'id,kind,name,locality_id,leader_id',
        '经济界,SECTOR,经济界,,',
        '提案委员会,SPECIAL_COMMITTEE,提案委员会,,',
        '民革格尔木支部,DEMOCRATIC_PARTY,民革格尔木支部,,',
        '河西联络组,LIAISON_GROUP,河西街道政协工作联络组,河西街道,王书记',
        ',LIAISON_GROUP,郭勒木德镇政协工作联络组,locality:郭勒木德镇,',
      ],
      'persons.csv': ['id,name,title,organization_id', '王书记,王立新,河西街道党工委副书记,'],
      'members.csv': [
        'id,name,gender,ethnicity,affiliation,sector_id,special_committee_id,liaison_group_id,roles,joined_on',
        '委员001,李建国,男,汉族,中共,经济界,提案委员会,河西联络组,PARTY_GROUP,2017-01-05',
        '委员002,马秀英,,,民革,经济界,提案委员会,河西联络组,,',
        ',才让多杰,MALE,,无党派人士,经济界,提案委员会,org:郭勒木德镇政协工作联络组,,',
        ',才让多杰,,藏族,九三学社,经济界,提案委员会,,,',
        '委员005,周丽,FEMALE,回族,CDL,经济界,提案委员会,,,2018-03-01',
      ],
      'links.csv': [
        'id,scheme,source_id,target_id,min_contacts,per,active_from,active_to,end_reason',
        '联系-001,PARTY_MEMBER_TO_NON_PARTY,委员001,member:才让多杰,1,QUARTER,2019-01-01,,',
      ],
    };

    it('imports it: ids as given, Chinese included; blank ids assigned from the name and reported; affiliations as codes; blanks unknown', async () => {
      const store = new InMemoryEventStore();
      const report = await importDirectory(store, dirWith(MESSY), options);

      expect(report.errors).toEqual([]);
      expect(report.assignedIds).toEqual([
        { file: 'localities.csv', line: 3, id: 'locality:郭勒木德镇' },
        { file: 'organizations.csv', line: 6, id: 'org:郭勒木德镇政协工作联络组' },
        { file: 'members.csv', line: 4, id: 'member:才让多杰' },
        { file: 'members.csv', line: 5, id: 'member:才让多杰:2' },
      ]);
      const view = new LiaisonView();
      for (const event of await store.readAll()) view.apply(event);
      const m = (id: string) => {
        const { id: _i, name, gender, ethnicity, affiliation, joinedOn, liaisonGroupId } = view.members.get(id)!;
        return { name, gender, ethnicity, affiliation, joinedOn, liaisonGroupId };
      };
      expect(m('委员001')).toEqual({ name: '李建国', gender: 'MALE', ethnicity: '汉族', affiliation: 'CPC', joinedOn: '2017-01-04T16:00:00.000Z', liaisonGroupId: '河西联络组' });
      expect(m('委员002')).toEqual({ name: '马秀英', gender: null, ethnicity: null, affiliation: 'RCCK', joinedOn: null, liaisonGroupId: '河西联络组' });
      expect(m('member:才让多杰')).toEqual({ name: '才让多杰', gender: 'MALE', ethnicity: null, affiliation: 'NON_PARTY', joinedOn: null, liaisonGroupId: 'org:郭勒木德镇政协工作联络组' });
      expect(m('member:才让多杰:2').affiliation).toBe('JIUSAN');
      expect(view.organizations.get('org:郭勒木德镇政协工作联络组')).toMatchObject({ kind: 'LIAISON_GROUP', localityId: 'locality:郭勒木德镇', leaderId: null });
      expect(view.links.get('联系-001')).toMatchObject({ targetId: 'member:才让多杰' });
    });

    it('re-runs quietly: the same ids are assigned and nothing is written', async () => {
      const store = new InMemoryEventStore();
      const dir = dirWith(MESSY);
      const first = await importDirectory(store, dir, options);
      const head = await store.headPosition();

      const again = await importDirectory(store, dir, options);

      expect(first.written).toBeGreaterThan(0);
      expect(again.errors).toEqual([]);
      expect(again.written).toBe(0);
      expect(again.events).toEqual({});
      expect(again.assignedIds).toEqual(first.assignedIds);
      expect(await store.headPosition()).toBe(head);
    });

    it.each<[string, Record<string, string[]>, Omit<ImportError, 'message'>]>([
      ['an affiliation that is neither a code nor a Chinese name', { 'members.csv': ['委员006,赵敏,,,国民党,经济界,提案委员会,,,'] }, { file: 'members.csv', line: 7, column: 'affiliation', code: 'VALIDATION' }],
      ["an id with a '/'", { 'persons.csv': ['张/三,张三,,'] }, { file: 'persons.csv', line: 3, column: 'id', code: 'VALIDATION' }],
      ['a second link of the same scheme, source and target', { 'links.csv': ['联系-002,PARTY_MEMBER_TO_NON_PARTY,委员001,member:才让多杰,2,QUARTER,2019-06-01,,'] }, { file: 'links.csv', line: 3, column: 'id', code: 'CONFLICT' }],
      ['a second liaison group for a locality', { 'organizations.csv': ['城北联络组,LIAISON_GROUP,城北联络组,河西街道,'] }, { file: 'organizations.csv', line: 7, column: 'locality_id', code: 'CONFLICT' }],
      [
        'a leader who is not registered',
        { 'localities.csv': ['城北,城北街道,SUBDISTRICT'], 'organizations.csv': ['城北联络组,LIAISON_GROUP,城北联络组,城北,无此人'] },
        { file: 'organizations.csv', line: 7, column: 'leader_id', code: 'NOT_FOUND' },
      ],
    ])('refuses %s with its code', async (_name, append, expected) => {
      const dir = dirWith(Object.fromEntries(Object.entries(MESSY).map(([f, lines]) => [f, [...lines, ...(append[f] ?? [])]])));
      const report = await importDirectory(new InMemoryEventStore(), dir, options);
      expect(report.errors).toEqual([{ ...expected, message: expect.any(String) }]);
    });
  });

  it('collects every error of every file in one run, in file order then line order', async () => {
    const store = new InMemoryEventStore();
    const dir = variant({
      'localities.csv': ['loc-c,某村,VILLAGE'],
      'links.csv': ['l-3,PARTY_GROUP_TO_PARTY_MEMBER,m-1,m-3,1,QUARTER,2019-01-01,,'],
      'contacts.csv': ['c-2,2019-02-30T09:30,VISIT,m-1;m-2,l-1,谈心谈话,,,', 'c-3,2019-04-01T10:00,FAX,m-2;m-3,l-2,交流,,,'],
    });

    const report = await importDirectory(store, dir, options);

    expect(report.errors.map(({ file, line, column, code }) => `${file}:${line}: ${column}: ${code}`)).toEqual([
      'localities.csv:3: kind: VALIDATION',
      'links.csv:4: target_id: VALIDATION',
      'contacts.csv:3: occurred_at: VALIDATION',
      'contacts.csv:4: channel: VALIDATION',
    ]);
    expect(await store.headPosition()).toBe(0);
  });

  it('names the clerk-facing message of the decider', async () => {
    const report = await importDirectory(new InMemoryEventStore(), variant({ 'links.csv': ['l-3,PARTY_GROUP_TO_PARTY_MEMBER,m-1,m-3,1,QUARTER,2019-01-01,,'] }), options);

    expect(report.errors[0]!.message).toBe('member m-3 is not CPC; a PARTY_GROUP_TO_PARTY_MEMBER link needs a CPC target');
  });

  it('refuses an unknown column instead of dropping its data', async () => {
    const report = await importDirectory(
      new InMemoryEventStore(),
      variant({}, { 'plenary_sessions.csv': ['id,name,starts_on,ends_om', 'ps-1,十届四次会议,2020-01-06T09:00,2020-01-09T12:00'] }),
      options,
    );

    expect(report.errors).toEqual([
      expect.objectContaining({ file: 'plenary_sessions.csv', line: 1, column: 'ends_on', code: 'VALIDATION' }),
      expect.objectContaining({ file: 'plenary_sessions.csv', line: 1, column: 'ends_om', code: 'VALIDATION' }),
    ]);
  });

  it('re-running corrections, a retraction and a link end is quiet, even after a later correction of the same contact', async () => {
    const store = new InMemoryEventStore();
    const dir = variant(
      {
        'links.csv': ['l-3,SECTOR,m-1,m-3,1,QUARTER,2019-01-01,2020-01-01,召集人调整'],
        'contacts.csv': ['c-2,2019-04-01T10:00,PHONE,m-2;m-3,l-2,交流履职体会,,,'],
      },
      {
        'contact_corrections.csv': ['contact_id,reason,occurred_at,channel,participant_ids,link_ids,topic,summary', 'c-1,议题表述不准确,,,,,谈心谈话（一）,', 'c-1,再次更正,,MEETING,,,谈心谈话（二）,'],
        'contact_retractions.csv': ['contact_id,reason', 'c-2,重复录入'],
      },
    );
    const first = await importDirectory(store, dir, options);
    expect(first.errors).toEqual([]);
    expect(first.events).toMatchObject({ EndLink: 1, CorrectContact: 2, RetractContact: 1 });
    const head = await store.headPosition();

    const again = await importDirectory(store, dir, { ...options, actor: 'clerk-2' });

    expect(again.errors).toEqual([]);
    expect(again.skipped).toMatchObject({ EndLink: 1, CorrectContact: 2, RetractContact: 1 });
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses a retraction whose contact was already retracted some other way, rather than guessing it is the same', async () => {
    const store = new InMemoryEventStore();
    await importDirectory(store, dirWith(BASE), options);
    const directory = new LiaisonView();
    await handleCommand(store, contact, { type: 'RetractContact', contactId: 'c-1', reason: '重复录入' }, { now: NOW, actor: 'api', directory, newId: () => 'unused' });
    const head = await store.headPosition();

    const report = await importDirectory(store, variant({}, { 'contact_retractions.csv': ['contact_id,reason', 'c-1,重复录入'] }), options);

    expect(report.errors).toEqual([expect.objectContaining({ file: 'contact_retractions.csv', line: 2, column: 'contact_id', code: 'CONFLICT' })]);
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses a directory holding none of the import files', async () => {
    await expect(importDirectory(new InMemoryEventStore(), dirWith({ 'notes.txt': ['hello'] }), options)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
