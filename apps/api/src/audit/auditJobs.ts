/**
 * The auditors' heavy work (verify, replay) runs one job at a time per instance (issue 15, finding
 * 3): aliases or concurrent requests asking for the same job share its one run and its answer; a
 * different job while one runs is refused with BUSY, so no token can stack full passes over the log.
 * `verify` on a SQLite file runs in a worker thread (verify.worker.ts); elsewhere (the in-memory
 * store, EventStoreDB, or these sources run by jest without a compiled worker) it runs here,
 * yielding to other requests between pages.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { verify, type VerifyOptions, type VerifyReport } from '#audit/verify';
import { DomainError } from '#domain';
import type { EventStore } from '#event-store/eventStore';
import { SqliteEventStore } from '#event-store/sqlite';

const WORKER = new URL('./verify.worker.js', import.meta.url);

export class AuditJobs {
  private running: { key: string; result: Promise<unknown> } | undefined;

  /** Runs `work` as the instance's one heavy job, or joins the same job already running. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (this.running) {
      if (this.running.key === key) return this.running.result as Promise<T>;
      throw new DomainError('BUSY', `an audit job (${this.running.key.split(':')[0]}) is running on this server; ask again when it has answered`);
    }
    const result = work().finally(() => (this.running = undefined));
    this.running = { key, result };
    return result;
  }

  /** Where verify runs: 'worker' for a SQLite file when the compiled worker is there, else 'inline'. */
  static verifyPlace(store: EventStore): 'worker' | 'inline' {
    return store instanceof SqliteEventStore && WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER)) ? 'worker' : 'inline';
  }

  verify(store: EventStore, options: VerifyOptions): Promise<VerifyReport> {
    return this.run(`verify:${options.expect ?? ''}`, () => (AuditJobs.verifyPlace(store) === 'worker' ? inWorker((store as SqliteEventStore).file, options) : verify(store, options)));
  }
}

function inWorker(file: string, options: VerifyOptions): Promise<VerifyReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { file, options } });
    worker.once('message', (message: { report?: VerifyReport; error?: string }) => (message.report ? resolve(message.report) : reject(new Error(`verify failed: ${message.error}`))));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`the verify worker stopped with code ${code}`)));
  });
}
