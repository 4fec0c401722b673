import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from '@jest/globals';
import { EsdbStandIn, freePort } from './esdbStandIn.js';
import { describeEventStoreContract } from '../src/contract.js';
import { EsdbEventStore, describeConnection, leaderConnectionString } from '../src/esdb.js';
import { clientPackageFor, type ClientPackage } from '../src/esdbClient.js';
import { StoreUnavailableError, StreamVersionConflictError, type EventData, type RecordedEvent } from '../src/eventStore.js';

/**
 * The EventStoreDB adapter's specs through one client: the contract suite and the adapter's own
 * tests against the stand-in (test-support/esdbStandIn.ts), and the connection strings of that
 * client's schemes. `esdb.spec.ts` runs them through `@kurrent/kurrentdb-client` (`kurrentdb://`),
 * `esdb.eventstore.spec.ts` through `@eventstore/db-client` (`esdb://`): one client per test file,
 * i.e. per process, as the product loads only one (see src/esdbClient.ts). With
 * EVENTSTORE_CONNECTION_STRING set (`npm run test:esdb`) the contract runs against that server
 * instead, in esdb.spec.ts, through the client the string's scheme names; each test then gets a
 * fresh namespace, i.e. an empty store. Reopening is a new client on the same server and
 * namespace, as another process would open it.
 */
const realServer = process.env.EVENTSTORE_CONNECTION_STRING;

const reopen = async (store: EsdbEventStore) => {
  await store.close();
  return store.reopen();
};

/** The contract against the server EVENTSTORE_CONNECTION_STRING names, when it is set. */
export function describeContractOnRealServer(): void {
  if (!realServer) return;
  describeEventStoreContract(`EsdbEventStore on ${realServer}`, () => new EsdbEventStore({ connectionString: realServer, namespace: `contract-${randomUUID()}-` }), { reopen });
}

const CLIENT_OF = { kurrentdb: '@kurrent/kurrentdb-client', esdb: '@eventstore/db-client' } as const satisfies Record<string, ClientPackage>;

export function describeEsdbAdapter(scheme: keyof typeof CLIENT_OF): void {
  const clientPackage = CLIENT_OF[scheme];
  const standIns: EsdbStandIn[] = [];
  afterEach(async () => {
    await Promise.all(standIns.splice(0).map((standIn) => standIn.stop()));
  });
  if (!realServer) {
    describeEventStoreContract(
      `EsdbEventStore on the stand-in through ${clientPackage}`,
      async () => {
        const standIn = await EsdbStandIn.start();
        standIns.push(standIn);
        const store = new EsdbEventStore({ connectionString: standIn.connectionString('', scheme) });
        expect(store.clientPackage).toBe(clientPackage);
        return store;
      },
      { reopen },
    );
  }

  describe(`EsdbEventStore on its own (against the stand-in, through ${clientPackage})`, () => {
    const opened: EsdbEventStore[] = [];
    const open = (connectionString: string, options: { namespace?: string; readTimeoutMs?: number } = {}) => {
      const store = new EsdbEventStore({ connectionString, ...options });
      opened.push(store);
      return store;
    };
    const startStandIn = async (options?: Parameters<typeof EsdbStandIn.start>[0]) => {
      const standIn = await EsdbStandIn.start(options);
      const connectionString = standIn.connectionString.bind(standIn);
      standIn.connectionString = (extra = '') => connectionString(extra, scheme);
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
      const store = open(`${scheme}://127.0.0.1:${port}?tls=false`);

      await expect(store.appendToStream('s', [ev()], { expectedVersion: 'NO_STREAM' })).rejects.toMatchObject({
        name: 'StoreUnavailableError',
        code: 'UNAVAILABLE',
        message: expect.stringContaining(`${scheme}://127.0.0.1:${port}`),
      });
      await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
    });

    it('reaches a server that appears after the store was opened and found it absent', async () => {
      const port = await freePort();
      const store = open(`${scheme}://127.0.0.1:${port}?tls=false`);
      await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailableError);
      const standIn = await EsdbStandIn.start({ port });
      standIns.push(standIn);

      const deadline = Date.now() + 5_000;
      let read: RecordedEvent[] | undefined;
      while (read === undefined && Date.now() < deadline) read = await store.readAll().catch(() => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 100)));
      expect(read).toEqual([]);
      expect(await store.appendToStream('s', [ev()], { expectedVersion: 'NO_STREAM' })).toEqual({ nextExpectedVersion: 0, position: 1 });
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
      const client =
      scheme === 'kurrentdb'
        ? (await import('@kurrent/kurrentdb-client')).KurrentDBClient.connectionString(standIn.connectionString())
        : (await import('@eventstore/db-client')).EventStoreDBClient.connectionString(standIn.connectionString());
      const store = open(standIn.connectionString());
      await store.appendToStream('s', [ev('First'), ev('Second')], { expectedVersion: 'NO_STREAM' });
      await store.appendToStream('other', [ev()], { expectedVersion: 'NO_STREAM' });
      const seen: string[] = [];
      let caughtUp = false;
      const subscription = client.subscribeToStream('s', { fromRevision: 'start' });
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
  });

  describe(`EsdbEventStore connection strings (${scheme}://)`, () => {
    it('adds nodePreference=leader, keeps an explicit leader, and refuses any other preference or a malformed string', () => {
      expect(leaderConnectionString(`${scheme}://127.0.0.1:2113?tls=false`)).toBe(`${scheme}://127.0.0.1:2113?tls=false&nodePreference=leader`);
      expect(leaderConnectionString(`${scheme}+discover://cluster.local:2113`)).toBe(`${scheme}+discover://cluster.local:2113?nodePreference=leader`);
      expect(leaderConnectionString(`${scheme}://a:2113,b:2113?NodePreference=Leader`)).toBe(`${scheme}://a:2113,b:2113?NodePreference=Leader`);
      expect(() => leaderConnectionString(`${scheme}://a:2113?nodePreference=follower`)).toThrow(/only nodePreference=leader/);
      expect(() => leaderConnectionString(`${scheme}://a:2113?tls=maybe`)).toThrow();
      expect(() => leaderConnectionString('http://a:2113')).toThrow(/use kurrentdb:\/\//);
    });

    it('chooses the client by scheme: kurrentdb:// (and kurrent://, kdb://) the maintained one, esdb:// the original', () => {
      expect(clientPackageFor(`${scheme}://127.0.0.1:2113?tls=false`)).toBe(clientPackage);
      expect(clientPackageFor(`${scheme}+discover://cluster.local:2113`)).toBe(clientPackage);
      expect(clientPackageFor(' kdb://a:2113')).toBe('@kurrent/kurrentdb-client');
      expect(clientPackageFor('kurrent+discover://a:2113')).toBe('@kurrent/kurrentdb-client');
      expect(clientPackageFor('ESDB://a:2113')).toBe('@eventstore/db-client');
    });

    it('describes a server without its credentials or settings', () => {
      expect(describeConnection(`${scheme}://admin:changeit@db-1:2113,db-2:2113?tls=true`)).toBe(`${scheme}://db-1:2113,db-2:2113`);
    });
  });
}

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
