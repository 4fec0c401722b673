/**
 * The tamper-evident record on a real SQLite file: seal it, edit the file behind the store's back
 * the way a forger would, and check that verify names the position where the record was changed.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store/sqlite';
import { InMemoryEventStore } from '#event-store/inMemory';
import { GENESIS_HASH, canonicalEvent, canonicalJson, genesis, nextHash } from './chain.js';
import { SEAL_STREAM, Sealer } from './seal.js';
import { verify } from './verify.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-'));
  file = join(dir, 'log.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * 20 events over four streams, sealed every 5 events: seals land at positions 6, 12, 18 and 24
 * (each covers everything before it), and positions 25-26 stay unsealed.
 */
async function sealedLog(): Promise<{ headHash: string; sealPositions: number[] }> {
  const store = new SqliteEventStore({ file });
  const sealer = new Sealer(store, { every: 5 });
  const revisions = new Map<string, number>();
  for (let i = 1; i <= 22; i++) {
    const streamId = `contact-c${i % 4}`;
    const revision = revisions.get(streamId) ?? -1;
    await store.appendToStream(streamId, [{ id: `e-${i}`, type: 'ContactLogged', data: { n: i, topic: `visit ${i}` }, metadata: { actor: 'clerk', line: i } }], {
      expectedVersion: revision < 0 ? 'NO_STREAM' : revision,
    });
    revisions.set(streamId, revision + 1);
    await sealer.sealIfDue({ actor: 'system:sealer' });
  }
  const report = await verify(store);
  const seals = await store.readStream(SEAL_STREAM);
  await store.close();
  expect(report.ok).toBe(true);
  return { headHash: report.headHash, sealPositions: seals.map((s) => s.position) };
}

/** Edits the closed file directly, as someone with access to the disk could. */
function tamper(sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

async function verifyFile(expect?: string) {
  const store = new SqliteEventStore({ file });
  try {
    return await verify(store, { expect });
  } finally {
    await store.close();
  }
}

describe('the hash chain', () => {
  it('hashes canonical JSON (sorted keys) chained from 32 zero bytes, so key order in storage does not matter', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: 'x' }], a: null })).toBe('{"a":null,"b":[2,{"c":"x","d":1}]}');
    const event = { id: 'e1', streamId: 's', revision: 0, type: 'T', data: { z: 1, a: 2 }, metadata: { actor: 'x' } };
    expect(canonicalEvent(event)).toBe('{"data":{"a":2,"z":1},"id":"e1","metadata":{"actor":"x"},"revision":0,"streamId":"s","type":"T"}');
    expect(nextHash(genesis(), event).toString('hex')).toBe(nextHash(Buffer.from(GENESIS_HASH, 'hex'), { ...event, data: { a: 2, z: 1 } }).toString('hex'));
    expect(nextHash(genesis(), event).equals(nextHash(genesis(), { ...event, revision: 1 }))).toBe(false);
  });
});

describe('seals', () => {
  it('are written every N events, each covering everything before it, and verify finds the record intact', async () => {
    const { sealPositions } = await sealedLog();
    expect(sealPositions).toEqual([6, 12, 18, 24]);
    const report = await verifyFile();
    expect(report).toMatchObject({ ok: true, events: 26, headPosition: 26, sealsVerified: 4, unsealed: 3, problems: [] });
    expect(report.lastSeal).toMatchObject({ position: 23, count: 23, previousCount: 17, sealPosition: 24 });
    expect(report.lastSeal!.fingerprints).toHaveLength(6 * 8);
  });

  it('on demand seal what is unsealed, write nothing when nothing is, and resume across processes from the last seal', async () => {
    await sealedLog();
    const store = new SqliteEventStore({ file });
    const first = await new Sealer(store, { every: 0 }).seal({ actor: 'auditor' });
    expect(first.written.map((s) => [s.count, s.sealPosition])).toEqual([[26, 27]]);
    const again = await new Sealer(store, { every: 0 }).seal({ actor: 'auditor' });
    expect(again).toEqual({ written: [], last: first.written[0] });
    expect(await store.headPosition()).toBe(27);
    await store.close();
    expect((await verifyFile()).sealsVerified).toBe(5);
  });

  it('split a long unsealed stretch into several seals, and a second sealer adopts the first one\'s seals instead of sealing again', async () => {
    const store = new InMemoryEventStore();
    const append = async (from: number, to: number) => {
      for (let i = from; i < to; i++) await store.appendToStream(`s-${i}`, [{ id: `e${i}`, type: 'T', data: i }], { expectedVersion: 'NO_STREAM' });
    };
    await append(0, 12);
    const [a, b] = [new Sealer(store, { every: 0, maxEventsPerSeal: 5 }), new Sealer(store, { every: 100 })];
    expect(await b.sealIfDue()).toEqual([]); // b has read the chain up to position 12
    const fromA = await a.seal({ actor: 'a' });
    expect(fromA.written.map((s) => [s.previousCount, s.count, s.sealPosition])).toEqual([[0, 5, 13], [5, 10, 14], [10, 14, 15]]);
    await append(12, 15);
    const fromB = await b.seal({ actor: 'b' });
    expect(fromB.written.map((s) => [s.previousCount, s.count])).toEqual([[14, 18]]);
    expect(await verify(store)).toMatchObject({ ok: true, sealsVerified: 4, unsealed: 1 });
  });
});

describe('verify names the first position where the record was altered', () => {
  it('a changed byte in one event\'s data', async () => {
    await sealedLog();
    tamper(`UPDATE events SET data = replace(data, 'visit 9', 'visit 8') WHERE position = 10`);
    const report = await verifyFile();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ position: 10, kind: 'CHAIN_MISMATCH' });
    expect(report.lastSeal?.sealPosition).toBe(6);
  });

  it('changed metadata', async () => {
    await sealedLog();
    tamper(`UPDATE events SET metadata = replace(metadata, '"clerk"', '"someone else"') WHERE position = 14`);
    expect((await verifyFile()).problems[0]).toMatchObject({ position: 14, kind: 'CHAIN_MISMATCH' });
  });

  it('a deleted event', async () => {
    await sealedLog();
    tamper('DELETE FROM events WHERE position = 9');
    const report = await verifyFile();
    expect(report.problems[0]).toMatchObject({ position: 9, kind: 'MISSING_POSITION' });
    // The next seal's fingerprints disagree from there on as well.
    expect(report.problems.map((p) => p.kind)).toContain('CHAIN_MISMATCH');
  });

  it('two swapped events', async () => {
    await sealedLog();
    tamper(`
      UPDATE events SET position = -1 WHERE position = 15;
      UPDATE events SET position = 15 WHERE position = 16;
      UPDATE events SET position = 16 WHERE position = -1;`);
    expect((await verifyFile()).problems[0]).toMatchObject({ position: 15, kind: 'CHAIN_MISMATCH' });
  });

  it('an inserted event, with every later position moved up to make room', async () => {
    await sealedLog();
    tamper(`
      UPDATE events SET position = position + 1000000 WHERE position >= 8;
      UPDATE events SET position = position - 999999 WHERE position >= 1000000;
      INSERT INTO streams (stream_id, revision) VALUES ('contact-forged', 0);
      INSERT INTO events (position, event_id, stream_key, revision, type, data, metadata, recorded_at)
        SELECT 8, 'forged', stream_key, 0, 'ContactLogged', '{"n":0}', '{"actor":"clerk"}', '2020-01-01T00:00:00.000Z' FROM streams WHERE stream_id = 'contact-forged';`);
    expect((await verifyFile()).problems[0]).toMatchObject({ position: 8, kind: 'CHAIN_MISMATCH' });
  });

  it('a truncated tail after the last seal, against the hash an auditor kept', async () => {
    const { headHash, sealPositions } = await sealedLog();
    const lastSeal = sealPositions.at(-1)!;
    tamper(`DELETE FROM events WHERE position > ${lastSeal - 1}`);
    // The remaining record is consistent with itself and its remaining seals ...
    expect(await verifyFile()).toMatchObject({ ok: true, headPosition: lastSeal - 1 });
    // ... but not with the head hash kept outside the system.
    const report = await verifyFile(headHash);
    expect(report.problems).toEqual([expect.objectContaining({ position: lastSeal, kind: 'EXPECTED_HASH_NOT_REACHED' })]);
    expect(report.expect).toEqual({ hash: headHash, reachedAtPosition: null });
  });

  it('an altered seal', async () => {
    await sealedLog();
    tamper(`UPDATE events SET data = json_set(data, '$.hash', '${'ab'.repeat(32)}') WHERE position = 12`);
    expect((await verifyFile()).problems[0]).toMatchObject({ position: 12, kind: 'SEAL_ALTERED' });
  });

  it('passes an intact record through the hash an auditor kept', async () => {
    const { headHash } = await sealedLog();
    expect(await verifyFile(headHash)).toMatchObject({ ok: true, expect: { hash: headHash, reachedAtPosition: 26 } });
  });
});
