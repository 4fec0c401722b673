import { describe, expect, it } from '@jest/globals';
import { parseInstant, toMs } from '#domain';
import { contact, corrected, member, modelFrom, recordedAt, retracted } from '#testing';
import { contactTimeline } from './timeline.queries.js';

const moved = contact('c2', '2020-02-01', ['m1', 'm2']);
const model = modelFrom([
  member('m1'),
  member('m2'),
  member('m3'),
  contact('c1', '2020-01-10', ['m1', 'm2']),
  moved,
  recordedAt('2020-06-01', contact('c3', '2020-03-05', ['m1', 'm3'])),
  contact('c4', '2020-04-01', ['m2', 'm3']),
  contact('c5', '2020-04-02', ['m1', 'm3']),
  retracted('c5'),
  corrected(moved, { occurredAt: '2020-05-01' }),
]);
const day = (d: string) => toMs(parseInstant(d, 'day'));
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

describe('contactTimeline', () => {
  it("lists a party's contacts newest occurrence first, by corrected dates, without retracted ones", () => {
    expect(ids(contactTimeline(model, { partyId: 'm1' }))).toEqual(['c2', 'c3', 'c1']);
  });

  it('shows retracted contacts, flagged, when asked', () => {
    expect(contactTimeline(model, { partyId: 'm1', includeRetracted: true }).map((c) => [c.id, c.retracted])).toEqual([
      ['c2', false],
      ['c5', true],
      ['c3', false],
      ['c1', false],
    ]);
  });

  it('limits to occurrences in [from, to) and keeps when each contact was recorded', () => {
    const rows = contactTimeline(model, { partyId: 'm1', from: day('2020-01-10'), to: day('2020-05-01') });
    expect(rows.map((c) => [c.id, c.recordedAt, c.corrections])).toEqual([
      ['c3', '2020-05-31T16:00:00.000Z', 0],
      ['c1', '2020-01-09T16:00:00.000Z', 0],
    ]);
  });

  it('is empty for a party with no contacts', () => {
    expect(contactTimeline(model, { partyId: 'nobody' })).toEqual([]);
  });
});
