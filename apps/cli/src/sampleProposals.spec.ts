/**
 * The sample's year of proposals, imported through the deciders and read through the proposals
 * queries as a leader would on the last day of 2020. The figures are those of the committed
 * sample/golmud files (regenerate them and these numbers are what to check).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { toMs } from '#domain';
import { InMemoryEventStore } from '#event-store/inMemory';
import { ProposalsProjection } from '#projections/proposals/proposals.projection';
import { aUnsatisfied, deadlineBoard, overdueAssignments, promiseLedger, proposalCounts, unitStandings } from '#projections/proposals/proposals.queries';
import { createProjections } from '#projections/systems';
import { importDirectory } from './csvImport.js';
import { generateSample } from './sample/generateSample.js';
import { parseCsv } from './csv.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv } from './csv.js';

const SAMPLE = fileURLToPath(new URL('../../../sample/golmud', import.meta.url));
/** The end of 2020 in committee time. */
const YEAR_END = toMs('2021-01-01T00:00:00+08:00');

describe('the sample\'s proposals (2020), as the queries read them at the end of the year', () => {
  let proposals: ProposalsProjection;

  beforeAll(async () => {
    const store = new InMemoryEventStore();
    const report = await importDirectory(store, SAMPLE, { actor: 'sample', now: '2024-06-01T00:00:00.000Z' });
    expect(report.errors).toEqual([]);
    const projections = createProjections();
    for (const e of await store.readAll()) projections.apply(e);
    expect(projections.get<ProposalsProjection>(ProposalsProjection.NAME).skipped).toBe(0);
    proposals = projections.get<ProposalsProjection>(ProposalsProjection.NAME);
  }, 60_000);

  it('the committed files are what the generator writes (the sample is regenerated, not edited)', () => {
    for (const [file, table] of Object.entries(generateSample())) expect([file, readFileSync(join(SAMPLE, file), 'utf8')]).toEqual([file, toCsv(table.header, table.rows)]);
    expect(parseCsv(readFileSync(join(SAMPLE, 'proposals.csv'), 'utf8')).records).toHaveLength(150);
  });

  it('150 proposals: 130 at the session, 120 filed and numbered 1 to 120, 18 not filed for six reasons, 12 merged, 12 key', () => {
    const counts = proposalCounts(proposals, {}, () => undefined);

    expect(counts).toMatchObject({ total: 150, duringSession: 130, betweenSessions: 20, filed: 120, notFiled: 18, merged: 12, keyProposals: 12, filingRate: 120 / 138 });
    expect(counts.byStage.filter((s) => s.count > 0)).toEqual([
      { stage: 'NOT_FILED', count: 18 },
      { stage: 'MERGED', count: 12 },
      { stage: 'FILED', count: 23 },
      { stage: 'CLOSED', count: 97 },
    ]);
    expect(counts.notFiledReasons.map((r) => [r.code, r.count, r.toOpinionReport])).toEqual([
      ['JUDICIAL', 5, 0],
      ['OUT_OF_SCOPE', 5, 3],
      ['PERSONAL', 3, 0],
      ['ALREADY_SOLVED', 2, 0],
      ['NO_SUGGESTION', 2, 0],
      ['MULTIPLE_ISSUES', 1, 0],
    ]);
    const numbers = [...proposals.proposals.values()].filter((p) => p.serial !== null).map((p) => p.serial!).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect([...proposals.proposals.values()].find((p) => p.serial === 1)!.number).toBe('格政协〔2020〕第1号');
    expect([...proposals.proposals.values()].filter((p) => p.key).every((p) => p.key!.supervisorId.startsWith('m-'))).toBe(true);
  });

  it('25 handling units, every one with assignments; three leave 15 overdue at the end of the year; nine never late', () => {
    const units = unitStandings(proposals, YEAR_END);

    expect(units).toHaveLength(25);
    expect(units.every((u) => u.assigned > 0)).toBe(true);
    expect(units.filter((u) => u.overdueNow > 0).map((u) => [u.unitId, u.overdueNow])).toEqual([
      ['hu-industry', 5],
      ['hu-statistics', 6],
      ['hu-transport', 4],
    ]);
    expect(units.filter((u) => u.lead.late + u.assisting.late + u.lead.overdue + u.assisting.overdue === 0).map((u) => u.unitId)).toEqual([
      'hu-civil',
      'hu-emergency',
      'hu-ethnic',
      'hu-finance',
      'hu-forest',
      'hu-govsvc',
      'hu-health',
      'hu-ndrc',
      'hu-water',
    ]);
    expect(units.reduce((n, u) => n + u.lead.onTime, 0)).toBe(83);
    expect(units.reduce((n, u) => n + u.lead.due, 0)).toBe(120);
    const overdue = overdueAssignments(proposals, YEAR_END);
    expect(overdue).toHaveLength(15);
    expect([overdue[0]!.assignment.id, overdue[0]!.daysOverdue]).toEqual(['pr-2020-001-2', 277]);
    const board = deadlineBoard(proposals, YEAR_END);
    expect(['OVERDUE', 'REPLIED_ON_TIME', 'REPLIED_LATE'].map((state) => board.filter((b) => b.state === state).length)).toEqual([15, 141, 43]);
  });

  it('12 replies answered A and rated unsatisfied, from eight units', () => {
    const flagged = aUnsatisfied(proposals);

    expect(flagged).toHaveLength(12);
    expect([...new Set(flagged.map((f) => f.assignment.unitId))].sort()).toEqual(['hu-agri', 'hu-edu', 'hu-emergency', 'hu-ethnic', 'hu-housing', 'hu-hrss', 'hu-medins', 'hu-urban']);
  });

  it('the B promises: 18 kept on time, 8 late, 10 open past their date, 12 not yet due', () => {
    expect(promiseLedger(proposals, YEAR_END).counts).toEqual([
      { state: 'DELIVERED_ON_TIME', count: 18 },
      { state: 'DELIVERED_LATE', count: 8 },
      { state: 'OPEN', count: 12 },
      { state: 'OPEN_PAST_DATE', count: 10 },
    ]);
  });
});
