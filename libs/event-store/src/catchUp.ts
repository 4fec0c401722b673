import { START, type RecordedEvent, type SubscribeOptions, type Subscription } from './eventStore.js';

/** Reads up to `maxCount` events with a position strictly greater than `after`, in position order. */
export type ReadPage = (after: number, maxCount: number) => RecordedEvent[];

/** Small enough that a delivered page dies in V8's young generation (see READ_PAGE_SIZE in sqlite.ts). */
const PAGE_SIZE = 1000;

/**
 * The catch-up loop every local adapter shares: read a page after the last delivered position,
 * deliver it one awaited event at a time, and at the head wait for a wake-up (an append through
 * the same store) or, when `pollIntervalMs` is set, for the poll timer (appends by another process).
 * Because it only ever reads "after the last delivered position" from a log whose positions become
 * visible in order, history and live events form one gap-free, duplicate-free sequence.
 *
 * A failing handler stops the subscription and goes to `onError`; without `onError` the error is
 * thrown as an uncaught exception, so a stopped subscription is never silent. An open subscription
 * keeps the process alive (its poll timer is not unref'd), as an open socket would.
 */
export class CatchUpSubscription implements Subscription {
  private closed = false;
  private wakePending = false;
  private wakeWaiter: (() => void) | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private inHandlerCall = false;
  private readonly finished: Promise<void>;

  constructor(
    private readonly readPage: ReadPage,
    private readonly options: SubscribeOptions,
    private readonly pollIntervalMs: number | undefined,
    private readonly onFinished: (subscription: CatchUpSubscription) => void,
  ) {
    // Started on a microtask so that `subscribeToAll` returns before the first delivery.
    this.finished = Promise.resolve()
      .then(() => this.run())
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.clearWait();
        this.onFinished(this);
      });
  }

  /** Called by the store after each commit; a wake-up that arrives while delivering is kept, not lost. */
  wake(): void {
    const waiter = this.wakeWaiter;
    if (waiter === undefined) {
      this.wakePending = true;
      return;
    }
    this.clearWait();
    waiter();
  }

  /**
   * Stops delivery and resolves once no handler is running. Called synchronously from inside
   * `onEvent` it resolves at once (the running handler is the caller); awaiting it from inside
   * `onEvent` after the handler's own first `await` would wait for that very handler, so a handler
   * that wants to stop should call `close()` without awaiting it.
   */
  close(): Promise<void> {
    this.closed = true;
    this.wake();
    return this.inHandlerCall ? Promise.resolve() : this.finished;
  }

  private async run(): Promise<void> {
    const { onEvent, onCaughtUp } = this.options;
    let after = this.options.after ?? START;
    let reportedCaughtUpAt: number | undefined;
    while (!this.closed) {
      // Everything committed before this read is in it, so earlier wake-ups are answered.
      this.wakePending = false;
      const page = this.readPage(after, PAGE_SIZE);
      if (this.closed) return;
      if (page.length === 0) {
        if (reportedCaughtUpAt !== after) {
          reportedCaughtUpAt = after;
          onCaughtUp?.(after);
        }
        await this.waitForChange();
        continue;
      }
      for (const event of page) {
        if (this.closed) return;
        this.inHandlerCall = true;
        let pending: void | Promise<void>;
        try {
          pending = onEvent(event);
        } finally {
          this.inHandlerCall = false;
        }
        if (pending !== undefined) await pending;
        after = event.position;
      }
      // A long catch-up with synchronous handlers would otherwise hold the event loop until it ends.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private waitForChange(): Promise<void> {
    if (this.wakePending || this.closed) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.wakeWaiter = resolve;
      if (this.pollIntervalMs !== undefined) this.pollTimer = setTimeout(() => this.wake(), this.pollIntervalMs);
    });
  }

  private clearWait(): void {
    this.wakeWaiter = undefined;
    if (this.pollTimer !== undefined) {
      clearTimeout(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  private fail(error: unknown): void {
    this.closed = true;
    // By shape rather than `instanceof Error`, which fails for errors made in another realm.
    const failure = typeof error === 'object' && error !== null && 'message' in error ? (error as Error) : new Error(String(error));
    if (this.options.onError) {
      this.options.onError(failure);
    } else {
      queueMicrotask(() => {
        throw failure;
      });
    }
  }
}
