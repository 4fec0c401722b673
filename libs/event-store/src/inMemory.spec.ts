import { describe, expect, it } from '@jest/globals';
import { describeEventStoreContract } from './contract.js';
import { InMemoryEventStore } from './inMemory.js';

describeEventStoreContract('InMemoryEventStore', () => new InMemoryEventStore());

describe('InMemoryEventStore on its own', () => {
  it('stamps recordedAt from the injected clock, one reading per commit', async () => {
    let readings = 0;
    const store = new InMemoryEventStore({ clock: () => new Date(Date.UTC(2026, 0, 1, 0, 0, readings++)) });

    await store.appendMany([
      { streamId: 'a', events: [{ id: 'e1', type: 'T', data: {} }], expectedVersion: 'NO_STREAM' },
      { streamId: 'b', events: [{ id: 'e2', type: 'T', data: {} }], expectedVersion: 'NO_STREAM' },
    ]);
    await store.appendToStream('a', [{ id: 'e3', type: 'T', data: {} }], { expectedVersion: 0 });

    expect((await store.readAll()).map((e) => e.recordedAt)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:01.000Z',
    ]);
    await store.close();
  });
});
