import { describe, expect, it } from '@jest/globals';
import type { DomainCommand } from '#domain';
import { InMemoryEventStore } from '#event-store/inMemory';
import { openOnce } from './composition.js';
import { operator, type WriteObserver } from './writePath.js';

const origin = { writer: operator('cli:test') };
const register = (localityId: string, name = `Locality ${localityId}`) => ({ type: 'RegisterLocality', localityId, name, kind: 'TOWN' }) as DomainCommand;

/** A write path over an empty in-memory store, telling `observer`. */
async function observedPath(observer: WriteObserver) {
  const store = new InMemoryEventStore();
  const { writePath } = await openOnce(store);
  return { store, writePath: writePath.observedBy(observer) };
}

describe('WritePath.observedBy: what the write path tells its observer', () => {
  it('reports each append with its command type, its events and a duration, and each refusal with its error; a replayed command that writes nothing is not an append', async () => {
    const seen: Array<{ kind: string; command: string; events?: number; seconds?: number; code?: unknown }> = [];
    const { writePath } = await observedPath({
      appended: (r) => seen.push({ kind: 'appended', ...r }),
      refused: (r) => seen.push({ kind: 'refused', command: r.command, code: (r.error as { code?: unknown }).code }),
    });

    expect(await writePath.record(register('loc-1'), origin)).toMatchObject({ written: 1 });
    // The same command again: idempotent, nothing appended.
    expect(await writePath.record(register('loc-1'), origin)).toMatchObject({ written: 0 });
    await expect(writePath.record(register('loc-1', 'another name'), origin)).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(seen).toEqual([
      { kind: 'appended', command: 'RegisterLocality', events: 1, seconds: expect.any(Number) },
      { kind: 'refused', command: 'RegisterLocality', code: 'CONFLICT' },
    ]);
    expect(seen[0]!.seconds).toBeGreaterThan(0);
  });

  it('gives the same outcomes when the observer throws: an observer cannot fail or change a command', async () => {
    const throwing: WriteObserver = {
      appended: () => {
        throw new Error('observer broke');
      },
      refused: () => {
        throw new Error('observer broke');
      },
    };
    const { store, writePath } = await observedPath(throwing);

    expect(await writePath.record(register('loc-1'), origin)).toMatchObject({ written: 1, position: 1 });
    await expect(writePath.record(register('loc-1', 'another name'), origin)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.headPosition()).toBe(1);
  });
});
