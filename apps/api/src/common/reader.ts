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
import { ProjectionSet } from '#projections/shared/projection';
import { ProjectionRunner, ReadModelNotReadyError } from '#projections/shared/runner';
import { TimeTravel, type AsOfPoint } from '#projections/shared/timeTravel/timeTravel';
import { ApiConfig } from '../config.js';
import { API_CONFIG } from './tokens.js';

export interface ReadOptions {
  /** Answer only once the projections have applied this position. */
  atLeastPosition?: number | null;
  /** Answer from the record as it stood then: a recorded-at instant, or a position in digits. */
  asOf?: string | null;
}

@Injectable()
export class Reader {
  constructor(
    private readonly runner: ProjectionRunner<ProjectionSet>,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly timeTravel: TimeTravel,
  ) {}

  /** The live projections, for checks that must see them as they are now (the guard, masking). */
  get live(): ProjectionSet {
    return this.runner.model;
  }

  /** Runs `read` on the named projections, live or as of `asOf` (then `at` says which point that was). */
  async read<T>(reads: readonly string[], read: (projections: ProjectionSet, at?: AsOfPoint) => T, options: ReadOptions = {}): Promise<T> {
    if (!this.runner.hasCaughtUp) throw new ReadModelNotReadyError(this.runner.status.state === 'retrying' ? 'the event store is unreachable' : 'still reading');
    if (options.atLeastPosition) await this.runner.waitFor(options.atLeastPosition, this.config.readYourWritesTimeoutMs);
    for (const name of reads) this.runner.model.get(name); // a name nobody registered is a programming error, asOf or not
    if (options.asOf === undefined || options.asOf === null) return read(this.runner.model);
    const point = this.timeTravel.resolve(options.asOf, Date.now());
    return this.timeTravel.answerAt(point.position, (projections) => read(projections, point), reads);
  }
}
