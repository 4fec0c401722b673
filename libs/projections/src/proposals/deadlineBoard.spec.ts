import { describe, expect, it } from '@jest/globals';
import { DEADLINE_STATES } from '#domain';
import { PROPOSALS_ON, ProposalsGenerator } from '../../../../bench/proposals.js';
import { deadlineBoard, deadlineBoardPage } from './proposals.queries.js';

/** A term of proposals made through the deciders by the bench's generator: every deadline state occurs. */
const generator = new ProposalsGenerator({ seed: 11, proposals: 400, units: 12 });
for (const generated of generator.events()) void generated;
const p = generator.wing;

describe('deadlineBoardPage: the dashboard\'s page of the deadline board', () => {
  const days = [PROPOSALS_ON - 300 * 86_400_000, PROPOSALS_ON - 120 * 86_400_000, PROPOSALS_ON];

  it('holds the whole board\'s counts and its first rounds in board order, as the whole board has them', () => {
    for (const on of days) {
      const board = deadlineBoard(p, on);
      const page = deadlineBoardPage(p, on, {}, 25);
      expect(page.assignments).toEqual(board.slice(0, 25));
      expect(page.counts).toEqual(DEADLINE_STATES.map((state) => ({ state, count: board.filter((b) => b.state === state).length })));
      expect(page.counts.reduce((n, c) => n + c.count, 0)).toBe(board.length);
    }
    // The term has rounds in more than one state, so the counts are not trivially equal.
    expect(deadlineBoardPage(p, PROPOSALS_ON - 120 * 86_400_000).counts.filter((c) => c.count > 0).length).toBeGreaterThan(1);
  });

  it('keeps the counts of every state when the rounds shown are filtered by state, and narrows to a unit', () => {
    const on = PROPOSALS_ON - 120 * 86_400_000;
    const board = deadlineBoard(p, on);
    const overdue = deadlineBoardPage(p, on, { states: ['OVERDUE'] }, 10);
    expect(overdue.assignments).toEqual(board.filter((b) => b.state === 'OVERDUE').slice(0, 10));
    expect(overdue.counts).toEqual(deadlineBoardPage(p, on).counts);

    const unitId = p.rounds.unitIds[0]!;
    const own = deadlineBoardPage(p, on, { unitId });
    expect(own.assignments).toEqual(deadlineBoard(p, on, { unitId }));
    expect(own.assignments.length).toBeLessThan(board.length);
    expect(deadlineBoardPage(p, on, { unitId: 'no-such-unit' })).toEqual({ counts: DEADLINE_STATES.map((state) => ({ state, count: 0 })), assignments: [] });
  });
});
