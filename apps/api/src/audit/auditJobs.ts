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
  private worker: VerifyWorker | undefined;

  /** `workerUrl`: the compiled worker (a test of the compiled worker from these sources names dist's). */
  constructor(private readonly workerUrl: URL = WORKER) {}

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
  static verifyPlace(store: EventStore, workerUrl: URL = WORKER): 'worker' | 'inline' {
    return store instanceof SqliteEventStore && workerUrl.protocol === 'file:' && existsSync(fileURLToPath(workerUrl)) ? 'worker' : 'inline';
  }

  verify(store: EventStore, options: VerifyOptions): Promise<VerifyReport> {
    return this.run(`verify:${options.expect ?? ''}`, () => {
      if (AuditJobs.verifyPlace(store, this.workerUrl) === 'inline') return verify(store, options);
      const file = (store as SqliteEventStore).file;
      if (!this.worker?.serves(file)) this.worker = new VerifyWorker(this.workerUrl, file);
      return this.worker.verify(options);
    });
  }

  /** Worker threads started so far (one per process unless one stopped): for tests and metrics. */
  get workersStarted(): number {
    return VerifyWorker.started;
  }

  /** Stops the worker; a later verify starts another. */
  async close(): Promise<void> {
    await this.worker?.stop();
    this.worker = undefined;
  }
}

/**
 * The verify worker thread, kept between jobs. It does not keep the process alive (unref); if it
 * stops (an error, a crash), the job it held fails with the reason and the next job starts another.
 */
class VerifyWorker {
  static started = 0;
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (report: VerifyReport) => void; reject: (error: Error) => void }>();
  private next = 0;
  private stopped: Error | undefined;

  constructor(url: URL, private readonly file: string) {
    VerifyWorker.started++;
    this.worker = new Worker(url, { workerData: { file } });
    this.worker.unref();
    this.worker.on('message', ({ id, report, error }: { id: number; report?: VerifyReport; error?: string }) => {
      const job = this.waiting.get(id);
      this.waiting.delete(id);
      if (report) job?.resolve(report);
      else job?.reject(new Error(`verify failed: ${error}`));
    });
    const fail = (error: Error) => {
      this.stopped = error;
      for (const job of this.waiting.values()) job.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the verify worker stopped with code ${code}`)));
  }

  serves(file: string): boolean {
    return this.file === file && this.stopped === undefined;
  }

  verify(options: VerifyOptions): Promise<VerifyReport> {
    return new Promise((resolve, reject) => {
      const id = ++this.next;
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, options });
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
