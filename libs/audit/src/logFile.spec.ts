/** Export the log, import it into an empty store, and get the very same record back: hashes, seals, times. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '#domain/shared/errors';
import { EventStore } from '#event-store/eventStore';
import { SqliteEventStore } from '#event-store/sqlite';
import { ReplayClock, exportLines, exportRange, importLog } from './logFile.js';
import { SEAL_STREAM, Sealer } from './seal.js';
import { verify } from './verify.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'log-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Twelve events in commits a minute apart, sealed every 4 events: seals at positions 5, 10 and 15. */
async function original(): Promise<SqliteEventStore> {
  let minute = 0;
  const store = new SqliteEventStore({ file: join(dir, 'original.db'), clock: () => new Date(Date.UTC(2020, 3, 1, 8, minute++)) });
  const sealer = new Sealer(store, { every: 4, clock: () => new Date(Date.UTC(2020, 3, 1, 9)) });
  for (let i = 0; i < 12; i++) {
    const streamId = `link-l${i % 3}`;
    const events = [{ id: `e${i}`, type: 'LinkAssigned', data: { linkId: `l${i % 3}`, n: i, 名: '联络' }, metadata: { actor: 'admin', reason: null } }];
    await store.appendToStream(streamId, events, { expectedVersion: i < 3 ? 'NO_STREAM' : Math.floor(i / 3) - 1 });
    await sealer.sealIfDue({ actor: 'system:sealer' });
  }
  return store;
}

async function exported(store: EventStore, range = {}): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of exportLines(store, await exportRange(store, range))) lines.push(line);
  return lines;
}

const lines = (items: string[]) => () =>
  (async function* () {
    yield* items;
  })();

async function refused(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('export and import-log', () => {
  it('re-imports an export into an empty store with identical positions, recorded-at times, hashes and seals', async () => {
    const source = await original();
    const file = await exported(source);
    expect(file).toHaveLength(15);
    expect(JSON.parse(file[0]!)).toMatchObject({ position: 1, id: 'e0', streamId: 'link-l0', revision: 0, recordedAt: '2020-04-01T08:00:00.000Z' });

    const clock = new ReplayClock();
    const copy = new SqliteEventStore({ file: join(dir, 'copy.db'), clock: clock.now });
    const report = await importLog(lines(file), copy, { clock });
    expect(report).toMatchObject({ events: 15, seals: 3, headPosition: 15, headHash: JSON.parse(file[14]!).hash });

    expect(await exported(copy)).toEqual(file);
    const [a, b] = [await verify(source), await verify(copy)];
    expect(b).toEqual(a);
    expect(b).toMatchObject({ ok: true, sealsVerified: 3 });
    expect(await copy.readStream(SEAL_STREAM)).toEqual(await source.readStream(SEAL_STREAM));
    await Promise.all([source.close(), copy.close()]);
  });

  it('exports a range with the running hashes of the whole log, and refuses a reversed or out-of-bounds range', async () => {
    const store = await original();
    const all = await exported(store);
    expect(await exported(store, { from: 5, to: 7 })).toEqual(all.slice(4, 7));
    expect(await refused(exportRange(store, { from: 7, to: 5 }))).toMatchObject({ code: 'VALIDATION', field: 'from', message: expect.stringContaining('reversed') });
    expect(await refused(exportRange(store, { from: 3, to: 99 }))).toMatchObject({ code: 'VALIDATION', field: 'to', message: expect.stringContaining('out of bounds: the log holds positions 1 to 15') });
    expect(await refused(exportRange(store, { from: 0 }))).toMatchObject({ code: 'VALIDATION', field: 'from' });
    await store.close();
  });

  it('refuses to import into a store that holds events, a partial export, and an altered file, writing nothing', async () => {
    const store = await original();
    const file = await exported(store);
    expect(await refused(importLog(lines(file), store))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already holds events') });

    const empty = new SqliteEventStore({ file: join(dir, 'empty.db') });
    expect(await refused(importLog(lines(file.slice(4)), empty))).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('line 1 (position 5): the hash does not chain from the start') });
    const altered = [...file];
    altered[6] = altered[6]!.replace('"n":5', '"n":9');
    expect(await refused(importLog(lines(altered), empty))).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('line 7 (position 7): the hash does not match') });
    expect(await refused(importLog(lines(['{"position":1}']), empty))).toMatchObject({ code: 'VALIDATION', message: 'line 1: hash must be 64 lowercase hex digits' });
    expect(await empty.headPosition()).toBe(0);
    await Promise.all([store.close(), empty.close()]);
  });
});
