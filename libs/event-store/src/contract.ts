import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  DuplicateEventIdError,
  NO_STREAM,
  START,
  StreamVersionConflictError,
  type EventData,
  type EventStore,
  type ExpectedVersion,
  type Metadata,
  type RecordedEvent,
} from './eventStore.js';

export interface EventStoreContractOptions<S extends EventStore> {
  /** Closes `store` and opens the same data again; the durability tests run only when it is given. */
  reopen?: (store: S) => Promise<S>;
  /** Opens an empty store whose `recordedAt` comes from `clock`; the clock test runs only when it is given. */
  createWithClock?: (clock: () => Date) => Promise<S> | S;
}

/**
 * The behaviour every adapter must show, pinned once. Each adapter's spec calls this in one line;
 * no test here knows which engine it runs on, and none needs a per-adapter exception.
 */
export function describeEventStoreContract<S extends EventStore>(
  name: string,
  create: () => Promise<S> | S,
  options: EventStoreContractOptions<S> = {},
): void {
  describe(`${name} satisfies the event store contract`, () => {
    let store: S;

    beforeEach(async () => {
      store = await create();
    });

    afterEach(async () => {
      await store.close();
    });

    const append = (streamId: string, events: EventData[], expectedVersion: ExpectedVersion) =>
      store.appendToStream(streamId, events, { expectedVersion });

    /** Asserts that `attempt` was refused with the normalised conflict and nothing was written. */
    async function expectConflict(
      attempt: Promise<unknown>,
      conflict: { streamId: string; expected: ExpectedVersion; actual: number | typeof NO_STREAM },
      headBefore: number,
    ): Promise<void> {
      await expect(attempt).rejects.toBeInstanceOf(StreamVersionConflictError);
      await expect(attempt).rejects.toMatchObject({ ...conflict, code: 'CONFLICT' });
      expect(await store.headPosition()).toBe(headBefore);
    }

    async function expectDuplicateId(attempt: Promise<unknown>, eventId: string, headBefore: number): Promise<void> {
      await expect(attempt).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(attempt).rejects.toMatchObject({ eventId, code: 'CONFLICT' });
      expect(await store.headPosition()).toBe(headBefore);
    }

    describe('appending', () => {
      it('numbers a new stream from revision 0 and gives its events increasing positions from 1', async () => {
        const events = [ev(), ev(), ev()];

        const result = await append('member-1', events, 'NO_STREAM');

        const recorded = await store.readStream('member-1');
        expect(recorded.map((e) => [e.id, e.streamId, e.revision, e.position])).toEqual([
          [events[0]!.id, 'member-1', 0, 1],
          [events[1]!.id, 'member-1', 1, 2],
          [events[2]!.id, 'member-1', 2, 3],
        ]);
        expect(result).toEqual({ nextExpectedVersion: 2, position: 3 });
      });

      it('continues a stream from the revision passed back as expectedVersion', async () => {
        const first = await append('member-1', [ev(), ev()], 'NO_STREAM');
        await append('member-2', [ev()], 'NO_STREAM');

        const second = await append('member-1', [ev()], first.nextExpectedVersion);

        expect(second).toEqual({ nextExpectedVersion: 2, position: 4 });
        expect((await store.readStream('member-1')).map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('keeps type, data and metadata as written, defaults metadata to {}, and stamps recordedAt as ISO-8601', async () => {
        const withMetadata = ev('MemberRegistered', { memberId: 'm-17', sectors: ['economy', 'law'], cpc: true, seat: null }, { actor: 'clerk-3' });
        const without = ev('MemberRenamed', { memberId: 'm-17', name: '王 芳' });

        await append('member-17', [withMetadata, without], 'NO_STREAM');

        const [first, second] = await store.readStream('member-17');
        expect(first).toMatchObject({ type: 'MemberRegistered', data: withMetadata.data, metadata: { actor: 'clerk-3' } });
        expect(second).toMatchObject({ type: 'MemberRenamed', data: without.data, metadata: {} });
        expect(new Date(first!.recordedAt).toISOString()).toBe(first!.recordedAt);
      });

      it('keeps its own copy: mutating what was appended or read does not change the recorded event', async () => {
        const event = ev('Tested', { list: [1, 2] });
        await append('s', [event], 'NO_STREAM');

        (event.data as { list: number[] }).list.push(3);
        const [read] = await store.readStream('s');
        (read!.data as { list: number[] }).list.push(4);

        expect((await store.readStream('s'))[0]!.data).toEqual({ list: [1, 2] });
      });
    });

    describe('expected version', () => {
      it('NO_STREAM on an existing stream is a conflict that reports the actual revision and writes nothing', async () => {
        await append('s', [ev(), ev()], 'NO_STREAM');

        await expectConflict(append('s', [ev()], 'NO_STREAM'), { streamId: 's', expected: 'NO_STREAM', actual: 1 }, 2);
      });

      it('STREAM_EXISTS on an absent stream is a conflict that reports NO_STREAM and writes nothing', async () => {
        await expectConflict(append('s', [ev()], 'STREAM_EXISTS'), { streamId: 's', expected: 'STREAM_EXISTS', actual: NO_STREAM }, START);
        expect(await store.readStream('s')).toEqual([]);
      });

      it('a stale revision is a conflict that reports expected and actual and writes nothing', async () => {
        await append('s', [ev(), ev(), ev()], 'NO_STREAM');

        await expectConflict(append('s', [ev()], 1), { streamId: 's', expected: 1, actual: 2 }, 3);
        await expectConflict(append('s', [ev()], 3), { streamId: 's', expected: 3, actual: 2 }, 3);
      });

      it('a revision on an absent stream is a conflict that reports NO_STREAM', async () => {
        await expectConflict(append('s', [ev()], 0), { streamId: 's', expected: 0, actual: NO_STREAM }, START);
      });

      it('ANY appends to an absent stream and to an existing one', async () => {
        expect(await append('s', [ev()], 'ANY')).toEqual({ nextExpectedVersion: 0, position: 1 });
        expect(await append('s', [ev()], 'ANY')).toEqual({ nextExpectedVersion: 1, position: 2 });
      });

      it('STREAM_EXISTS appends to an existing stream', async () => {
        await append('s', [ev()], 'NO_STREAM');

        expect(await append('s', [ev()], 'STREAM_EXISTS')).toEqual({ nextExpectedVersion: 1, position: 2 });
      });

      it('a conflict in one stream leaves other streams writable at their own versions', async () => {
        await append('a', [ev()], 'NO_STREAM');
        await append('b', [ev()], 'NO_STREAM');
        await expect(append('a', [ev()], 'NO_STREAM')).rejects.toBeInstanceOf(StreamVersionConflictError);

        expect(await append('b', [ev()], 0)).toEqual({ nextExpectedVersion: 1, position: 3 });
      });
    });

    describe('idempotent retries', () => {
      it('repeating an append with the same event ids returns the original result and writes nothing, whatever the expected version', async () => {
        const events = [ev(), ev()];
        const original = await append('s', events, 'NO_STREAM');

        for (const expectedVersion of ['NO_STREAM', 'ANY', 'STREAM_EXISTS', 0, 1, 7] as ExpectedVersion[]) {
          expect(await append('s', events, expectedVersion)).toEqual(original);
        }
        expect(await store.headPosition()).toBe(2);
        expect(await store.readStream('s')).toHaveLength(2);
      });

      it('a retry of an earlier append still returns that append\'s result after later appends', async () => {
        const earlier = [ev(), ev(), ev()];
        const original = await append('s', earlier, 'NO_STREAM');
        await append('other', [ev()], 'NO_STREAM');
        await append('s', [ev()], 2);

        expect(await append('s', earlier, 'NO_STREAM')).toEqual(original);
        expect(await store.headPosition()).toBe(5);
      });

      it('a retry of the leading events of an earlier append returns the result for those events', async () => {
        const events = [ev(), ev(), ev()];
        await append('s', events, 'NO_STREAM');

        expect(await append('s', events.slice(0, 2), 'NO_STREAM')).toEqual({ nextExpectedVersion: 1, position: 2 });
        expect(await store.headPosition()).toBe(3);
      });

      it('reusing an event id in another stream is a DuplicateEventIdError and writes nothing', async () => {
        const event = ev();
        await append('a', [event], 'NO_STREAM');

        await expectDuplicateId(append('b', [event], 'NO_STREAM'), event.id, 1);
        expect(await store.readStream('b')).toEqual([]);
      });

      it('an append that mixes recorded ids with new ones is a DuplicateEventIdError and writes nothing', async () => {
        const [first, last] = [ev(), ev()];
        await append('s', [first, last], 'NO_STREAM');

        await expectDuplicateId(append('s', [last, ev()], 'ANY'), last.id, 2);
        await expectDuplicateId(append('s', [ev(), first], 1), first.id, 2);
        await expectDuplicateId(append('s', [first, ev()], 'ANY'), first.id, 2);
        expect(await store.readStream('s')).toHaveLength(2);
      });

      it('an id repeated inside one append is a DuplicateEventIdError and writes nothing', async () => {
        const event = ev();

        await expectDuplicateId(append('s', [event, ev(), event], 'NO_STREAM'), event.id, START);
        expect(await store.readStream('s')).toEqual([]);
      });
    });

    describe('empty appends', () => {
      it('an empty append to an existing stream writes nothing and reports its last revision and position', async () => {
        await append('s', [ev(), ev()], 'NO_STREAM');
        await append('other', [ev()], 'NO_STREAM');

        expect(await append('s', [], 1)).toEqual({ nextExpectedVersion: 1, position: 2 });
        expect(await append('s', [], 'STREAM_EXISTS')).toEqual({ nextExpectedVersion: 1, position: 2 });
        expect(await store.headPosition()).toBe(3);
      });

      it('an empty append to an absent stream writes nothing, reports -1 at START and leaves the stream absent', async () => {
        expect(await append('s', [], 'NO_STREAM')).toEqual({ nextExpectedVersion: -1, position: START });
        expect(await append('s', [], 'ANY')).toEqual({ nextExpectedVersion: -1, position: START });

        await expectConflict(append('s', [ev()], 'STREAM_EXISTS'), { streamId: 's', expected: 'STREAM_EXISTS', actual: NO_STREAM }, START);
      });

      it('an empty append still checks the expected version', async () => {
        await expectConflict(append('absent', [], 'STREAM_EXISTS'), { streamId: 'absent', expected: 'STREAM_EXISTS', actual: NO_STREAM }, START);
        await append('s', [ev()], 'NO_STREAM');
        await expectConflict(append('s', [], 'NO_STREAM'), { streamId: 's', expected: 'NO_STREAM', actual: 0 }, 1);
        await expectConflict(append('s', [], 3), { streamId: 's', expected: 3, actual: 0 }, 1);
      });
    });

    describe('appendMany', () => {
      it('writes several streams in one commit with consecutive positions and returns one result per item', async () => {
        await append('a', [ev()], 'NO_STREAM');

        const results = await store.appendMany([
          { streamId: 'a', events: [ev(), ev()], expectedVersion: 0 },
          { streamId: 'b', events: [ev()], expectedVersion: 'NO_STREAM' },
          { streamId: 'c', events: [ev(), ev()], expectedVersion: 'ANY' },
        ]);

        expect(results).toEqual([
          { nextExpectedVersion: 2, position: 3 },
          { nextExpectedVersion: 0, position: 4 },
          { nextExpectedVersion: 1, position: 6 },
        ]);
        expect((await store.readAll()).map((e) => [e.streamId, e.revision, e.position])).toEqual([
          ['a', 0, 1], ['a', 1, 2], ['a', 2, 3], ['b', 0, 4], ['c', 0, 5], ['c', 1, 6],
        ]);
      });

      it('a version conflict in any item rolls back every item', async () => {
        await append('b', [ev()], 'NO_STREAM');

        const attempt = store.appendMany([
          { streamId: 'a', events: [ev()], expectedVersion: 'NO_STREAM' },
          { streamId: 'b', events: [ev()], expectedVersion: 'NO_STREAM' },
        ]);

        await expectConflict(attempt, { streamId: 'b', expected: 'NO_STREAM', actual: 0 }, 1);
        expect(await store.readStream('a')).toEqual([]);
        expect(await append('a', [ev()], 'NO_STREAM')).toEqual({ nextExpectedVersion: 0, position: 2 });
      });

      it('a reused event id in a later item rolls back every item', async () => {
        const recorded = ev();
        await append('x', [recorded], 'NO_STREAM');

        const attempt = store.appendMany([
          { streamId: 'a', events: [ev(), ev()], expectedVersion: 'NO_STREAM' },
          { streamId: 'b', events: [ev(), recorded], expectedVersion: 'NO_STREAM' },
        ]);

        await expectDuplicateId(attempt, recorded.id, 1);
        expect(await store.readStream('a')).toEqual([]);
        expect(await store.readStream('b')).toEqual([]);
      });

      it('the same stream twice in one batch continues its revisions, and its expected version sees the first item', async () => {
        const results = await store.appendMany([
          { streamId: 's', events: [ev()], expectedVersion: 'NO_STREAM' },
          { streamId: 's', events: [ev(), ev()], expectedVersion: 0 },
        ]);

        expect(results).toEqual([
          { nextExpectedVersion: 0, position: 1 },
          { nextExpectedVersion: 2, position: 3 },
        ]);
      });

      it('repeating a batch with the same event ids returns the original results and writes nothing', async () => {
        const batch = [
          { streamId: 'a', events: [ev(), ev()], expectedVersion: 'NO_STREAM' as const },
          { streamId: 'b', events: [ev()], expectedVersion: 'NO_STREAM' as const },
        ];
        const original = await store.appendMany(batch);

        expect(await store.appendMany(batch)).toEqual(original);
        expect(await store.headPosition()).toBe(3);
      });
    });

    describe('reading a stream', () => {
      let ids: string[];

      beforeEach(async () => {
        const events = [ev(), ev(), ev(), ev(), ev()];
        ids = events.map((e) => e.id);
        await append('s', events.slice(0, 2), 'NO_STREAM');
        await append('other', [ev()], 'NO_STREAM');
        await append('s', events.slice(2), 1);
      });

      const idsOf = (events: RecordedEvent[]) => events.map((e) => e.id);

      it('reads forwards from revision 0 by default, skipping other streams', async () => {
        const events = await store.readStream('s');

        expect(idsOf(events)).toEqual(ids);
        expect(events.map((e) => e.position)).toEqual([1, 2, 4, 5, 6]);
      });

      it('reads forwards from a revision up to a revision, both inclusive', async () => {
        expect(idsOf(await store.readStream('s', { from: 1, to: 3 }))).toEqual(ids.slice(1, 4));
        expect(idsOf(await store.readStream('s', { from: 3 }))).toEqual(ids.slice(3));
        expect(idsOf(await store.readStream('s', { to: 1 }))).toEqual(ids.slice(0, 2));
      });

      it('reads backwards from the last revision by default', async () => {
        expect(idsOf(await store.readStream('s', { direction: 'backwards' }))).toEqual([...ids].reverse());
      });

      it('reads backwards from a revision down to a revision, both inclusive', async () => {
        expect(idsOf(await store.readStream('s', { direction: 'backwards', from: 3, to: 1 }))).toEqual([ids[3], ids[2], ids[1]]);
        expect(idsOf(await store.readStream('s', { direction: 'backwards', to: 3 }))).toEqual([ids[4], ids[3]]);
      });

      it('maxCount limits the events read in either direction', async () => {
        expect(idsOf(await store.readStream('s', { maxCount: 2 }))).toEqual(ids.slice(0, 2));
        expect(idsOf(await store.readStream('s', { from: 2, maxCount: 2 }))).toEqual(ids.slice(2, 4));
        expect(idsOf(await store.readStream('s', { direction: 'backwards', maxCount: 1 }))).toEqual([ids[4]]);
        expect(await store.readStream('s', { maxCount: 0 })).toEqual([]);
      });

      it('an absent stream reads as an empty array, in either direction', async () => {
        expect(await store.readStream('absent')).toEqual([]);
        expect(await store.readStream('absent', { direction: 'backwards' })).toEqual([]);
      });

      it('reading from beyond the last revision gives an empty array', async () => {
        expect(await store.readStream('s', { from: 5 })).toEqual([]);
      });
    });

    describe('reading all', () => {
      it('reads every stream in commit order with positions 1, 2, 3 … and no gaps', async () => {
        const [a0, b0, a1] = [ev(), ev(), ev()];
        await append('a', [a0], 'NO_STREAM');
        await append('b', [b0], 'NO_STREAM');
        await append('a', [a1], 0);

        const events = await store.readAll();

        expect(events.map((e) => [e.id, e.streamId, e.revision, e.position])).toEqual([
          [a0.id, 'a', 0, 1],
          [b0.id, 'b', 0, 2],
          [a1.id, 'a', 1, 3],
        ]);
      });

      it('reads strictly after a position, and maxCount limits the events read', async () => {
        await append('a', [ev(), ev(), ev()], 'NO_STREAM');
        await append('b', [ev(), ev()], 'NO_STREAM');

        expect((await store.readAll({ after: 2 })).map((e) => e.position)).toEqual([3, 4, 5]);
        expect((await store.readAll({ after: 1, maxCount: 2 })).map((e) => e.position)).toEqual([2, 3]);
        expect((await store.readAll({ maxCount: 1 })).map((e) => e.position)).toEqual([1]);
        expect(await store.readAll({ after: 5 })).toEqual([]);
      });

      it('reads a log longer than any internal page completely and in order', async () => {
        await append('big', Array.from({ length: 1500 }, () => ev()), 'NO_STREAM');
        await append('big', Array.from({ length: 1000 }, () => ev()), 1499);

        const everything = await store.readAll();
        const limited = await store.readAll({ after: 100, maxCount: 1200 });

        expect(everything.map((e) => e.position)).toEqual(range(1, 2500));
        expect(limited.map((e) => e.position)).toEqual(range(101, 1300));
      });

      it('headPosition is START for an empty store and the last position after appends', async () => {
        expect(await store.headPosition()).toBe(START);
        await append('a', [ev(), ev()], 'NO_STREAM');
        await store.appendMany([{ streamId: 'b', events: [ev()], expectedVersion: 'NO_STREAM' }]);

        expect(await store.headPosition()).toBe(3);
      });
    });

    describe('catch-up subscription to all', () => {
      it('delivers history, reports caught up at the head, then delivers live events in position order', async () => {
        await append('a', [ev(), ev()], 'NO_STREAM');
        await append('b', [ev()], 'NO_STREAM');
        const seen: RecordedEvent[] = [];
        const caughtUp: number[] = [];

        const subscription = store.subscribeToAll({ onEvent: (e) => void seen.push(e), onCaughtUp: (p) => caughtUp.push(p) });
        await waitFor(() => caughtUp.length > 0, 'caught up with history');
        expect(seen.map((e) => e.position)).toEqual([1, 2, 3]);
        expect(caughtUp).toEqual([3]);

        await append('a', [ev()], 1);
        await store.appendMany([
          { streamId: 'c', events: [ev()], expectedVersion: 'NO_STREAM' },
          { streamId: 'b', events: [ev()], expectedVersion: 0 },
        ]);
        await waitFor(() => caughtUp.at(-1) === 6, 'caught up with live events');
        await subscription.close();

        expect(seen.map((e) => [e.streamId, e.revision, e.position])).toEqual([
          ['a', 0, 1], ['a', 1, 2], ['b', 0, 3], ['a', 2, 4], ['c', 0, 5], ['b', 1, 6],
        ]);
        expect(caughtUp).toEqual([...caughtUp].sort((x, y) => x - y));
      });

      it('reports caught up at START on an empty store and delivers the first live event', async () => {
        const seen: number[] = [];
        const caughtUp: number[] = [];
        const subscription = store.subscribeToAll({ onEvent: (e) => void seen.push(e.position), onCaughtUp: (p) => caughtUp.push(p) });
        await waitFor(() => caughtUp.length > 0, 'caught up');

        await append('a', [ev()], 'NO_STREAM');
        await waitFor(() => seen.length === 1, 'first live event');
        await subscription.close();

        expect(caughtUp[0]).toBe(START);
        expect(seen).toEqual([1]);
      });

      it('starts strictly after the given position', async () => {
        await append('a', [ev(), ev(), ev()], 'NO_STREAM');
        const seen: number[] = [];

        const subscription = store.subscribeToAll({ after: 2, onEvent: (e) => void seen.push(e.position) });
        await append('a', [ev()], 2);
        await waitFor(() => seen.length === 2, 'events after position 2');
        await subscription.close();

        expect(seen).toEqual([3, 4]);
      });

      it('delivers a history longer than any internal page without gaps', async () => {
        await append('big', Array.from({ length: 2500 }, () => ev()), 'NO_STREAM');
        const seen: number[] = [];
        let caughtUpAt: number | undefined;

        const subscription = store.subscribeToAll({ onEvent: (e) => void seen.push(e.position), onCaughtUp: (p) => (caughtUpAt = p) });
        await waitFor(() => caughtUpAt !== undefined, 'caught up');
        await subscription.close();

        expect(caughtUpAt).toBe(2500);
        expect(seen).toEqual(range(1, 2500));
      });

      it('awaits each handler before delivering the next event', async () => {
        await append('a', [ev(), ev(), ev()], 'NO_STREAM');
        let running = 0;
        let mostAtOnce = 0;
        const seen: number[] = [];

        const subscription = store.subscribeToAll({
          onEvent: async (e) => {
            mostAtOnce = Math.max(mostAtOnce, ++running);
            await sleep(5);
            seen.push(e.position);
            running--;
          },
        });
        await append('a', [ev(), ev()], 2);
        await waitFor(() => seen.length === 5, 'all five events');
        await subscription.close();

        expect(mostAtOnce).toBe(1);
        expect(seen).toEqual([1, 2, 3, 4, 5]);
      });

      it('close waits for the running handler, and nothing is delivered after it resolves', async () => {
        await append('a', [ev(), ev()], 'NO_STREAM');
        const seen: number[] = [];
        let releaseHandler!: () => void;
        const handlerReleased = new Promise<void>((resolve) => (releaseHandler = resolve));
        let handlerFinished = false;

        const subscription = store.subscribeToAll({
          onEvent: async (e) => {
            seen.push(e.position);
            await handlerReleased;
            handlerFinished = true;
          },
        });
        await waitFor(() => seen.length === 1, 'first event in its handler');
        let closed = false;
        const closing = subscription.close().then(() => (closed = true));
        await sleep(20);
        expect(closed).toBe(false);

        releaseHandler();
        await closing;
        expect(handlerFinished).toBe(true);
        await append('a', [ev()], 1);
        await sleep(50);

        expect(seen).toEqual([1]);
      });

      it('a handler can close its own subscription without waiting for itself', async () => {
        await append('a', [ev(), ev(), ev()], 'NO_STREAM');
        const seen: number[] = [];

        const subscription = store.subscribeToAll({
          onEvent: (e) => {
            seen.push(e.position);
            return e.position === 2 ? subscription.close() : undefined;
          },
        });
        await waitFor(() => seen.length === 2, 'the second event');
        await subscription.close();
        await append('a', [ev()], 2);
        await sleep(50);

        expect(seen).toEqual([1, 2]);
      });

      it('a handler that throws stops the subscription and its error reaches onError', async () => {
        await append('a', [ev(), ev(), ev()], 'NO_STREAM');
        const seen: number[] = [];
        const errors: Error[] = [];

        const subscription = store.subscribeToAll({
          onEvent: (e) => {
            seen.push(e.position);
            if (e.position === 2) throw new Error('projection cannot apply event 2');
          },
          onError: (error) => errors.push(error),
        });
        await waitFor(() => errors.length === 1, 'the error');
        await append('a', [ev()], 2);
        await sleep(50);
        await subscription.close();

        expect(errors[0]!.message).toBe('projection cannot apply event 2');
        expect(seen).toEqual([1, 2]);
      });
    });

    if (options.createWithClock) {
      const createWithClock = options.createWithClock;
      it('stamps recordedAt from the injected clock, one reading per commit', async () => {
        let readings = 0;
        const clocked = await createWithClock(() => new Date(Date.UTC(2026, 0, 1, 0, 0, readings++)));
        try {
          await clocked.appendMany([
            { streamId: 'a', events: [{ id: 'e1', type: 'T', data: {} }], expectedVersion: 'NO_STREAM' },
            { streamId: 'b', events: [{ id: 'e2', type: 'T', data: {} }], expectedVersion: 'NO_STREAM' },
          ]);
          await clocked.appendToStream('a', [{ id: 'e3', type: 'T', data: {} }], { expectedVersion: 0 });
          expect((await clocked.readAll()).map((e) => e.recordedAt)).toEqual([
            '2026-01-01T00:00:00.000Z',
            '2026-01-01T00:00:00.000Z',
            '2026-01-01T00:00:01.000Z',
          ]);
        } finally {
          await clocked.close();
        }
      });
    }

    if (options.reopen) {
      const reopen = options.reopen;

      describe('durability', () => {
        it('reads back every event, stream and head position unchanged after close and reopen', async () => {
          await append('a', [ev('A', { n: 1 }, { actor: 'clerk' }), ev('A', { n: 2 })], 'NO_STREAM');
          await store.appendMany([
            { streamId: 'b', events: [ev('B', { text: '委员 联络' })], expectedVersion: 'NO_STREAM' },
            { streamId: 'a', events: [ev('A', { n: 3 })], expectedVersion: 1 },
          ]);
          const before = { all: await store.readAll(), a: await store.readStream('a'), head: await store.headPosition() };

          store = await reopen(store);

          expect(await store.readAll()).toEqual(before.all);
          expect(await store.readStream('a')).toEqual(before.a);
          expect(await store.headPosition()).toBe(before.head);
        });

        it('after reopen, appends continue revisions and positions and earlier appends are still recognised as retries', async () => {
          const events = [ev(), ev()];
          const original = await append('a', events, 'NO_STREAM');
          await append('b', [ev()], 'NO_STREAM');

          store = await reopen(store);

          expect(await append('a', events, 'NO_STREAM')).toEqual(original);
          await expectConflict(append('a', [ev()], 'NO_STREAM'), { streamId: 'a', expected: 'NO_STREAM', actual: 1 }, 3);
          expect(await append('a', [ev()], 1)).toEqual({ nextExpectedVersion: 2, position: 4 });
        });
      });
    }
  });
}

function ev(type = 'Tested', data: unknown = { at: 'contract' }, metadata?: Metadata): EventData {
  return metadata === undefined ? { id: randomUUID(), type, data } : { id: randomUUID(), type, data, metadata };
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits for an asynchronous delivery; fails with what was awaited rather than a bare timeout. */
async function waitFor(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(2);
  }
}
