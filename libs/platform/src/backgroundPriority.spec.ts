import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** The scheduling policy of a thread of this process (Linux's /proc: field 41 of stat). */
const policyOf = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[38]);
const SCHED_IDLE = 5;

describe('runInBackground: a worker thread behind the threads that serve requests', () => {
  // Linux only (CI's machines are Debian, with util-linux's chrt): elsewhere the call changes nothing.
  it('puts the worker thread that calls it, and only that thread, in SCHED_IDLE', async () => {
    const url = new URL('./backgroundPriority.ts', import.meta.url).href;
    // The worker imports the TypeScript module itself (jest's transform does not reach a worker;
    // Node 24 strips its types) and answers its thread id and what was set.
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
      const { readlinkSync } = require('node:fs');
      import(${JSON.stringify(url)}).then((m) => parentPort.postMessage({ set: m.runInBackground(), tid: readlinkSync('/proc/thread-self').split('/').pop() }),
        (error) => parentPort.postMessage({ error: String(error) }));`,
      { eval: true },
    );
    const answer = await new Promise<{ set?: string; tid?: string; error?: string }>((resolve) => worker.once('message', resolve));
    try {
      expect(answer.error).toBeUndefined();
      expect(answer.set).toBe('idle');
      expect(policyOf(answer.tid!)).toBe(SCHED_IDLE);
      expect(policyOf(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]!)).not.toBe(SCHED_IDLE);
    } finally {
      await worker.terminate();
    }
  });
});
