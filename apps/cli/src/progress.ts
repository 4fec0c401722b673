/**
 * How far a long job is (import, rebuild, replay, verify, export, import-log, migrate, backup,
 * restore), on stderr, never on stdout: stdout keeps the lines scripts and tests parse.
 *
 * LIAISON_PROGRESS chooses the form:
 * - `auto` (default): a bar (cli-progress) when stderr is a terminal, one per step of the job,
 *   redrawn at most 5 times a second, each left on screen when its step ends; nothing when stderr
 *   is not a terminal (a pipe, a log file, CI, a test);
 * - `lines`: no bar; a line every 5 seconds while a step runs, and a final line for the job
 *   (`rebuild: done in 0.21 s: replaying the log 3,676/3,676 events, 17,504/s`), for logs;
 * - `off`: nothing, on a terminal too.
 *
 * A job is a few steps, each counting one thing (events, streams, pages, lines) up to a total
 * when it is known. Updates are cheap and drawn synchronously when due: a job that awaits only
 * SQLite's already-resolved promises never yields to timers, so a timer-driven redraw would stall.
 */
import cliProgress from 'cli-progress';
import { performance } from 'node:perf_hooks';
import type { EventStore, RecordedEvent, StreamAppend } from '#event-store/eventStore';

export type ProgressMode = 'auto' | 'lines' | 'off';
export const PROGRESS_MODES: readonly ProgressMode[] = ['auto', 'lines', 'off'];

export interface Progress {
  /** Starts a step (ending the one before): what it does, what it counts, and how many when known. */
  step(label: string, unit: string, total?: number): void;
  /** How many are done in the current step (and how many there are, when that becomes known or changes). */
  set(done: number, total?: number): void;
  add(count: number): void;
  /** The job is done: the last bar stays on screen; in `lines` form, the final line. */
  end(): void;
  /** The job failed: the bar is closed (so the error starts on a line of its own) and no final line is written. */
  abandon(): void;
}

export const NO_PROGRESS: Progress = { step() {}, set() {}, add() {}, end() {}, abandon() {} };

/** Where progress goes: stderr as a stream (for the bar), and a line writer (for `lines`). */
export interface ProgressTarget {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  line(text: string): void;
}

const LINE_EVERY_MS = 5_000;
const BAR_FPS = 5;

/** The progress of one job (`job` names it in every line: the command), or none. */
export function startProgress(job: string, target: ProgressTarget | undefined, setting: string | undefined): Progress {
  const mode = progressMode(setting);
  if (target === undefined || mode === 'off') return NO_PROGRESS;
  if (mode === 'lines') return new JobProgress(job, new LineOutput(target.line));
  return target.stream.isTTY ? new JobProgress(job, new BarOutput(target.stream)) : NO_PROGRESS;
}

/** LIAISON_PROGRESS, checked; unset or empty is `auto`. */
export function progressMode(setting: string | undefined): ProgressMode {
  if (setting === undefined || setting === '') return 'auto';
  if ((PROGRESS_MODES as readonly string[]).includes(setting)) return setting as ProgressMode;
  throw new ProgressSettingError(`LIAISON_PROGRESS must be one of ${PROGRESS_MODES.join(', ')}, not ${setting}`);
}

export class ProgressSettingError extends Error {}

interface Step {
  label: string;
  unit: string;
  total: number | undefined;
  done: number;
  startedAt: number;
  endedAt?: number;
}

interface Output {
  begin(step: Step, describe: () => string): void;
  update(step: Step): void;
  finish(step: Step): void;
  /** After the last step: the job's summary (`lines`), or nothing (the bars are on screen). */
  close(summary: string | undefined): void;
}

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

function rate(step: Step, now: number): number | undefined {
  const elapsed = (step.endedAt ?? now) - step.startedAt;
  return elapsed > 0 && step.done > 0 ? (step.done * 1000) / elapsed : undefined;
}

/**
 * While running: `450,000/1,000,000 events (45%), 50,000/s, 9.00 s, about 11 s left`; once done,
 * `1,000,000/1,000,000 events, 48,000/s` (the parts that are known).
 */
function describeStep(step: Step, now: number): string {
  const running = step.endedAt === undefined;
  const known = step.total !== undefined && step.total > 0;
  let counted = step.total === undefined ? `${n(step.done)} ${step.unit}` : `${n(step.done)}/${n(step.total)} ${step.unit}`;
  if (running && known) counted += ` (${Math.floor((Math.min(step.done, step.total!) * 100) / step.total!)}%)`;
  const parts = [counted];
  const perSecond = rate(step, now);
  if (perSecond !== undefined) parts.push(`${n(perSecond)}/s`);
  if (running) parts.push(seconds(now - step.startedAt));
  if (running && known && perSecond !== undefined && step.total! > step.done) parts.push(`about ${seconds(((step.total! - step.done) * 1000) / perSecond)} left`);
  return parts.join(', ');
}

class JobProgress implements Progress {
  private readonly steps: Step[] = [];
  private readonly startedAt = performance.now();
  private current: Step | undefined;
  private over = false;

  constructor(
    private readonly job: string,
    private readonly output: Output,
  ) {}

  step(label: string, unit: string, total?: number): void {
    if (this.over) return;
    this.finishCurrent();
    const step: Step = { label, unit, total, done: 0, startedAt: performance.now() };
    this.steps.push(step);
    this.current = step;
    this.output.begin(step, () => `${this.job}: ${step.label}`);
  }

  set(done: number, total?: number): void {
    const step = this.current;
    if (step === undefined || this.over) return;
    if (total !== undefined) step.total = total;
    // A page may reach past the total (a replay reads whole pages): count no further than it.
    step.done = step.total === undefined ? done : Math.min(done, step.total);
    this.output.update(step);
  }

  add(count: number): void {
    if (this.current) this.set(this.current.done + count);
  }

  end(): void {
    if (this.over) return;
    this.finishCurrent();
    this.over = true;
    const now = performance.now();
    const steps = this.steps.map((s) => `${s.label} ${describeStep(s, now)}`);
    this.output.close(`${this.job}: done in ${seconds(now - this.startedAt)}${steps.length > 0 ? `: ${steps.join('; ')}` : ''}`);
  }

  abandon(): void {
    if (this.over) return;
    this.finishCurrent();
    this.over = true;
    this.output.close(undefined);
  }

  private finishCurrent(): void {
    const step = this.current;
    if (step === undefined) return;
    step.endedAt = performance.now();
    this.output.finish(step);
    this.current = undefined;
  }
}

/** `lines`: one line every LINE_EVERY_MS while a step runs, and the job's final line. */
class LineOutput implements Output {
  private lastLineAt = 0;
  private prefix: () => string = () => '';

  constructor(private readonly write: (text: string) => void) {}

  begin(_step: Step, describe: () => string): void {
    this.prefix = describe;
    this.lastLineAt = performance.now();
  }

  update(step: Step): void {
    const now = performance.now();
    if (now - this.lastLineAt < LINE_EVERY_MS) return;
    this.lastLineAt = now;
    this.write(`${this.prefix()}: ${describeStep(step, now)}`);
  }

  finish(): void {}

  close(summary: string | undefined): void {
    if (summary !== undefined) this.write(summary);
  }
}

/** A terminal: a cli-progress bar per step. */
class BarOutput implements Output {
  private bar: cliProgress.SingleBar | undefined;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  begin(step: Step, describe: () => string): void {
    const bar = new cliProgress.SingleBar({
      stream: this.stream,
      fps: BAR_FPS,
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      // The bar's own timer redraws only while the event loop is free; updates redraw it when due.
      synchronousUpdate: true,
      format: (options, params) => {
        const gauge = step.total !== undefined && step.total > 0 ? `${cliProgress.Format.BarFormat(params.progress, options)} ` : '';
        return `${describe()} ${gauge}${describeStep(step, performance.now())}`;
      },
    });
    // cli-progress counts to its total; with none known, the count alone is shown (see format).
    bar.start(step.total ?? 0, 0);
    this.bar = bar;
  }

  update(step: Step): void {
    if (step.total !== undefined && this.bar?.getTotal() !== step.total) this.bar?.setTotal(step.total);
    this.bar?.update(step.done);
  }

  finish(step: Step): void {
    // The last drawing shows the step as it ended (stop draws once more, then moves to a new line).
    this.bar?.update(step.done);
    this.bar?.stop();
    this.bar = undefined;
  }

  close(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}

/** What to count on a store: each hook sees what the call returned, or is about to write. */
export interface StoreHooks {
  readAll?(page: readonly RecordedEvent[]): void;
  readStream?(events: readonly RecordedEvent[]): void;
  appendMany?(batch: readonly StreamAppend[]): void;
  /** After the batch was written. */
  appended?(batch: readonly StreamAppend[]): void;
}

/**
 * The same store, with the hooks called around its reads and batch appends: the projections'
 * catch-up, verify, export, replay and an import all work through the port, so counting there
 * needs no change in them. Everything else is the store's own method, bound to it.
 */
export function observed<S extends EventStore>(store: S, hooks: StoreHooks): S {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'readAll' && hooks.readAll) {
        return async (...args: Parameters<EventStore['readAll']>) => {
          const page = await target.readAll(...args);
          hooks.readAll!(page);
          return page;
        };
      }
      if (property === 'readStream' && hooks.readStream) {
        return async (...args: Parameters<EventStore['readStream']>) => {
          const events = await target.readStream(...args);
          hooks.readStream!(events);
          return events;
        };
      }
      if (property === 'appendMany' && (hooks.appendMany || hooks.appended)) {
        return async (batch: StreamAppend[]) => {
          hooks.appendMany?.(batch);
          const results = await target.appendMany(batch);
          hooks.appended?.(batch);
          return results;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A store whose `readAll` pages advance the current step: events read. */
export function countingReads<S extends EventStore>(store: S, progress: Progress): S {
  return progress === NO_PROGRESS ? store : observed(store, { readAll: (page) => progress.add(page.length) });
}
