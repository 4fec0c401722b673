import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from '#audit/verify';
import { SqliteEventStore } from '#event-store/sqlite';
import { AuditJobs } from './auditJobs.js';

/** The compiled worker (`npm test` builds before it runs the tests). */
const COMPILED = new URL('../../../../dist/apps/api/src/audit/verify.worker.js', import.meta.url);

describe('AuditJobs: verify in one kept worker thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-jobs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers every verify from the same worker, as verify answers in this thread, and starts another after close', async () => {
    expect(existsSync(COMPILED)).toBe(true);
    const file = join(dir, 'log.db');
    const store = new SqliteEventStore({ file });
    for (let i = 0; i < 30; i++) await store.appendToStream(`s-${i % 7}`, [{ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type: 'T', data: { i } }], { expectedVersion: 'ANY' });
    const jobs = new AuditJobs(COMPILED);
    expect(AuditJobs.verifyPlace(store, COMPILED)).toBe('worker');
    const before = jobs.workersStarted;

    const first = await jobs.verify(store, {});
    await store.appendToStream('s-last', [{ id: '00000000-0000-4000-8000-999999999999', type: 'T', data: {} }], { expectedVersion: 'NO_STREAM' });
    const second = await jobs.verify(store, {});

    expect(jobs.workersStarted - before).toBe(1);
    expect(second).toEqual(await verify(store, {}));
    expect(second.events).toBe(first.events + 1);
    await jobs.close();
    expect((await jobs.verify(store, {})).events).toBe(second.events);
    expect(jobs.workersStarted - before).toBe(2);
    await jobs.close();
    await store.close();
  });
});
