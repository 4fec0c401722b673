import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import { describeEventStoreContract } from './contract.js';
import Database from 'better-sqlite3';
import { StreamVersionConflictError, UnreadableEventError, type RecordedEvent } from './eventStore.js';
import { SqliteEventStore } from './sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'event-store-sqlite-'));
let files = 0;
const freshFile = () => join(dir, `store-${++files}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reopen = async (store: SqliteEventStore) => {
  await store.close();
  return new SqliteEventStore({ file: store.file });
};

describeEventStoreContract('SqliteEventStore', () => new SqliteEventStore({ file: freshFile() }), {
  reopen,
  createWithClock: (clock) => new SqliteEventStore({ file: freshFile(), clock }),
});

describe('SqliteEventStore on its own', () => {
  const opened: SqliteEventStore[] = [];
  const open = (options: Partial<ConstructorParameters<typeof SqliteEventStore>[0]> & { file: string }) => {
    const store = new SqliteEventStore(options);
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('runs in WAL mode with synchronous=FULL by default, NORMAL only when asked, and a busy timeout', () => {
    const file = freshFile();

    expect(open({ file }).durabilitySettings()).toEqual({ journalMode: 'wal', synchronous: 'FULL', busyTimeoutMs: 5000 });
    expect(open({ file, synchronous: 'NORMAL' }).durabilitySettings()).toMatchObject({ journalMode: 'wal', synchronous: 'NORMAL' });
  });

  it('a second store object on the same file sees the first one\'s appends through its polling subscription', async () => {
    const file = freshFile();
    const writer = open({ file });
    const reader = open({ file, pollIntervalMs: 20 });
    const seen: RecordedEvent[] = [];
    const subscription = reader.subscribeToAll({ onEvent: (e) => void seen.push(e) });

    await writer.appendToStream('member-1', [{ id: 'e1', type: 'MemberRegistered', data: { memberId: 'm-1' } }], { expectedVersion: 'NO_STREAM' });
    await waitFor(() => seen.length === 1);
    await subscription.close();

    expect(seen[0]).toMatchObject({ id: 'e1', streamId: 'member-1', revision: 0, position: 1, data: { memberId: 'm-1' } });
  });

  it('wakes its own subscriptions on append instead of waiting for the next poll', async () => {
    const store = open({ file: freshFile(), pollIntervalMs: 60_000 });
    const seen: number[] = [];
    let caughtUp = false;
    const subscription = store.subscribeToAll({ onEvent: (e) => void seen.push(e.position), onCaughtUp: () => (caughtUp = true) });
    await waitFor(() => caughtUp);

    await store.appendToStream('s', [{ id: 'e1', type: 'T', data: {} }], { expectedVersion: 'NO_STREAM' });
    await waitFor(() => seen.length === 1, 1000);
    await subscription.close();

    expect(seen).toEqual([1]);
  });

  it('a subscription delivers its own store\'s commits and another store\'s, interleaved, each once, in position order and as stored', async () => {
    const file = freshFile();
    const mine = open({ file, pollIntervalMs: 20 });
    const other = open({ file });
    const seen: RecordedEvent[] = [];
    const subscription = mine.subscribeToAll({ onEvent: (e) => void seen.push(e) });

    await mine.appendMany([
      { streamId: 'a', events: [{ id: 'a1', type: 'T', data: { n: 1, undef: undefined } }], expectedVersion: 'NO_STREAM' },
      { streamId: 'b', events: [{ id: 'b1', type: 'T', data: { n: 2 }, metadata: { actor: 'x' } }], expectedVersion: 'NO_STREAM' },
    ]);
    await other.appendToStream('c', [{ id: 'c1', type: 'T', data: { n: 3 } }], { expectedVersion: 'NO_STREAM' });
    await mine.appendToStream('a', [{ id: 'a2', type: 'T', data: { n: 4 } }], { expectedVersion: 0 });
    await mine.appendToStream('a', [{ id: 'a3', type: 'T', data: { n: 5 } }], { expectedVersion: 1 });
    await waitFor(() => seen.length === 5);
    await subscription.close();

    expect(seen.map((e) => [e.position, e.id, e.streamId, e.revision, e.data])).toEqual([
      [1, 'a1', 'a', 0, { n: 1 }],
      [2, 'b1', 'b', 0, { n: 2 }],
      [3, 'c1', 'c', 0, { n: 3 }],
      [4, 'a2', 'a', 1, { n: 4 }],
      [5, 'a3', 'a', 2, { n: 5 }],
    ]);
    // What the subscription delivered from memory is what a read of the file returns.
    expect(seen).toEqual(await open({ file }).readAll());
  });

  it('a caught-up subscription reads nothing from the file for its own store\'s commits, and still finds another store\'s commit made after them by polling', async () => {
    const file = freshFile();
    const mine = open({ file, pollIntervalMs: 20 });
    const other = open({ file });
    const seen: number[] = [];
    let caughtUp = -1;
    const subscription = mine.subscribeToAll({ onEvent: (e) => void seen.push(e.position), onCaughtUp: (at) => (caughtUp = at) });
    await waitFor(() => caughtUp === 0);
    const fileReads = jest.spyOn(mine as unknown as { readPage: (after: number, limit: number) => unknown }, 'readPage');
    for (let i = 1; i <= 20; i++) await mine.appendToStream(`s-${i}`, [{ id: `e${i}`, type: 'T', data: {} }], { expectedVersion: 'NO_STREAM' });
    await waitFor(() => caughtUp === 20);
    // 20 commits, each woke the subscription, and each time it was at the end of what it was handed.
    expect(fileReads).not.toHaveBeenCalled();
    // A commit of another connection, with none of this store's after it: the next poll reads it.
    await other.appendToStream('t', [{ id: 'o1', type: 'T', data: {} }], { expectedVersion: 'NO_STREAM' });
    await waitFor(() => seen.length === 21);
    expect(fileReads).toHaveBeenCalled();
    await mine.appendToStream('s-22', [{ id: 'e22', type: 'T', data: {} }], { expectedVersion: 'NO_STREAM' });
    await waitFor(() => seen.length === 22);
    await subscription.close();
    expect(seen).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('two store objects on one file share versions and positions: the later writer gets the conflict, not a gap', async () => {
    const file = freshFile();
    const first = open({ file });
    const second = open({ file });

    await first.appendToStream('s', [{ id: 'e1', type: 'T', data: {} }], { expectedVersion: 'NO_STREAM' });
    const late = second.appendToStream('s', [{ id: 'e2', type: 'T', data: {} }], { expectedVersion: 'NO_STREAM' });
    await expect(late).rejects.toBeInstanceOf(StreamVersionConflictError);
    await expect(late).rejects.toMatchObject({ expected: 'NO_STREAM', actual: 0 });
    await second.appendToStream('t', [{ id: 'e3', type: 'T', data: {} }], { expectedVersion: 'NO_STREAM' });

    expect((await first.readAll()).map((e) => [e.id, e.position])).toEqual([['e1', 1], ['e3', 2]]);
  });

  it('close checkpoints the WAL into the database file, leaving no WAL content behind', async () => {
    const file = freshFile();
    const store = new SqliteEventStore({ file });
    await store.appendToStream('s', [{ id: 'e1', type: 'T', data: { n: 1 } }], { expectedVersion: 'NO_STREAM' });
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);

    await store.close();

    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('a reader opened with checkpointOnClose: false closes without checkpointing, leaving the WAL to the writer', async () => {
    const file = freshFile();
    const writer = new SqliteEventStore({ file });
    await writer.appendToStream('s', [{ id: 'e1', type: 'T', data: { n: 1 } }], { expectedVersion: 'NO_STREAM' });
    const reader = new SqliteEventStore({ file, checkpointOnClose: false });
    expect((await reader.readAll()).map((e) => e.id)).toEqual(['e1']);

    await reader.close();

    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    await writer.appendToStream('s', [{ id: 'e2', type: 'T', data: { n: 2 } }], { expectedVersion: 0 });
    await writer.close();
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('a data or metadata cell edited into something that is not JSON reads as UnreadableEventError naming its position, not a bare SyntaxError', async () => {
    const file = freshFile();
    const store = open({ file });
    await store.appendToStream('s', [1, 2, 3].map((n) => ({ id: `e${n}`, type: 'T', data: { n }, metadata: { actor: 'a' } })), { expectedVersion: 'NO_STREAM' });
    const db = new Database(file);
    db.exec(`UPDATE events SET data = '{"n":' WHERE position = 2; UPDATE events SET metadata = 'actor=a' WHERE position = 3`);
    db.close();

    const unreadable = async (read: Promise<unknown>) => read.then(() => undefined, (e: unknown) => e);
    for (const read of [store.readAll(), store.readAll({ after: 1, maxCount: 5000 }), store.readStream('s')]) {
      const error = await unreadable(read);
      expect(error).toBeInstanceOf(UnreadableEventError);
      expect(error).toMatchObject({ code: 'UNREADABLE_EVENT', position: 2, field: 'data', streamId: 's', revision: 1, message: 'the event at position 2 (stream s, revision 1) cannot be read: its data is not JSON' });
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    }
    expect(await unreadable(store.readAll({ after: 2 }))).toMatchObject({ position: 3, field: 'metadata' });
    expect((await store.readAll({ maxCount: 1 })).map((e) => e.id)).toEqual(['e1']);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
