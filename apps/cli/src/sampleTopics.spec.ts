/**
 * The sample's key topics, reports to the Party committee and compliance board for 2020, imported
 * through the deciders and read as a leader would at the end of the year. The figures are those
 * of the committed sample/golmud files (regenerate them and these numbers are what to check).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toMs } from '#domain';
import { InMemoryEventStore } from '#event-store/inMemory';
import { complianceBoard } from '#projections/compliance/board';
import { PartyCommitteeProjection } from '#projections/partyCommittee/partyCommittee.projection';
import type { ProjectionSet } from '#projections/shared/projection';
import { createProjections } from '#projections/systems';
import { TopicsProjection } from '#projections/topics/topics.projection';
import { topicPage } from '#projections/topics/topics.queries';
import { importDirectory } from './csvImport.js';
import { parseCsv } from './csv.js';
import { KEY_TOPICS_2020 } from './sample/topics.js';

const SAMPLE = fileURLToPath(new URL('../../../sample/golmud', import.meta.url));
const YEAR_END = toMs('2021-01-01T00:00:00+08:00');

describe('the sample\'s key topics, Party-committee records and compliance board (2020), at the end of the year', () => {
  let set: ProjectionSet;
  let topics: TopicsProjection;

  beforeAll(async () => {
    const store = new InMemoryEventStore();
    const report = await importDirectory(store, SAMPLE, { actor: 'sample', now: '2024-06-01T00:00:00.000Z' });
    expect(report.errors).toEqual([]);
    set = createProjections();
    for (const e of await store.readAll()) set.apply(e);
    topics = set.get<TopicsProjection>(TopicsProjection.NAME);
    expect(Object.values(set.skipped()).every((n) => n === 0)).toBe(true);
  }, 120_000);

  it('the four topics the seed names, each with its work by kind; one proposal untagged with the office\'s reason', () => {
    expect([...topics.topics.values()].map((t) => [t.id, t.title, t.leadBodyId])).toEqual(KEY_TOPICS_2020.map((t) => [t.id, t.title, t.lead]));
    const counts = Object.fromEntries([...topics.topics.values()].map((t) => [t.id, topicPage(set, t).byKind.map((k) => k.count)]));
    // CONTACT, PROPOSAL, OPINION_REPORT, INSPECTION
    expect(counts).toEqual({ 'kt-2020-1': [24, 4, 1, 1], 'kt-2020-2': [55, 8, 3, 0], 'kt-2020-3': [21, 3, 3, 1], 'kt-2020-4': [12, 3, 4, 1] });
    const tags = parseCsv(readFileSync(join(SAMPLE, 'topic_tags.csv'), 'utf8')).records.map((r) => r.values);
    const untag = tags.find((r) => r[1] === 'UNTAG')!;
    expect(topics.topics.get('kt-2020-2')!.untagged.get(`PROPOSAL:${untag[3]}`)?.reason).toBe('属基层医疗卫生服务，不属医疗保障体系议题');
    // Every TAG row is on a list, but the one the UNTAG row takes off.
    expect(tags.filter((r) => r[1] === 'TAG').length - 1).toBe([...topics.topics.values()].reduce((n, t) => n + t.work.size, 0));
  });

  it('each topic\'s outcomes, from the wings their work belongs to', () => {
    expect(topicPage(set, topics.topics.get('kt-2020-4')!).outcomes).toEqual({
      contacts: 12,
      proposals: 3,
      proposalsFiled: 1,
      proposalsReplied: 1,
      proposalsAnsweredA: 0,
      reports: 4,
      reportsAdopted: 2,
      instructions: 0,
      inspections: 1,
      inspectionsHeld: 1,
      recommendations: 6,
      recommendationsFollowedUp: 5,
    });
  });

  it('four reports to the Party committee and two studies of CPPCC work in 2020', () => {
    const year = set.get<PartyCommitteeProjection>(PartyCommitteeProjection.NAME).year(2020);
    expect([year.reports.map((r) => [r.id, r.kind]), year.studies.map((s) => [s.id, s.reportIds])]).toEqual([
      [['pc-2020-01', 'REQUEST_FOR_INSTRUCTIONS'], ['pc-2020-02', 'WORK_REPORT'], ['pc-2020-03', 'WORK_REPORT'], ['pc-2020-04', 'WORK_REPORT']],
      [['ps-2020-01', ['pc-2020-02']], ['ps-2020-02', ['pc-2020-03']]],
    ]);
  });

  it('the compliance board at the end of 2020: what the office kept, and what it did not, with the evidence', () => {
    const board = complianceBoard(set, 2020, YEAR_END);
    const row = (rule: string, scheme: string | null = null) => {
      const c = board.cells.find((x) => x.rule === rule && x.scheme === scheme)!;
      return [c.state, c.met, c.expected, c.evidence.length];
    };
    expect(row('MEMBERS_IN_SPECIAL_COMMITTEE')).toEqual(['GREEN', 150, 150, 0]);
    expect(row('LOCALITIES_HAVE_GROUP')).toEqual(['GREEN', 11, 11, 0]);
    expect(row('GROUPS_ACTIVE_EACH_QUARTER')).toEqual(['AMBER', 41, 44, 3]);
    expect(row('DUE_LINKS_MET', 'CONVENER')).toEqual(['AMBER', 165, 188, 23]);
    expect(row('MEMBERS_TARGETED')).toEqual(['GREEN', 150, 150, 0]);
    expect(row('PARTY_COMMITTEE_REPORTED')).toEqual(['GREEN', 1, 1, 4]);
    expect(row('PARTY_COMMITTEE_STUDIED')).toEqual(['GREEN', 1, 1, 2]);
    expect(row('PROPOSALS_REPLIED_ON_TIME')).toEqual(['RED', 141, 199, 58]);
    expect(board.cells.find((c) => c.rule === 'TOPICS_CARRIED_OUT')!.evidence).toEqual(['kt-2020-2: no inspection']);
    // The inspections wing's own figures agree: one report came in after its deadline.
    expect(row('INSPECTION_REPORTS_ON_TIME')).toEqual(['AMBER', 5, 6, 1]);
    expect(row('RECOMMENDATIONS_ANSWERED_ON_TIME')).toEqual(['RED', 20, 26, 6]);
  });
});
