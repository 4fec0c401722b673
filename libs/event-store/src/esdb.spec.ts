import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { EsdbStandIn, freePort } from '../test-support/esdbStandIn.js';
import { describeEventStoreContract } from './contract.js';
import { EsdbEventStore, describeConnection, leaderConnectionString } from './esdb.js';
import { EventStoreDBClient, START as ESDB_START } from './esdbClient.js';
import { StoreUnavailableError, StreamVersionConflictError, type EventData, type RecordedEvent } from './eventStore.js';

/**
 * The contract runs against a real server when EVENTSTORE_CONNECTION_STRING is set
 * (`npm run test:esdb`): each test then gets a fresh namespace, i.e. an empty store, on that
 * server. Otherwise each test gets its own stand-in (test-support/esdbStandIn.ts). Either way
 * reopening is a new client on the same server and namespace, as another process would open it.
 */
const realServer = process.env.EVENTSTORE_CONNECTION_STRING;

const standIns: EsdbStandIn[] = [];
afterEach(async () => {
  await Promise.all(standIns.splice(0).map((standIn) => standIn.stop()));
});

const reopen = async (store: EsdbEventStore) => {
  await store.close();
  return store.reopen();
};

if (realServer) {
  describeEventStoreContract(`EsdbEventStore on ${realServer}`, () => new EsdbEventStore({ connectionString: realServer, namespace: `contract-${randomUUID()}-` }), { reopen });
} else {
  describeEventStoreContract(
    'EsdbEventStore on the stand-in',
    async () => {
      const standIn = await EsdbStandIn.start();
      standIns.push(standIn);
      return new EsdbEventStore({ connectionString: standIn.connectionString() });
    },
    { reopen },
  );
}

describe('EsdbEventStore on its own (against the stand-in)', () => {
  const opened: EsdbEventStore[] = [];
  const open = (connectionString: string, options: { namespace?: string; readTimeoutMs?: number } = {}) => {
    const store = new EsdbEventStore({ connectionString, ...options });
    opened.push(store);
    return store;
  };
  const startStandIn = async (options?: Parameters<typeof EsdbStandIn.start>[0]) => {
    const standIn = await EsdbStandIn.start(options);
    standIns.push(standIn);
    return standIn;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('numbers its events 1, 2, 3 … while the server\'s commit positions have gaps and system events sit between them', async () => {
    const standIn = await startStandIn();
    const store = open(standIn.connectionString());
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ onEvent: (e) => void seen.push(e) });

    await store.appendToStream('a', [ev(), ev()], { expectedVersion: 'NO_STREAM' });
    standIn.appendRecord('$stats-127.0.0.1:2113', '$statsCollected');
    standIn.appendRecord('$ce-a', '$>');
    await store.appendToStream('b', [ev()], { expectedVersion: 'NO_STREAM' });
    await waitFor(() => seen.length === 3);
    await subscription.close();

    const commitPositions = standIn.log.map((r) => Number(r.position));
    expect(commitPositions[0]).toBe(0);
    expect(standIn.log.filter((r) => r.streamId.startsWith('$'))).toHaveLength(5);
    expect(standIn.userRecords().map((r) => Number(r.position))).not.toEqual([1, 2, 3]);
    expect((await store.readAll()).map((e) => [e.streamId, e.revision, e.position])).toEqual([['a', 0, 1], ['a', 1, 2], ['b', 0, 3]]);
    expect(seen.map((e) => [e.streamId, e.position])).toEqual([['a', 1], ['a', 2], ['b', 3]]);
    expect(await store.headPosition()).toBe(3);
  });

  it('refuses to write system names: $-prefixed streams and event types belong to the server', async () => {
    const standIn = await startStandIn();
    const store = open(standIn.connectionString());

    await expect(store.appendToStream('$settings', [ev()], { expectedVersion: 'ANY' })).rejects.toThrow(/belong to the server/);
    await expect(store.appendToStream('s', [{ ...ev(), type: '$metadata' }], { expectedVersion: 'ANY' })).rejects.toThrow(/belong to the server/);
    expect(standIn.appendCalls).toBe(0);
  });

  it('keeps two namespaces on one server apart, each a store of its own numbered from 1', async () => {
    const standIn = await startStandIn();
    const [x, y] = [open(standIn.connectionString(), { namespace: 'x-' }), open(standIn.connectionString(), { namespace: 'y-' })];

    await x.appendToStream('member-1', [ev()], { expectedVersion: 'NO_STREAM' });
    await y.appendToStream('member-1', [ev(), ev()], { expectedVersion: 'NO_STREAM' });
    await x.appendToStream('member-1', [ev()], { expectedVersion: 0 });

    expect((await x.readAll()).map((e) => [e.streamId, e.revision, e.position])).toEqual([['member-1', 0, 1], ['member-1', 1, 2]]);
    expect((await y.readAll()).map((e) => [e.streamId, e.revision, e.position])).toEqual([['member-1', 0, 1], ['member-1', 1, 2]]);
    expect(standIn.userRecords().map((r) => r.streamId)).toEqual(['x-member-1', 'y-member-1', 'y-member-1', 'x-member-1']);
  });

  it('follows a follower\'s not-leader answer to the leader it names, and writes there once', async () => {
    const leader = await startStandIn();
    const follower = await startStandIn();
    follower.follow({ host: '127.0.0.1', port: leader.port });
    const store = open(follower.connectionString());
    const event = ev();

    expect(await store.appendToStream('s', [event], { expectedVersion: 'NO_STREAM' })).toEqual({ nextExpectedVersion: 0, position: 1 });

    expect(leader.userRecords().map((r) => r.id)).toEqual([event.id]);
    expect(follower.userRecords()).toEqual([]);
    expect((await store.readStream('s')).map((e) => e.id)).toEqual([event.id]);
  });

  it('reports an absent server as StoreUnavailableError naming the server', async () => {
    const port = await freePort();
    const store = open(`esdb://127.0.0.1:${port}?tls=false`);

    await expect(store.appendToStream('s', [ev()], { expectedVersion: 'NO_STREAM' })).rejects.toMatchObject({
      name: 'StoreUnavailableError',
      code: 'UNAVAILABLE',
      message: expect.stringContaining(`esdb://127.0.0.1:${port}`),
    });
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('times out a slow append with StoreTimeoutError, and a retry with the same ids returns the landed write without writing it again', async () => {
    const standIn = await startStandIn();
    const store = open(standIn.connectionString('defaultDeadline=600'));
    const events = [ev(), ev()];
    standIn.slowDown({ appendMs: 1500 });

    await expect(store.appendToStream('s', events, { expectedVersion: 'NO_STREAM' })).rejects.toMatchObject({ name: 'StoreTimeoutError', code: 'TIMEOUT' });
    standIn.slowDown({});

    expect(await store.appendToStream('s', events, { expectedVersion: 'NO_STREAM' })).toEqual({ nextExpectedVersion: 1, position: 2 });
    expect(standIn.userRecords().map((r) => r.id)).toEqual(events.map((e) => e.id));
  });

  it('fails a read that the server leaves silent with StoreTimeoutError', async () => {
    const standIn = await startStandIn();
    const store = open(standIn.connectionString(), { readTimeoutMs: 150 });
    standIn.slowDown({ readMs: 1000 });

    await expect(store.readStream('s')).rejects.toMatchObject({ name: 'StoreTimeoutError', code: 'TIMEOUT' });
  });

  it('ends a live subscription with StoreUnavailableError when the server goes away, and a new one resumes after the last position', async () => {
    const standIn = await startStandIn();
    const store = open(standIn.connectionString());
    await store.appendToStream('s', [ev(), ev()], { expectedVersion: 'NO_STREAM' });
    const seen: number[] = [];
    const errors: Error[] = [];
    await new Promise<void>((resolve) => store.subscribeToAll({ onEvent: (e) => void seen.push(e.position), onCaughtUp: () => resolve(), onError: (e) => errors.push(e) }));

    await standIn.stop();
    await waitFor(() => errors.length === 1);
    await standIn.restart();
    await store.appendToStream('s', [ev()], { expectedVersion: 1 });
    const resumed = store.subscribeToAll({ after: seen.at(-1)!, onEvent: (e) => void seen.push(e.position) });
    await waitFor(() => seen.length === 3);
    await resumed.close();

    expect(errors[0]).toBeInstanceOf(StoreUnavailableError);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('the stand-in serves a catch-up subscription to one stream with the real client: history, caught up, then live', async () => {
    const standIn = await startStandIn();
    const client = EventStoreDBClient.connectionString(standIn.connectionString());
    const store = open(standIn.connectionString());
    await store.appendToStream('s', [ev('First'), ev('Second')], { expectedVersion: 'NO_STREAM' });
    await store.appendToStream('other', [ev()], { expectedVersion: 'NO_STREAM' });
    const seen: string[] = [];
    let caughtUp = false;
    const subscription = client.subscribeToStream('s', { fromRevision: ESDB_START });
    subscription.on('caughtUp', () => (caughtUp = true));
    subscription.on('data', (resolved: { event?: { type: string; revision: bigint } }) => void seen.push(`${resolved.event!.type}@${resolved.event!.revision}`));

    await waitFor(() => caughtUp && seen.length === 2);
    await store.appendToStream('s', [ev('Third')], { expectedVersion: 1 });
    await waitFor(() => seen.length === 3);
    await subscription.unsubscribe();
    await client.dispose();

    expect(seen).toEqual(['First@0', 'Second@1', 'Third@2']);
  });

  describe('appendMany without a multi-stream transaction', () => {
    it('validates the whole batch before writing: a conflict it can see writes nothing', async () => {
      const standIn = await startStandIn();
      const store = open(standIn.connectionString());
      await store.appendToStream('b', [ev()], { expectedVersion: 'NO_STREAM' });
      const callsBefore = standIn.appendCalls;

      const attempt = store.appendMany([
        { streamId: 'a', events: [ev()], expectedVersion: 'NO_STREAM' },
        { streamId: 'b', events: [ev()], expectedVersion: 'NO_STREAM' },
      ]);

      await expect(attempt).rejects.toBeInstanceOf(StreamVersionConflictError);
      expect(standIn.appendCalls).toBe(callsBefore);
    });

    it('a writer that gets in between validation and a later item leaves the earlier items written (the documented weaker guarantee)', async () => {
      const standIn = await startStandIn();
      const store = open(standIn.connectionString());
      standIn.beforeAppend = (streamId) => {
        if (streamId === 'b' && standIn.userRecords().every((r) => r.streamId !== 'b')) standIn.appendRecord('b', 'WrittenByAnotherProcess');
      };

      const attempt = store.appendMany([
        { streamId: 'a', events: [ev()], expectedVersion: 'NO_STREAM' },
        { streamId: 'b', events: [ev()], expectedVersion: 'NO_STREAM' },
      ]);

      await expect(attempt).rejects.toMatchObject({ name: 'StreamVersionConflictError', streamId: 'b', expected: 'NO_STREAM', actual: 0 });
      expect(standIn.userRecords().map((r) => [r.streamId, r.type])).toEqual([['a', 'Tested'], ['b', 'WrittenByAnotherProcess']]);
    });

    it('a batch cut off by a dropped connection is completed by repeating it: written items count as retries', async () => {
      const standIn = await startStandIn();
      const store = open(standIn.connectionString());
      let refusals = 0;
      standIn.beforeAppend = (streamId) => {
        if (streamId === 'b' && refusals++ === 0) return Object.assign(new Error('connection reset'), { code: 14, details: 'connection reset', metadata: new grpc.Metadata() });
      };
      const batch = [
        { streamId: 'a', events: [ev(), ev()], expectedVersion: 'NO_STREAM' as const },
        { streamId: 'b', events: [ev()], expectedVersion: 'NO_STREAM' as const },
      ];

      await expect(store.appendMany(batch)).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(standIn.userRecords().map((r) => r.streamId)).toEqual(['a', 'a']);

      expect(await store.appendMany(batch)).toEqual([
        { nextExpectedVersion: 1, position: 2 },
        { nextExpectedVersion: 0, position: 3 },
      ]);
      expect(standIn.userRecords().map((r) => r.streamId)).toEqual(['a', 'a', 'b']);
    });
  });

  describe('connection strings', () => {
    it('adds nodePreference=leader, keeps an explicit leader, and refuses any other preference or a malformed string', () => {
      expect(leaderConnectionString('esdb://127.0.0.1:2113?tls=false')).toBe('esdb://127.0.0.1:2113?tls=false&nodePreference=leader');
      expect(leaderConnectionString('esdb+discover://cluster.local:2113')).toBe('esdb+discover://cluster.local:2113?nodePreference=leader');
      expect(leaderConnectionString('esdb://a:2113,b:2113?NodePreference=Leader')).toBe('esdb://a:2113,b:2113?NodePreference=Leader');
      expect(() => leaderConnectionString('esdb://a:2113?nodePreference=follower')).toThrow(/only nodePreference=leader/);
      expect(() => leaderConnectionString('http://a:2113')).toThrow();
    });

    it('describes a server without its credentials or settings', () => {
      expect(describeConnection('esdb://admin:changeit@db-1:2113,db-2:2113?tls=true')).toBe('esdb://db-1:2113,db-2:2113');
    });
  });
});

function ev(type = 'Tested', data: unknown = { n: 1 }): EventData {
  return { id: randomUUID(), type, data };
}

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
