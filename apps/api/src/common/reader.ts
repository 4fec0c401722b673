/**
 * How every query reads the projections: it names the projections it reads, and the reader answers
 * only from projections that have read the log (a set that has not caught up would answer with
 * wrong figures, not with none), once they have applied `atLeastPosition` (read-your-writes), and,
 * with `asOf`, from the projections as they stood then (time travel keeps copies of those that opt
 * in; naming one that does not is refused).
 *
 * A service rather than a QueryBus message: a read is a function of the projections, and a bus
 * message that carries a closure says nothing about itself.
 */
import { Inject, Injectable } from '@nestjs/common';
import { invalid } from '#domain';
import type { EventStore } from '#event-store/eventStore';
import { ProjectionSet } from '#projections/shared/projection';
import { ProjectionRunner, ReadModelNotReadyError } from '#projections/shared/runner';
import { TimeTravel, type AsOfPoint } from '#projections/shared/timeTravel/timeTravel';
import { ApiConfig } from '../config.js';
import { API_CONFIG, EVENT_STORE } from './tokens.js';

export interface ReadOptions {
  /** Answer only once the projections have applied this position. */
  atLeastPosition?: number | null;
  /** Answer from the record as it stood then: a recorded-at instant, or a position in digits. */
  asOf?: string | null;
}

/** How far beyond the head a position may be and still be waited for: none, as the head includes every answered write. */
const POSITION_MARGIN = 0;

@Injectable()
export class Reader {
  constructor(
    private readonly runner: ProjectionRunner<ProjectionSet>,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly timeTravel: TimeTravel,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The live projections, for checks that must see them as they are now (the guard, masking). */
  get live(): ProjectionSet {
    return this.runner.model;
  }

  /** Runs `read` on the named projections, live or as of `asOf` (then `at` says which point that was). */
  async read<T>(reads: readonly string[], read: (projections: ProjectionSet, at?: AsOfPoint) => T, options: ReadOptions = {}): Promise<T> {
    if (!this.runner.hasCaughtUp) throw new ReadModelNotReadyError(this.runner.status.state === 'retrying' ? 'the event store is unreachable' : 'still reading');
    if (options.atLeastPosition) await this.waitForPosition(options.atLeastPosition);
    for (const name of reads) this.runner.model.get(name); // a name nobody registered is a programming error, asOf or not
    if (options.asOf === undefined || options.asOf === null) return read(this.runner.model);
    const point = this.timeTravel.resolve(options.asOf, Date.now());
    return this.timeTravel.answerAt(point.position, (projections) => read(projections, point), reads);
  }

  /**
   * Read-your-writes: waits until the projections have applied `position`. Every position a write
   * answers with is at or below the store's head the moment it is answered (positions are dense and
   * committed in order), so a position beyond the head names no write: it is refused at once, with
   * VALIDATION, rather than holding the request (and a waiter) for the read timeout. The head is
   * read only when the projections have not applied the position yet. The audit queries, which read
   * the log rather than the projections, wait the same way.
   */
  async waitForPosition(position: number): Promise<void> {
    if (!Number.isSafeInteger(position) || position < 0) throw invalid(`atLeastPosition must be a position a write answered with (a whole number from 0), not ${position}`, 'atLeastPosition');
    if (this.runner.position >= position) return;
    const head = await this.store.headPosition();
    if (position > head + POSITION_MARGIN) throw invalid(`atLeastPosition ${position} is beyond the log's head (${head}): no write has that position`, 'atLeastPosition');
    await this.runner.waitFor(position, this.config.readYourWritesTimeoutMs);
  }
}
