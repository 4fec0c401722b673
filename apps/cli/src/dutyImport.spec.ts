/**
 * Importing the duty-record files (履职档案): the points table, the meetings and their roll calls
 * under Chinese headers and codes, one roll call a meeting's run of rows, and a refused member
 * named on its own row with nothing written.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from '#event-store/inMemory';
import { DutyProjection } from '#projections/duty/duty.projection';
import { dutyRecord } from '#projections/duty/duty.queries';
import { createProjections } from '#projections/systems';
import { importDirectory } from './csvImport.js';

const options = { actor: 'clerk-1', now: '2024-06-01T00:00:00.000Z' };
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const lines = (...rows: string[]) => rows.join('\n') + '\n';

const COMMITTEE: Record<string, string> = {
  'organizations.csv': lines('id,kind,name,locality_id,leader_id', 'sector-a,SECTOR,经济界,,', 'sc-a,SPECIAL_COMMITTEE,经济委员会,,'),
  'members.csv': lines(
    'id,name,gender,ethnicity,affiliation,sector_id,special_committee_id,liaison_group_id,roles,joined_on',
    'm-1,李建国,MALE,汉族,CPC,sector-a,sc-a,,STANDING_COMMITTEE,2017-01-05',
    'm-2,马秀英,FEMALE,回族,CPC,sector-a,sc-a,,,2017-01-05',
  ),
  'terms.csv': lines('id,name,number,starts_on,ends_on', 'term-10,第十届,10,2017-01-05T09:00,2022-01-05T12:00'),
  'plenary_sessions.csv': lines('id,name,starts_on,ends_on,term_id,number', 'ps-10-4,第四次会议,2020-01-06T09:00,2020-01-09T12:00,term-10,4'),
  'duty_points_rules.csv': lines(
    '起始年度,contact,link_served,link_met,proposal_led,proposal_co_signed,proposal_filed,opinion_submitted,opinion_adopted,opinion_adopted_city,opinion_adopted_prefecture,opinion_adopted_province,opinion_adopted_national,instruction_city,instruction_prefecture,instruction_province,instruction_national,inspection_attended,plenary_attended,plenary_absent,standing_attended,standing_absent,理由',
    '2020,1,1,2,3,1,2,1,2,2,3,5,10,3,5,8,15,2,3,-4,2,-2,积分办法',
  ),
  'meetings.csv': lines('会议编号,类别,名称,日期,次会议编号,届别编号', 'mt-1,全体会议,第一次全体会议,2020-01-06,ps-10-4,', 'sc-1,常委会议,常委会第十九次会议,2020-04-16,,term-10'),
};

async function imported(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'duty-import-'));
  made.push(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const store = new InMemoryEventStore();
  const report = await importDirectory(store, dir, options);
  const projections = createProjections();
  for (const e of await store.readAll()) projections.apply(e);
  return { report, store, duty: projections.get<DutyProjection>(DutyProjection.NAME) };
}

describe('importing the duty-record files', () => {
  it('takes the points table, the meetings and one roll call per meeting, in Chinese codes', async () => {
    const { report, duty } = await imported({ ...COMMITTEE, 'meeting_attendance.csv': lines('会议编号,日期,委员编号,出勤,请假理由', 'mt-1,2020-01-06,m-1,出席,', 'mt-1,2020-01-06,m-2,请假,因公出差', 'sc-1,2020-04-16,m-1,缺席,') });
    expect(report.errors).toEqual([]);
    expect(report.events).toMatchObject({ SetDutyPointsRules: 1, RecordMeeting: 2, RecordMeetingAttendance: 2 });
    expect([...duty.meetings.get('mt-1')!.attendance]).toEqual([
      ['m-1', { status: 'ATTENDED', leaveReason: '', corrections: 0 }],
      ['m-2', { status: 'EXCUSED', leaveReason: '因公出差', corrections: 0 }],
    ]);
    // m-1: a plenary sitting attended (3) and a standing-committee meeting missed (−2), under the file's table.
    const r = dutyRecord(duty, 'm-1', { year: 2020 });
    expect([r.counts.plenaryAttended, r.counts.standingAbsent, r.points, r.byYear[0]!.fromYear]).toEqual([1, 1, 1, 2020]);
  });

  it('names a refused member on its own row of the roll call, and writes none of the import', async () => {
    const { report, store } = await imported({ ...COMMITTEE, 'meeting_attendance.csv': lines('meeting_id,date,member_id,status,leave_reason', 'sc-1,2020-04-16,m-1,ATTENDED,', 'sc-1,2020-04-16,m-2,ATTENDED,') });
    expect(report.errors.map((e) => [e.file, e.line, e.code])).toEqual([['meeting_attendance.csv', 3, 'VALIDATION']]);
    expect(report.errors[0]!.message).toContain('not on the standing committee');
    expect(await store.headPosition()).toBe(0);
  });
});
