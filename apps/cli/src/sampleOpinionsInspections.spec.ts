/**
 * The sample's year of public-opinion reports and inspections (2020), imported through the deciders
 * and read through the two wings' queries as a leader would at the end of the year. The figures
 * are those of the committed sample/golmud files (regenerate them and these numbers are what to
 * check).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { toMs } from '#domain';
import { InMemoryEventStore } from '#event-store/inMemory';
import { OpinionsProjection } from '#projections/opinions/opinions.projection';
import { listReports, opinionCounts, opinionCredit, opinionLadder } from '#projections/opinions/opinions.queries';
import { InspectionsProjection } from '#projections/inspections/inspections.projection';
import { inspectionAttendance, inspectionCounts, overdueRecommendations, overdueReports, recommendationStandings } from '#projections/inspections/inspections.queries';
import { createProjections } from '#projections/systems';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDirectory } from './csvImport.js';
import { parseCsv } from './csv.js';

const SAMPLE = fileURLToPath(new URL('../../../sample/golmud', import.meta.url));
/** The end of 2020 in committee time. */
const YEAR_END = toMs('2021-01-01T00:00:00+08:00');

describe('the sample\'s opinion reports and inspections (2020), as the queries read them at the end of the year', () => {
  let opinions: OpinionsProjection;
  let inspections: InspectionsProjection;

  beforeAll(async () => {
    const store = new InMemoryEventStore();
    const report = await importDirectory(store, SAMPLE, { actor: 'sample', now: '2024-06-01T00:00:00.000Z' });
    expect(report.errors).toEqual([]);
    const projections = createProjections();
    for (const e of await store.readAll()) projections.apply(e);
    opinions = projections.get<OpinionsProjection>(OpinionsProjection.NAME);
    inspections = projections.get<InspectionsProjection>(InspectionsProjection.NAME);
    expect([opinions.skipped, inspections.skipped]).toEqual([0, 0]);
  }, 120_000);

  it('the committed files hold 80 reports, 7 inspections (one cancelled) and 30 recommendations', () => {
    const rows = (file: string) => parseCsv(readFileSync(join(SAMPLE, file), 'utf8')).records;
    expect(rows('opinion_reports.csv')).toHaveLength(80);
    expect(rows('inspections.csv')).toHaveLength(7);
    expect(rows('inspection_steps.csv').filter((r) => r.values[1] === 'REPORT')).toHaveLength(30);
    // Every date of both wings is inside 2020 (the import's own clock is 2024).
    const dates = [...rows('opinion_reports.csv').map((r) => r.values[5]!), ...rows('opinion_report_steps.csv').map((r) => r.values[2]!), ...rows('inspection_steps.csv').map((r) => r.values[2]!)];
    expect(dates.every((d) => d.startsWith('2020-'))).toBe(true);
  });

  it('reports: 78 submitted (two withdrawn aside), 40 adopted, two combined of three parts each; 17 from contacts\' issues and 2 from proposals not filed', () => {
    expect(opinionCounts(opinions, 2020, 'MEMBER').total).toEqual({ id: 'committee', submitted: 78, adopted: 40, adoptionRate: 40 / 78 });
    expect(listReports(opinions, {})).toHaveLength(82);
    expect(listReports(opinions, { combined: true }).map((r) => r.id).sort()).toEqual(['sq-2020-zh-1', 'sq-2020-zh-2']);
    const ladder = opinionLadder(opinions, 2020);
    expect(ladder).toMatchObject({
      submitted: 78,
      bySource: [
        { source: 'CONTACT_ISSUE', count: 17 },
        { source: 'NOT_FILED_PROPOSAL', count: 2 },
        { source: 'NONE', count: 59 },
      ],
      combined: 2,
      committeeAdoptions: 40,
      notAdopted: 26,
      issued: 36,
      forwarded: 36,
      mediaPickups: 5,
      daysToAdoption: { count: 40, median: 7, p90: 15 },
      daysToFirstInstruction: { count: 6, median: 29, p90: 42 },
    });
    expect(opinionCounts(opinions, 2020, 'GROUP').rows.slice(0, 2)).toEqual([
      { id: 'lg-dongcheng', submitted: 10, adopted: 7, adoptionRate: 0.7 },
      { id: 'lg-kunlunlu', submitted: 9, adopted: 4, adoptionRate: 4 / 9 },
    ]);
  });

  it('the ladder by level: 23 adoptions by the city, 4 by the prefecture, 1 national; six instructions, three city, two prefecture, one province', () => {
    const ladder = opinionLadder(opinions, 2020);
    expect(ladder.recipientAdoptions).toEqual([
      { level: 'CITY', count: 23 },
      { level: 'PREFECTURE', count: 4 },
      { level: 'PROVINCE', count: 0 },
      { level: 'NATIONAL', count: 1 },
    ]);
    expect(ladder.instructions).toEqual([
      { level: 'CITY', count: 3 },
      { level: 'PREFECTURE', count: 2 },
      { level: 'PROVINCE', count: 1 },
      { level: 'NATIONAL', count: 0 },
    ]);
    // Issued in date order, numbered 1 to 36 in the year, each signed by a leader.
    const issued = listReports(opinions, { issued: true }).map((r) => r.issued!);
    expect(issued.map((i) => i.serial).sort((a, b) => a - b)).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    expect(issued.find((i) => i.serial === 7)!.number).toBe('《社情民意》2020年第7期');
    expect(issued.every((i) => i.signedBy.startsWith('m-'))).toBe(true);
  });

  it('credit under the 2020 table: m-145 leads with 16 points, one report adopted by the committee, the city, the prefecture and the National Committee', () => {
    const credit = opinionCredit(opinions, 2020, 'm-145');
    expect(credit.fromYear).toBe(2020);
    expect(credit.authors).toEqual([
      {
        authorId: 'm-145',
        points: 16,
        items: [
          { reportId: 'sq-2020-059', item: 'COMMITTEE_ADOPTION', level: null, on: '2020-08-04', points: 1 },
          { reportId: 'sq-2020-059', item: 'RECIPIENT_ADOPTION', level: 'CITY', on: '2020-08-30', points: 2 },
          { reportId: 'sq-2020-059', item: 'RECIPIENT_ADOPTION', level: 'NATIONAL', on: '2020-09-02', points: 10 },
          { reportId: 'sq-2020-059', item: 'RECIPIENT_ADOPTION', level: 'PREFECTURE', on: '2020-09-06', points: 3 },
        ],
      },
    ]);
    expect(opinionCredit(opinions, 2020, null, { first: 1, items: false }).authors).toEqual([{ authorId: 'm-145', points: 16, items: [] }]);
  });

  it('inspections: 7 planned, 6 held and reported (three special committees, a sector, the chairs), one cancelled', () => {
    const counts = inspectionCounts(inspections, 2020);
    expect(counts.map((c) => [c.organiserKind, c.organiserId, c.planned, c.held, c.cancelled])).toEqual([
      ['CHAIRS', 'CHAIRS', 1, 1, 0],
      ['SPECIAL_COMMITTEE', 'sc-culture', 1, 1, 0],
      ['SPECIAL_COMMITTEE', 'sc-economy', 2, 1, 1],
      ['SPECIAL_COMMITTEE', 'sc-proposals', 1, 1, 0],
      ['SPECIAL_COMMITTEE', 'sc-social', 1, 1, 0],
      ['SECTOR', 'sector-agri', 1, 1, 0],
    ]);
    expect(counts.reduce((n, c) => n + c.reported, 0)).toBe(6);
    const attendance = inspectionAttendance(inspections, 2020, (id) => id.startsWith('m-'));
    expect(attendance).toHaveLength(54);
    expect(attendance[0]).toEqual({ memberId: 'm-002', invited: 2, accepted: 2, declined: 0, attended: 2, attendedInvited: 2, rate: 1 });
  });

  it('30 recommendations: 9 done, 7 in progress, 2 accepted, 5 not adopted, 7 without a response (3 of them overdue at the end of the year); one report was late', () => {
    const standings = recommendationStandings(inspections, YEAR_END, { year: 2020 });
    const byStatus: Record<string, number> = {};
    for (const u of standings) for (const b of u.byStatus) byStatus[b.status] = (byStatus[b.status] ?? 0) + b.count;
    expect(byStatus).toEqual({ DONE: 9, IN_PROGRESS: 7, ACCEPTED: 2, NOT_ADOPTED: 5, NONE: 7 });
    const sum = (f: (u: (typeof standings)[number]) => number) => standings.reduce((n, u) => n + f(u), 0);
    expect([sum((u) => u.recommendations), sum((u) => u.due), sum((u) => u.onTime), sum((u) => u.late), sum((u) => u.overdue)]).toEqual([30, 26, 20, 3, 3]);
    expect(overdueRecommendations(inspections, YEAR_END)).toHaveLength(3);
    expect(overdueReports(inspections, YEAR_END)).toEqual([]);
    // The study visit to Dunhuang ended on 17 July; its report, due 30 days later, came on 27 August.
    expect(overdueReports(inspections, toMs('2020-08-20T12:00:00+08:00')).map((o) => [o.row.id, o.daysOverdue])).toEqual([['sc-2020-03', 4]]);
  });
});
