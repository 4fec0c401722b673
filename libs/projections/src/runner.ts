/**
 * Feeds a read model from the store's ordered log and keeps its checkpoint (the model's
 * `position`). Start = catch up by reading pages of `readAll`, then a catch-up subscription from
 * the checkpoint, so nothing recorded between the two is missed or applied twice (`apply` ignores
 * positions it has already folded).
 */
import { EventStore, RecordedEvent, Subscription } from '../../event-store/src/eventStore.js';

export interface CheckpointedModel {
  position: number;
  apply(event: RecordedEvent): void;
}

export class PositionTimeoutError extends Error {
  readonly code = 'UNAVAILABLE';
  constructor(readonly wanted: number, readonly reached: number, timeoutMs: number) {
    super(`the read model reached position ${reached}, not ${wanted}, within ${timeoutMs} ms; try again shortly`);
  }
}

export class ProjectionRunner<M extends CheckpointedModel> {
  private subscription: Subscription | undefined;
  private waiters: Array<{ position: number; resolve: () => void }> = [];
  private readonly listeners = new Set<(event: RecordedEvent) => void>();

  constructor(
    private readonly store: EventStore,
    readonly model: M,
    private readonly options: { pageSize?: number; onError?: (error: Error) => void } = {},
  ) {}

  get position(): number {
    return this.model.position;
  }

  /** Reads everything recorded after the checkpoint, page by page. Returns events applied. */
  async catchUp(): Promise<number> {
    const pageSize = this.options.pageSize ?? 10_000;
    let applied = 0;
    for (;;) {
      const page = await this.store.readAll({ after: this.model.position, maxCount: pageSize });
      for (const event of page) this.deliver(event);
      applied += page.length;
      if (page.length < pageSize) return applied;
    }
  }

  /** Catches up, then follows live events until `stop`. */
  async start(): Promise<void> {
    await this.catchUp();
    this.subscription = this.store.subscribeToAll({
      after: this.model.position,
      onEvent: (event) => this.deliver(event),
      onError: (error) => this.options.onError?.(error),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
  }

  /** Called after each newly applied event (e.g. to publish GraphQL subscriptions). */
  onApplied(listener: (event: RecordedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the model has applied `position` (read-your-writes); rejects after `timeoutMs`. */
  waitFor(position: number, timeoutMs = 5_000): Promise<void> {
    if (this.model.position >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new PositionTimeoutError(position, this.model.position, timeoutMs));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private deliver(event: RecordedEvent): void {
    if (event.position <= this.model.position) return;
    this.model.apply(event);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.onError?.(error as Error);
      }
    }
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => w.position <= this.model.position);
      this.waiters = this.waiters.filter((w) => w.position > this.model.position);
      for (const w of ready) w.resolve();
    }
  }
}
