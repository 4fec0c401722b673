import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store/eventStore';
import { Projection, ProjectionSet } from './projection.js';

const event = (position: number, type: string, data: Record<string, unknown> = {}): RecordedEvent => ({
  id: `e${position}`,
  streamId: `s-${position}`,
  revision: 0,
  position,
  type,
  data,
  metadata: {},
  recordedAt: '2020-01-01T00:00:00.000Z',
});

/** Records what it was handed; refuses (skips) events whose data says so. */
class Recording implements Projection {
  skipped = 0;
  readonly seen: Array<[number, unknown]> = [];
  constructor(
    readonly name: string,
    readonly handles: ReadonlySet<string>,
  ) {}
  apply(e: RecordedEvent): boolean {
    if ((e.data as { unusable?: boolean }).unusable) return false;
    this.seen.push([e.position, e.data]);
    return true;
  }
}

describe('a projection set: many projections, one read of the log', () => {
  it('hands each event once to every projection that handles its type, in registration order, upcast', () => {
    const a = new Recording('a', new Set(['X', 'Y']));
    const b = new Recording('b', new Set(['Y']));
    const set = new ProjectionSet([a, b], (e) => ({ ...e, data: { ...(e.data as object), upcast: true } }));
    for (const e of [event(1, 'X'), event(2, 'Y'), event(2, 'Y'), event(1, 'X'), event(3, 'Z')]) set.apply(e);
    expect(a.seen).toEqual([[1, { upcast: true }], [2, { upcast: true }]]);
    expect(b.seen).toEqual([[2, { upcast: true }]]);
    expect(set.position).toBe(3);
  });

  it('counts an event no projection handles (a seal, a later system\'s) as unhandled, never as anyone\'s skipped', () => {
    const a = new Recording('a', new Set(['X']));
    const set = new ProjectionSet([a]);
    set.apply(event(1, 'NotePosted'));
    set.apply(event(2, 'X', { unusable: true }));
    expect([set.unhandled, set.skipped()]).toEqual([1, { a: 1 }]);
  });

  it('refuses two projections of one name, and a name nobody registered', () => {
    expect(() => new ProjectionSet([new Recording('a', new Set()), new Recording('a', new Set())])).toThrow('two projections are named a');
    expect(() => new ProjectionSet([]).get('roster')).toThrow('no projection named roster');
  });

  it('copies for time travel only the projections that opt in', () => {
    const plain = new Recording('plain', new Set(['X']));
    const travelling = Object.assign(new Recording('travelling', new Set(['X'])), { copyForTimeTravel: () => new Recording('travelling', new Set(['X'])) });
    const set = new ProjectionSet([plain, travelling]);
    set.apply(event(5, 'X'));
    const copy = set.copyForTimeTravel((t) => t);
    expect([copy.position, copy.projections.map((p) => p.name), set.travelling()]).toEqual([5, ['travelling'], ['travelling']]);
  });
});
