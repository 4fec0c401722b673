/**
 * Saved states taken in the background, every `everySeconds` (LIAISON_SAVE_STATE_EVERY_SECONDS):
 * each save is a worker thread (saveWorker.ts) that restores the newest valid saved state, folds
 * the log after it up to the head and writes a new one. The serving thread only starts the worker
 * and reads its message: it is never blocked for more than the worker's start. A save is skipped
 * while one is running, or when no event was recorded since the last one.
 *
 * The worker runs the compiled code (dist/…/saveWorker.js): a process running the TypeScript
 * sources (jest) cannot start it, and `saveNow` says so.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SaveOutcome, SavedStateLog } from './savedState.js';

export interface StateSaverOptions {
  /** The SQLite data file. */
  file: string;
  /** The saved-state folder. */
  dir: string;
  everySeconds: number;
  keep?: number;
  log: SavedStateLog & { error?(details: object, message: string): void };
  /** The serving model's position: a save is skipped when it has not moved since the last one. */
  position: () => number;
}

const WORKER = new URL('./saveWorker.js', import.meta.url);

export class StateSaver {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SaveOutcome> | undefined;
  private worker: Worker | undefined;
  private lastPosition = -1;
  private stopped = false;

  constructor(private readonly options: StateSaverOptions) {}

  /** Whether this process can start the worker (it runs the compiled build). */
  static available(): boolean {
    return WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER));
  }

  start(): void {
    if (this.options.everySeconds <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.everySeconds * 1000);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running || this.options.position() === this.lastPosition) return;
    try {
      await this.saveNow();
    } catch {
      // saveNow logged it.
    }
  }

  /** One save now (or the one running); resolves with its outcome. */
  saveNow(): Promise<SaveOutcome> {
    if (this.running) return this.running;
    if (this.stopped) return Promise.reject(new Error('the saver is stopped'));
    const position = this.options.position();
    const run = new Promise<SaveOutcome>((resolve, reject) => {
      if (!StateSaver.available()) throw new Error(`saved states are made by ${fileURLToPath(WORKER)}, which is not there (run the compiled build)`);
      const worker = new Worker(WORKER, { workerData: { file: this.options.file, dir: this.options.dir, keep: this.options.keep ?? 2 } });
      this.worker = worker;
      let answered = false;
      worker.on('message', (message: { ok: boolean; outcome?: SaveOutcome; error?: string; warnings: Array<{ details: object; message: string }> }) => {
        answered = true;
        for (const w of message.warnings) this.options.log.warn(w.details, w.message);
        if (message.ok) resolve(message.outcome!);
        else reject(new Error(message.error));
      });
      worker.on('error', (error) => {
        answered = true;
        reject(error);
      });
      worker.on('exit', (code) => {
        if (!answered) reject(new Error(`the save worker exited with code ${code} before it answered`));
      });
    });
    this.running = run.then(
      (outcome) => {
        this.lastPosition = position;
        if (outcome.saved) this.options.log.info({ file: outcome.file, position: outcome.position, bytes: outcome.bytes, ms: outcome.ms, restoredFrom: outcome.restoredFrom }, 'saved the projections\' state');
        return outcome;
      },
      (error: Error) => {
        (this.options.log.error ?? this.options.log.warn).call(this.options.log, { err: error }, 'saving the projections\' state failed; the next interval tries again');
        throw error;
      },
    ).finally(() => {
      this.running = undefined;
      this.worker = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    // An interrupted save leaves only a temporary file, which the next save removes.
    await this.worker?.terminate();
    await this.running?.catch(() => undefined);
  }
}
