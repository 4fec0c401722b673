/**
 * The tamper-evident record on a real SQLite file: seal it, edit the file behind the store's back
 * the way a forger would, and check that verify names the position where the record was changed.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store/sqlite';
import { InMemoryEventStore } from '#event-store/inMemory';
import { ChainWindow, GENESIS_HASH, RunningHash, canonicalEvent, canonicalJson, genesis, nextHash } from './chain.js';
import { SEAL_STREAM, SealData, Sealer, isSealEvent } from './seal.js';
import { importLog, ReplayClock } from './logFile.js';
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
async function sealedLog(): Promise<{ headHash: string; sealPositions: number[]; seals: SealData[] }> {
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
  return { headHash: report.headHash, sealPositions: seals.map((s) => s.position), seals: seals.map((s) => s.data as SealData) };
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

/**
 * What a forger holding the library does after editing the file: recompute every seal in place,
 * in log order (each seal's new bytes feed the next), so the seals agree with the edited record.
 * Only a hash kept outside the system still tells.
 */
async function reseal(): Promise<void> {
  const store = new SqliteEventStore({ file });
  const events = await store.readAll();
  await store.close();
  const db = new Database(file);
  try {
    const update = db.prepare('UPDATE events SET data = ? WHERE position = ?');
    const running = new RunningHash();
    const window = new ChainWindow(0);
    for (const event of events) {
      if (isSealEvent(event)) {
        const d = event.data as SealData;
        event.data = { ...d, hash: window.hashAt(d.count).toString('hex'), fingerprints: window.fingerprints(d.count) };
        update.run(JSON.stringify(event.data), event.position);
        window.dropThrough(d.count);
      }
      window.push(event.position, running.push(event).hash);
    }
  } finally {
    db.close();
  }
}

/** Every recorded-at a year earlier, kept in the store's ISO format. */
const A_YEAR_EARLIER = `UPDATE events SET recorded_at = strftime('%Y-%m-%dT%H:%M:%fZ', recorded_at, '-1 year')`;

async function verifyFile(expect?: string) {
  const store = new SqliteEventStore({ file });
  try {
    return await verify(store, { expect });
  } finally {
    await store.close();
  }
}

describe('the hash chain', () => {
  it('hashes canonical JSON (sorted keys) chained from 32 zero bytes, so key order in storage does not matter; form 2 adds recordedAt', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: 'x' }], a: null })).toBe('{"a":null,"b":[2,{"c":"x","d":1}]}');
    const event = { id: 'e1', streamId: 's', revision: 0, type: 'T', data: { z: 1, a: 2 }, metadata: { actor: 'x' }, recordedAt: '2026-01-02T03:04:05.678Z' };
    expect(canonicalEvent(event, 1)).toBe('{"data":{"a":2,"z":1},"id":"e1","metadata":{"actor":"x"},"revision":0,"streamId":"s","type":"T"}');
    expect(canonicalEvent(event, 2)).toBe('{"data":{"a":2,"z":1},"id":"e1","metadata":{"actor":"x"},"recordedAt":"2026-01-02T03:04:05.678Z","revision":0,"streamId":"s","type":"T"}');
    for (const form of [1, 2] as const) {
      expect(nextHash(genesis(), event, form).toString('hex')).toBe(nextHash(Buffer.from(GENESIS_HASH, 'hex'), { ...event, data: { a: 2, z: 1 } }, form).toString('hex'));
      expect(nextHash(genesis(), event, form).equals(nextHash(genesis(), { ...event, revision: 1 }, form))).toBe(false);
    }
    const shifted = { ...event, recordedAt: '2025-01-02T03:04:05.678Z' };
    expect(nextHash(genesis(), shifted, 1).equals(nextHash(genesis(), event, 1))).toBe(true);
    expect(nextHash(genesis(), shifted, 2).equals(nextHash(genesis(), event, 2))).toBe(false);
  });

  it('switches to form 2 after a seal that declares it, never before it and never back', () => {
    const at = (n: number) => ({ id: `e${n}`, streamId: 's', revision: n, type: 'T', data: n, metadata: {}, recordedAt: '2026-01-01T00:00:00.000Z' });
    const seal = (form?: number) => ({ ...at(9), streamId: SEAL_STREAM, type: 'LogSealed', revision: 0, data: { count: 1, form } });
    const running = new RunningHash();
    expect([running.push(at(0)).form, running.push(seal()).form, running.push(at(1)).form]).toEqual([1, 1, 1]);
    expect([running.push(seal(2)).form, running.push(at(2)).form, running.push(seal()).form, running.push(at(3)).form]).toEqual([1, 2, 2, 2]);
  });
});

describe('a new log stamped at its first event (chainForm 2)', () => {
  it('is in form 2 from its first event; a stamp on a later event means nothing', () => {
    const at = (n: number, metadata: object = {}) => ({ id: `e${n}`, streamId: 's', revision: n, type: 'T', data: n, metadata, recordedAt: '2026-01-01T00:00:00.000Z' });
    const stamped = new RunningHash();
    expect([stamped.push(at(0, { chainForm: 2 })).form, stamped.push(at(1)).form]).toEqual([2, 2]);
    const late = new RunningHash();
    expect([late.push(at(0)).form, late.push(at(1, { chainForm: 2 })).form, late.push(at(2)).form]).toEqual([1, 1, 1]);
  });

  it('seals resume in form 2 across processes, verify passes, and a shifted recorded-at before the first seal fails at its position', async () => {
    const store = new SqliteEventStore({ file });
    const append = (i: number) => store.appendToStream(`contact-c${i}`, [{ id: `e-${i}`, type: 'ContactLogged', data: { n: i }, metadata: i === 1 ? { actor: 'clerk', chainForm: 2 } : { actor: 'clerk' } }], { expectedVersion: 'NO_STREAM' });
    for (let i = 1; i <= 3; i++) await append(i);
    await new Sealer(store, { every: 0 }).seal({ actor: 'auditor' });
    for (let i = 4; i <= 5; i++) await append(i);
    // A second process's sealer starts from the first seal, which was hashed in form 2.
    await new Sealer(store, { every: 0 }).seal({ actor: 'auditor' });
    await store.close();
    expect(await verifyFile()).toMatchObject({ ok: true, form2From: 1, sealsVerified: 2 });
    tamper(`UPDATE events SET recorded_at = '2019-06-01T00:00:00.000Z' WHERE position = 2`);
    expect((await verifyFile()).problems[0]).toMatchObject({ position: 2, kind: 'CHAIN_MISMATCH' });
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

describe('sealIfDue after a batch of commands', () => {
  it('joins the calls made while one waits its turn (one read of the tail), and still seals what came after a check began', async () => {
    const store = new InMemoryEventStore();
    const append = async (from: number, to: number) => {
      for (let i = from; i < to; i++) await store.appendToStream(`s-${i}`, [{ id: `e${i}`, type: 'T', data: i }], { expectedVersion: 'NO_STREAM' });
    };
    const sealer = new Sealer(store, { every: 5 });
    await sealer.sealIfDue(); // loads the chain (an empty log)
    await append(0, 7);
    const reads = jest.spyOn(store, 'readAll');
    // Ten commands of one batch each ask for a seal at once: one check, one seal, one read.
    const asked = Array.from({ length: 10 }, (_, i) => sealer.sealIfDue({ actor: `c${i}` }));
    const answers = await Promise.all(asked);
    expect(new Set(asked).size).toBe(1);
    expect(answers[0]!.map((s) => [s.previousCount, s.count])).toEqual([[0, 7]]);
    expect(reads).toHaveBeenCalledTimes(3); // one check's: the tail, the tail again before writing, the seal just written (ten checks: 12)
    expect((await store.readStream(SEAL_STREAM))[0]!.metadata).toMatchObject({ actor: 'c0' });
    // A call made once a check has begun reading gets a check of its own, which sees its events.
    const running = sealer.sealIfDue({ actor: 'early' });
    await Promise.resolve();
    await append(7, 13);
    const later = sealer.sealIfDue({ actor: 'late' });
    expect(later).not.toBe(running);
    await running;
    expect((await later).map((s) => [s.previousCount, s.count])).toEqual([[7, 14]]);
    expect(await verify(store)).toMatchObject({ ok: true, sealsVerified: 2, unsealed: 1 }); // the last seal itself
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

describe('recorded-at is in the chain from the first seal written by this code on (form 2)', () => {
  it('the first seal switches the log: events after it are hashed with their recorded-at', async () => {
    await sealedLog();
    expect(await verifyFile()).toMatchObject({ ok: true, form2From: 7, hashedThrough: 26 });
  });

  it('one event\'s recorded-at shifted: verify names its position', async () => {
    await sealedLog();
    tamper(`UPDATE events SET recorded_at = '2019-01-01T00:00:00.000Z' WHERE position = 10`);
    const report = await verifyFile();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ position: 10, kind: 'CHAIN_MISMATCH', message: expect.stringContaining('the event at position 10 is not the one sealed at position 12') });
  });

  it('one event\'s recorded-at after the last seal shifted: the head hash an auditor kept is not reached', async () => {
    const { headHash } = await sealedLog();
    tamper(`UPDATE events SET recorded_at = '2019-01-01T00:00:00.000Z' WHERE position = 25`);
    expect((await verifyFile(headHash)).problems).toEqual([expect.objectContaining({ position: 27, kind: 'EXPECTED_HASH_NOT_REACHED' })]);
  });

  it('every recorded-at shifted by a year: the seals disagree from the first event in form 2', async () => {
    await sealedLog();
    tamper(A_YEAR_EARLIER);
    const report = await verifyFile();
    expect(report.problems[0]).toMatchObject({ position: 7, kind: 'CHAIN_MISMATCH' });
    expect(report.lastSeal?.sealPosition).toBe(6);
  });

  it('every recorded-at shifted by a year and every seal recomputed: a kept seal hash from form 2 is not reached', async () => {
    const { seals } = await sealedLog();
    tamper(A_YEAR_EARLIER);
    await reseal();
    // The forged seals agree with the forged record ...
    expect(await verifyFile()).toMatchObject({ ok: true, sealsVerified: 4 });
    // ... but not with the second seal's hash (events 1 to 11, 7 to 11 in form 2) kept outside.
    const report = await verifyFile(seals[1]!.hash);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'EXPECTED_HASH_NOT_REACHED', position: 27 })]);
    // The first seal covers only form-1 events, whose recorded-at the chain never held: its hash is still reached.
    expect(await verifyFile(seals[0]!.hash)).toMatchObject({ ok: true, expect: { reachedAtPosition: 5 } });
  });

  it('the switch stripped from its seal: the next seal\'s fingerprint of that seal differs', async () => {
    await sealedLog();
    tamper(`UPDATE events SET data = json_remove(data, '$.form') WHERE position = 6`);
    const report = await verifyFile();
    expect(report.problems[0]).toMatchObject({ position: 6, kind: 'CHAIN_MISMATCH' });
    expect(report.form2From).toBe(13);
  });

  it('a later seal without form 2 is a downgrade, reported at that seal', async () => {
    await sealedLog();
    tamper(`UPDATE events SET data = json_remove(data, '$.form') WHERE position = 18`);
    const report = await verifyFile();
    expect(report.problems[0]).toMatchObject({ position: 18, kind: 'FORM_DOWNGRADE', message: expect.stringContaining('the seal at position 6 switched the chain to form 2') });
    expect(report.problems.map((p) => p.kind)).toEqual(['FORM_DOWNGRADE', 'CHAIN_MISMATCH']);
  });

  it('a seal declaring another form is malformed', async () => {
    await sealedLog();
    tamper(`UPDATE events SET data = json_set(data, '$.form', 3) WHERE position = 6`);
    expect((await verifyFile()).problems[0]).toMatchObject({ position: 6, kind: 'SEAL_MALFORMED', message: expect.stringContaining('its form is 3') });
  });
});

describe('a log written before form 2 (libs/audit/fixtures/form1-log.ndjson, by the code of commit 68e8997)', () => {
  const fixture = readFileSync(new URL('../fixtures/form1-log.ndjson', import.meta.url), 'utf8').trim().split('\n');
  const fixtureHash = (position: number) => (JSON.parse(fixture[position - 1]!) as { hash: string }).hash;

  async function imported(): Promise<SqliteEventStore> {
    const clock = new ReplayClock();
    const store = new SqliteEventStore({ file, clock: clock.now });
    const report = await importLog(async function* () {
      yield* fixture;
    }, store, { clock });
    expect(report).toMatchObject({ events: 12, seals: 2, headHash: fixtureHash(12) });
    return store;
  }

  it('imports and verifies unchanged, in form 1, with the hashes that code wrote', async () => {
    const store = await imported();
    expect(await verify(store, { expect: fixtureHash(9) })).toMatchObject({ ok: true, events: 12, sealsVerified: 2, headHash: fixtureHash(12), form2From: null, expect: { reachedAtPosition: 9 } });
    await store.close();
  });

  it('the next seal switches it to form 2: later recorded-at shifts fail, earlier ones pass as they always did', async () => {
    const store = await imported();
    const sealed = await new Sealer(store, { every: 0 }).seal({ actor: 'auditor' });
    expect(sealed.written.map((s) => [s.previousCount, s.count, s.sealPosition, s.form])).toEqual([[9, 12, 13, 2]]);
    await store.appendToStream('contact-c1', [{ id: 'after-1', type: 'ContactLogged', data: { n: 10 } }], { expectedVersion: 2 });
    await store.appendToStream('contact-c2', [{ id: 'after-2', type: 'ContactLogged', data: { n: 11 } }], { expectedVersion: 2 });
    // A sealer in another process resumes from the switching seal: it hashes that seal in form 1, what follows in form 2.
    expect((await new Sealer(store, { every: 0 }).seal({ actor: 'auditor' })).written.map((s) => [s.count, s.sealPosition])).toEqual([[15, 16]]);
    expect(await verify(store, { expect: fixtureHash(12) })).toMatchObject({ ok: true, sealsVerified: 4, form2From: 14, expect: { reachedAtPosition: 12 } });
    await store.close();

    tamper(`UPDATE events SET recorded_at = '2019-01-01T00:00:00.000Z' WHERE position = 3`);
    expect(await verifyFile()).toMatchObject({ ok: true });
    tamper(`UPDATE events SET recorded_at = '2019-01-01T00:00:00.000Z' WHERE position = 14`);
    expect((await verifyFile()).problems[0]).toMatchObject({ position: 14, kind: 'CHAIN_MISMATCH' });
  });
});

describe('an event the store cannot read', () => {
  it('data that is not JSON: UNREADABLE_EVENT at its position, the chain stops before it, later positions are still checked', async () => {
    await sealedLog();
    tamper(`UPDATE events SET data = 'not json {' WHERE position = 10; DELETE FROM events WHERE position = 20`);
    const report = await verifyFile();
    expect(report).toMatchObject({ ok: false, events: 25, headPosition: 26, hashedThrough: 9 });
    expect(report.problems.map((p) => [p.position, p.kind])).toEqual([
      [10, 'UNREADABLE_EVENT'],
      [20, 'MISSING_POSITION'],
      [25, 'REVISION_ORDER'], // the next event of the deleted one's stream
    ]);
    expect(report.problems[0]!.message).toContain('the event at position 10 (stream contact-c1, revision 2) cannot be read: its data is not JSON');
    expect(report.problems[0]!.message).toContain('the head hash is the one after position 9');
  });

  it('metadata that is not JSON, at the first event of a page', async () => {
    await sealedLog();
    tamper(`UPDATE events SET metadata = '{"actor":' WHERE position = 1`);
    const report = await verifyFile();
    expect(report).toMatchObject({ ok: false, events: 26, hashedThrough: 0, headHash: GENESIS_HASH });
    expect(report.problems).toEqual([expect.objectContaining({ position: 1, kind: 'UNREADABLE_EVENT', message: expect.stringContaining('its metadata is not JSON') })]);
  });
});

describe('verify at a pace (the audit worker of the API works half of its time)', () => {
  it('reports exactly what it reports at full pace, over several pages, and refuses a pace outside (0, 1]', async () => {
    const store = new InMemoryEventStore();
    const sealer = new Sealer(store, { every: 400 });
    for (let i = 1; i <= 2_500; i++) {
      await store.appendToStream(`contact-c${i}`, [{ id: `e-${i}`, type: 'ContactLogged', data: { n: i }, metadata: { actor: 'clerk' } }], { expectedVersion: 'NO_STREAM' });
      await sealer.sealIfDue({ actor: 'system:sealer' });
    }
    const full = await verify(store);
    expect(full).toMatchObject({ ok: true });
    expect(full.events).toBeGreaterThan(2_500);
    expect(await verify(store, { pace: 0.5 })).toEqual(full);
    // It rests between pages (a timer) only when paced: at 0.1 each page's rest is nine times its work.
    const timers = jest.spyOn(globalThis, 'setTimeout');
    try {
      await verify(store);
      expect(timers).not.toHaveBeenCalled();
      expect(await verify(store, { pace: 0.1 })).toEqual(full);
      expect(timers.mock.calls.filter(([, ms]) => (ms ?? 0) >= 1).length).toBeGreaterThanOrEqual(2);
    } finally {
      timers.mockRestore();
    }
    for (const pace of [0, -1, 1.5, Number.NaN]) await expect(verify(store, { pace })).rejects.toThrow(`pace must be above 0 and at most 1, not ${pace}`);
  });
});
