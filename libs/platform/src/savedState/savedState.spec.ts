import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deserialize } from 'node:v8';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store/sqlite';
import { newEventId } from '#event-store/eventId';
import { START, type EventStore } from '#event-store/eventStore';
import { RunningHash } from '#audit/chain';
import { Sealer } from '#audit/seal';
import { runningHashAt } from '#audit/hashAt';
import { createProjections } from '#projections/systems';
import { diffProjections } from '#projections/shared/replay/diff';
import type { ProjectionSet } from '#projections/shared/projection';
import { TimeTravel } from '#projections/shared/timeTravel/timeTravel';
import { LiaisonView } from '#projections/liaison/liaisonView';
import { coverage, territorialCoverage } from '#projections/liaison/coverage/coverage.queries';
import { networkGraph } from '#projections/liaison/network/graph.queries';
import { captureState, UnsavableStateError } from '#projections/shared/savedState/codec';
import { contact, link, member, organization, record } from '#testing';
import { importDirectory } from '../../../../apps/cli/src/csvImport.js';
import { listSavedStates, loadSavedState, saveState, savedStateDir } from './savedState.js';

const SAMPLE = join(process.cwd(), 'sample/golmud');
let root: string;
/** The golmud sample imported and sealed once, copied for every test. */
let sampleDb: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'saved-state-'));
  sampleDb = join(root, 'sample.db');
  const store = new SqliteEventStore({ file: sampleDb, synchronous: 'NORMAL' });
  const report = await importDirectory(store, SAMPLE, { actor: 'test', now: '2026-01-01T00:00:00Z' });
  expect(report.errors).toEqual([]);
  await new Sealer(store, { every: 1000 }).seal({ actor: 'test' });
  await store.close();
}, 120_000);

const opened: EventStore[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

/** A copy of the sealed sample log, and its saved-state folder. */
function sampleCopy(name: string): { store: SqliteEventStore; file: string; dir: string } {
  const file = join(root, `${name}.db`);
  copyFileSync(sampleDb, file);
  const store = new SqliteEventStore({ file, synchronous: 'NORMAL' });
  opened.push(store);
  return { store, file, dir: savedStateDir(file) };
}

/**
 * Two sets hold the same state: what they would save is deeply equal (every field, every row).
 * (diffProjections cannot compare a restored set under jest: v8.deserialize makes its Maps in
 * Node's realm, not the test's, so `instanceof Map` fails there.)
 */
const same = (a: ProjectionSet, b: ProjectionSet) => {
  const [x, y] = [deserialize(captureState(a)), deserialize(captureState(b))];
  const differing = a.projections.flatMap((p, i) => Object.keys(x.fields[i]).filter((k) => !isDeepStrictEqual(x.fields[i][k], y.fields[i][k])).map((k) => `${p.name}.${k}`));
  expect(differing).toEqual([]);
  expect(isDeepStrictEqual(x, y)).toBe(true);
};

/** A fresh set folded from the log up to `position`. */
async function rebuiltAt(store: EventStore, position: number): Promise<ProjectionSet> {
  const set = createProjections();
  for (;;) {
    const page = await store.readAll({ after: set.position, maxCount: 1000 });
    for (const e of page) if (e.position <= position) set.apply(e);
    if (page.length < 1000 || set.position >= position) return set;
  }
}

const logged = () => {
  const warnings: Array<{ details: any; message: string }> = [];
  return { warnings, log: { info: () => undefined, warn: (details: object, message: string) => warnings.push({ details, message }) } };
};

/** A few more events after the sample: a new member, a link and contacts on it. */
async function appendMore(store: EventStore, n: number, prefix: string): Promise<void> {
  const events = record([organization(`${prefix}-org`, 'SECTOR'), member(`${prefix}-a`), member(`${prefix}-b`), link(`${prefix}-l`, `${prefix}-a`, `${prefix}-b`), ...Array.from({ length: n }, (_, i) => contact(`${prefix}-c${i}`, '2021-03-01', [`${prefix}-a`, `${prefix}-b`], { links: [`${prefix}-l`] }))]);
  for (const e of events) await store.appendToStream(e.streamId, [{ id: newEventId(), type: e.type, data: e.data }], { expectedVersion: 'ANY' });
}

describe('saved state: the projections restored at a position and the tail read', () => {
  it('captures every projection of a log of every wing, and restores a set equal to a rebuild', async () => {
    const { store, dir } = sampleCopy('roundtrip');
    const head = await store.headPosition();
    expect(head).toBeGreaterThan(1000);
    const saved = await saveState(store, createProjections, dir);
    expect(saved).toMatchObject({ saved: true, position: head, restoredFrom: null });

    const restored = createProjections();
    const timeTravel = new TimeTravel(store, { snapshotEvery: 500, empty: createProjections });
    const outcome = await loadSavedState(store, dir, restored, timeTravel);
    expect(outcome).toMatchObject({ restored: true, position: head });
    same(restored, await rebuiltAt(store, head));
    // Objects of the registered classes have their prototypes back: a method call works.
    const times = [...(restored.get('contacts') as any).groupContactTimes.values()][0];
    expect(times.countBetween(0, Number.MAX_SAFE_INTEGER)).toBe(times.size);
    expect(times.size).toBeGreaterThan(0);
    expect(restored.position).toBe(head);

    // The tail: events after the saved position fold onto the restored set as onto a rebuild.
    await appendMore(store, 30, 'tail');
    const tail = await store.readAll({ after: head });
    for (const e of tail) {
      restored.apply(e);
      timeTravel.observe(e, restored);
    }
    const now = await store.headPosition();
    same(restored, await rebuiltAt(store, now));

    // Time travel after a restore: asOf before the saved position (folded from the log) and after it.
    const live = new TimeTravel(store, { snapshotEvery: 500, empty: createProjections });
    const reference = createProjections();
    const all = await store.readAll({ after: START });
    for (const e of all) {
      reference.apply(e);
      live.observe(e, reference);
    }
    for (const asOf of [String(Math.floor(head / 2)), String(head), String(now - 3), all[head - 1]!.recordedAt, all[now - 1]!.recordedAt]) {
      const point = timeTravel.resolve(asOf, Date.now());
      expect(point).toEqual(live.resolve(asOf, Date.now()));
      const figures = (model: ProjectionSet) => {
        const view = LiaisonView.of(model);
        return ['2019', '2020', '2021'].map((period) => ({ coverage: coverage(view, { period }), territorial: territorialCoverage(view, { period }), graph: networkGraph(view, { period }) }));
      };
      const answer = figures(await timeTravel.modelAt(point.position));
      expect(answer).toEqual(figures(await live.modelAt(point.position)));
      expect(JSON.stringify(answer)).toMatch(/"covered":[1-9]/);
    }

    // A second save starts from the first and folds only the tail.
    const second = await saveState(store, createProjections, dir);
    expect(second).toMatchObject({ saved: true, position: now, restoredFrom: head });
    expect(await saveState(store, createProjections, dir)).toMatchObject({ saved: false, reason: 'no event since the newest saved state' });
  }, 120_000);

  it('refuses a saved state of another log (logged), and leaves the set untouched', async () => {
    const a = sampleCopy('log-a');
    await appendMore(a.store, 5, 'only-in-a');
    expect(await saveState(a.store, createProjections, a.dir)).toMatchObject({ saved: true });
    // Log b: the same sample, then other events, so it is as long as or longer than a at a's position.
    const b = sampleCopy('log-b');
    await appendMore(b.store, 10, 'only-in-b');
    mkdirSync(b.dir, { recursive: true });
    for (const { file } of listSavedStates(a.dir)) copyFileSync(file, join(b.dir, file.split('/').pop()!));
    const { warnings, log } = logged();
    const set = createProjections();
    const outcome = await loadSavedState(b.store, b.dir, set, undefined, log);
    expect(outcome.restored).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toBe('saved state ignored');
    expect(warnings[0]!.details.reason).toMatch(/running hash at position \d+ .*another or altered log/);
    expect(set.position).toBe(0);
    expect(diffProjections(set, createProjections())).toEqual([]);
  }, 60_000);

  it('refuses a saved state when the log was altered after the last seal before its position', async () => {
    const { store, file, dir } = sampleCopy('altered');
    await appendMore(store, 5, 'late');
    expect(await saveState(store, createProjections, dir)).toMatchObject({ saved: true });
    const head = await store.headPosition();
    await store.close();
    opened.pop();
    const db = new Database(file);
    expect(db.prepare(`UPDATE events SET data = replace(data, 'late-', 'LATE-') WHERE position = ?`).run(head).changes).toBe(1);
    db.close();
    const reopened = new SqliteEventStore({ file });
    opened.push(reopened);
    const { warnings, log } = logged();
    expect((await loadSavedState(reopened, dir, createProjections(), undefined, log)).restored).toBe(false);
    expect(warnings[0]!.details.reason).toMatch(/another or altered log/);
  }, 60_000);

  it('refuses a saved state made by other projection code: a bumped stateVersion forces a rebuild', async () => {
    const { store, dir } = sampleCopy('version');
    expect(await saveState(store, createProjections, dir)).toMatchObject({ saved: true });
    const bumped = () => {
      const set = createProjections();
      Object.defineProperty(set.get('proposals'), 'stateVersion', { value: 2 });
      return set;
    };
    const { warnings, log } = logged();
    const set = bumped();
    expect((await loadSavedState(store, dir, set, undefined, log)).restored).toBe(false);
    expect(warnings[0]!.details.reason).toMatch(/other projection code .*stale/);
    expect(set.position).toBe(0);
    // And the save under the new version folds the whole log again (restores nothing).
    expect(await saveState(store, bumped, dir, { log })).toMatchObject({ saved: true, restoredFrom: null });
  }, 60_000);

  it('ignores a corrupt saved state (logged) and falls back to the older valid one', async () => {
    const { store, dir } = sampleCopy('corrupt');
    const first = await saveState(store, createProjections, dir);
    await appendMore(store, 5, 'later');
    const second = await saveState(store, createProjections, dir);
    expect(first.saved && second.saved).toBe(true);
    const [newest, older] = listSavedStates(dir);
    expect([newest!.position, older!.position]).toEqual([second.position, first.position]);
    const original = readFileSync(newest!.file);

    const cases: Array<[string, Buffer, RegExp]> = [
      ['a flipped byte in the state', Buffer.from(original.map((b, i) => (i === original.length - 100 ? b ^ 0xff : b))), /checksum does not match: corrupt/],
      ['a truncated file', original.subarray(0, original.length - 10), /bytes, not the \d+ its header says: corrupt/],
      ['garbage', Buffer.from('not a saved state at all'), /not a saved state/],
    ];
    for (const [, bytes, reason] of cases) {
      writeFileSync(newest!.file, bytes);
      const { warnings, log } = logged();
      const set = createProjections();
      const outcome = await loadSavedState(store, dir, set, undefined, log);
      expect(warnings.map((w) => w.details.reason)).toEqual([expect.stringMatching(reason)]);
      expect(outcome).toMatchObject({ restored: true, position: first.position });
      same(set, await rebuiltAt(store, first.position!));
    }
  }, 60_000);

  it('a saved state taken while writes continue equals a rebuild at its position', async () => {
    const { store, file, dir } = sampleCopy('concurrent');
    // Another connection writes while the save reads (as the API does while its worker saves).
    const writer = new SqliteEventStore({ file, synchronous: 'NORMAL' });
    opened.push(writer);
    let writing = true;
    const writes = (async () => {
      let round = 0;
      while (writing && round < 200) {
        await appendMore(writer, 3, `w${round++}`);
        await new Promise((r) => setImmediate(r));
      }
      return round;
    })();
    const before = await store.headPosition();
    const saved = await saveState(store, createProjections, dir);
    // The writes go on after the save has read its last page.
    const after = await store.headPosition();
    while ((await store.headPosition()) < after + 20) await new Promise((r) => setImmediate(r));
    writing = false;
    await writes;
    expect(saved.position).toBeGreaterThan(before);
    expect(saved.saved).toBe(true);
    expect(await store.headPosition()).toBeGreaterThan(saved.position);
    const restored = createProjections();
    expect(await loadSavedState(store, dir, restored, undefined)).toMatchObject({ restored: true, position: saved.position });
    same(restored, await rebuiltAt(store, saved.position));
  }, 60_000);

  it('refuses to save state holding an object of a class it does not know', () => {
    const set = createProjections();
    class Stray {}
    (set.get('roster') as any).members.set('x', new Stray());
    expect(() => captureState(set)).toThrow(UnsavableStateError);
    expect(() => captureState(set)).toThrow(/roster\.members\/x is an instance of Stray/);
  });
});

describe('runningHashAt: the chain at a position from the last seal before it', () => {
  it('equals the running hash folded from the first event, at positions before, at and after seals', async () => {
    const { store } = sampleCopy('hash');
    await appendMore(store, 20, 'after-seal');
    const events = await store.readAll({ after: START });
    const running = new RunningHash();
    const expected = events.map((e) => running.push(e).hash.toString('hex'));
    const head = events.length;
    for (const position of [1, 2, 999, 1000, 1001, head - 25, head - 1, head]) {
      const at = await runningHashAt(store, position);
      expect(at?.hash).toBe(expected[position - 1]);
    }
    expect((await runningHashAt(store, head))!.folded).toBeLessThan(1000);
    expect(await runningHashAt(store, head + 1)).toBeUndefined();
  }, 60_000);
});
