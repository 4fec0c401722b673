import { describe, expect, it } from '@jest/globals';
import type { DomainEvent, OpinionReportEvent } from '#domain';
import * as ev from '#testing/events';
import { applyAll, projectionsFrom } from '#testing/given';
import { createProjections } from '../systems.js';
import { diffProjections } from '../shared/replay/diff.js';
import { OpinionsProjection } from './opinions.projection.js';
import { listReports, opinionCounts, opinionCredit, opinionLadder } from './opinions.queries.js';

const AT = '2025-06-10T02:00:00.000Z';
const roster: DomainEvent[] = [
  ev.locality('loc-1'),
  ev.liaisonGroup('lg-1', 'loc-1', 'p'),
  ev.liaisonGroup('lg-2', 'loc-1', 'p'),
  ev.organization('sector-1', 'SECTOR'),
  ev.member('m1', { liaisonGroupId: 'lg-1' }),
  ev.member('m2', { liaisonGroupId: 'lg-2' }),
  ev.member('vc', { roles: ['VICE_CHAIR'] }),
];
const submitted = (reportId: string, authorIds: string[], submittedOn: string): OpinionReportEvent => ({
  type: 'OpinionReportSubmitted',
  data: { reportId, authorKind: 'MEMBERS', authorIds, title: reportId, situation: 's', suggestions: 's', source: 'NONE', sourceContactId: null, sourceIssueId: null, sourceProposalId: null, submittedOn, submittedAt: AT },
});
const adopted = (reportId: string, adoptedOn: string): OpinionReportEvent => ({ type: 'OpinionReportAdopted', data: { reportId, adoptedOn, note: '', decidedAt: AT } });
const table = (fromYear: number, committeeAdoption: number, provinceInstruction: number): DomainEvent => ({
  type: 'OpinionCreditRulesSet',
  data: { fromYear, points: { committeeAdoption, adoption: { CITY: 2, PREFECTURE: 3, PROVINCE: 4, NATIONAL: 6 }, instruction: { CITY: 3, PREFECTURE: 4, PROVINCE: provinceInstruction, NATIONAL: 10 }, mediaPickup: committeeAdoption }, reason: 'x' },
});
const instruction = (reportId: string, instructionId: string, instructedOn: string): OpinionReportEvent => ({
  type: 'OpinionInstructionRecorded',
  data: { reportId, instructionId, leaderName: 'L', leaderTitle: '', level: 'PROVINCE', instructedOn, text: 't', gist: false, recordedAt: AT },
});

const history: DomainEvent[] = [
  ...roster,
  { type: 'OpinionRecipientDefined', data: { recipientId: 'prov', name: '省政协', level: 'PROVINCE', kind: 'CPPCC', organizationId: null } },
  table(2024, 1, 5),
  submitted('a', ['m1'], '2025-01-10'),
  submitted('b', ['m1', 'm2'], '2025-02-01'),
  submitted('c', ['m2'], '2025-03-01'),
  // m1 moves to lg-2 after submitting: a and b stay counted under lg-1.
  { type: 'MemberProfileChanged', data: { ...(ev.member('m1', { liaisonGroupId: 'lg-2' }).data as object), effectiveAt: '2025-03-05T00:00:00.000Z', reason: 'moved' } } as DomainEvent,
  submitted('d', ['m1'], '2025-04-01'),
  { type: 'OpinionReportWithdrawn', data: { reportId: 'd', reason: 'x', withdrawnAt: AT } },
  adopted('a', '2025-01-20'),
  { type: 'OpinionReportsCombined', data: { reportId: 'k', partIds: ['b', 'c'], adoptedPartIds: ['b', 'c'], authorIds: ['m1', 'm2'], title: 'k', situation: 's', suggestions: 's', combinedOn: '2025-03-11' } as never },
  { type: 'OpinionReportIssued', data: { reportId: 'k', year: 2025, serial: 1, number: 'n1', signedBy: 'vc', issuedOn: '2025-03-12', issuedAt: AT } },
  { type: 'OpinionReportForwarded', data: { reportId: 'k', recipients: [{ recipientId: 'prov', level: 'PROVINCE' }], forwardedOn: '2025-03-15', forwardedAt: AT } },
  instruction('k', 'i-late', '2026-01-05'),
  // An earlier instruction typed in afterwards: the first instruction is now this one, in 2025.
  instruction('k', 'i-early', '2025-12-01'),
  { type: 'OpinionMediaPickupRecorded', data: { reportId: 'k', pickupId: 'mp-1', outlet: '青海日报', pickedUpOn: '2026-02-01', note: '', recordedAt: AT } },
];

const opinions = (events: readonly DomainEvent[]) => projectionsFrom(events).get<OpinionsProjection>(OpinionsProjection.NAME);

describe('the opinions figures', () => {
  it('counts submitted and adopted per member, and per liaison group as the roster stood at submission; a withdrawal uncounts', () => {
    const p = opinions(history);
    expect(opinionCounts(p, 2025, 'MEMBER')).toEqual({
      total: { id: 'committee', submitted: 3, adopted: 3, adoptionRate: 1 },
      rows: [
        { id: 'm1', submitted: 2, adopted: 2, adoptionRate: 1 },
        { id: 'm2', submitted: 2, adopted: 2, adoptionRate: 1 },
      ],
    });
    expect(opinionCounts(p, 2025, 'GROUP').rows.map((r) => [r.id, r.submitted])).toEqual([['lg-1', 2], ['lg-2', 2]]);
    expect(opinionCounts(p, 2024, 'MEMBER')).toEqual({ total: { id: 'committee', submitted: 0, adopted: 0, adoptionRate: null }, rows: [] });
  });

  it('keeps the ladder by the year of each step, and the first instruction as recorded so far', () => {
    const l = opinionLadder(opinions(history), 2025);
    expect([l.submitted, l.combined, l.committeeAdoptions, l.issued, l.forwarded, l.instructions.find((x) => x.level === 'PROVINCE')!.count]).toEqual([3, 1, 3, 1, 1, 1]);
    // a: 10 days; b: 38; c: 10 (combined on 11 March).
    expect(l.daysToAdoption).toEqual({ count: 3, median: 10, p90: 38 });
    // k's first instruction is 1 December 2025, 265 days after its combination; none is left in 2026.
    expect(l.daysToFirstInstruction).toEqual({ count: 1, median: 265, p90: 265 });
    expect(opinionLadder(opinions(history), 2026).daysToFirstInstruction).toEqual({ count: 0, median: null, p90: null });
  });

  it('credits each author under the table in force for the year, recomputed when a table changes', () => {
    const p = opinions(history);
    // m1: a adopted (1) + b adopted by combination (1) + the 2025 instruction on k (5).
    expect(opinionCredit(p, 2025, 'm1')).toMatchObject({ fromYear: 2024, authors: [{ authorId: 'm1', points: 7 }] });
    const later = opinions([...history, table(2026, 2, 9), table(2025, 3, 8)]);
    expect(opinionCredit(later, 2025, 'm1')).toMatchObject({ fromYear: 2025, authors: [{ points: 3 + 3 + 8 }] });
    // 2026: the instruction (9) and the newspaper's pickup (2, the 2026 table's mediaPickup).
    expect(opinionCredit(later, 2026, 'm1')).toMatchObject({ fromYear: 2026, authors: [{ points: 9 + 2 }] });
    expect(opinionLadder(later, 2026).mediaPickups).toBe(1);
    expect(opinionCredit(later, 2024, 'm1')).toEqual({ year: 2024, fromYear: 2024, authors: [] });
    expect(opinionCredit(opinions(roster), 2025)).toEqual({ year: 2025, fromYear: null, authors: [] });
  });

  it('lists newest first with the part pointing to its combined report', () => {
    const p = opinions(history);
    expect(listReports(p, {}).map((r) => r.id)).toEqual(['k', 'd', 'c', 'b', 'a']);
    expect(listReports(p, { authorId: 'm2', combined: false }).map((r) => [r.id, r.combinedInto, r.adoptedVia])).toEqual([['c', 'k', 'COMBINED'], ['b', 'k', 'COMBINED']]);
    expect(listReports(p, { recipientId: 'prov' }).map((r) => r.id)).toEqual(['k']);
  });

  it("reads a recipient's reports off its index, newest recorded first, whatever order they were forwarded in, each once", () => {
    const forward = (reportId: string, forwardedOn: string): DomainEvent => ({ type: 'OpinionReportForwarded', data: { reportId, recipients: [{ recipientId: 'prov', level: 'PROVINCE' }], forwardedOn, forwardedAt: AT } });
    // a (recorded first) is forwarded last, k twice: the list keeps the order of recording and no repeat.
    const p = opinions([...history, forward('k', '2025-04-01'), forward('a', '2025-05-01')]);
    expect(listReports(p, { recipientId: 'prov' }).map((r) => r.id)).toEqual(['k', 'a']);
    const ordinal = (id: string) => p.reportAt.findIndex((r) => r.id === id);
    expect(p.reportsByRecipient.get('prov')).toEqual([ordinal('a'), ordinal('k')]);
    // Both filters: the shorter index is walked, every filter still applies.
    expect(listReports(p, { recipientId: 'prov', authorId: 'm1' }).map((r) => r.id)).toEqual(['k', 'a']);
    expect(listReports(p, { recipientId: 'prov', authorId: 'm2' }).map((r) => r.id)).toEqual(['k']);
    expect(listReports(p, { recipientId: 'nobody' })).toEqual([]);
  });

  it('a copy for time travel, folded on, answers as a fold of the whole log does', () => {
    const full = projectionsFrom(history);
    const half = applyAll(createProjections(), history.slice(0, 12));
    const folded = applyAll(half.copyForTimeTravel((times) => times.clone()), history.slice(12));
    const differences = () => diffProjections(folded, full, { figuresOnly: true });
    expect(differences()).toEqual([]);
    // A copy taken before a report was recorded does not know it, though the live model does.
    const live = projectionsFrom(history.slice(0, 9));
    const early = live.copyForTimeTravel((times) => times.clone());
    applyAll(live, history.slice(9));
    expect([live, early].map((set) => set.get<OpinionsProjection>(OpinionsProjection.NAME).report('a')?.stage ?? null)).toEqual(['ADOPTED', null]);
    // The copy shares no row or counter with the model it was taken from.
    expect(opinionLadder(half.get<OpinionsProjection>(OpinionsProjection.NAME), 2025).issued).toBe(0);
    folded.get<OpinionsProjection>(OpinionsProjection.NAME).ladders.get(2025)!.issued++;
    expect(differences().map((d) => d.key)).toEqual(['ladders/2025.issued']);
  });
});
