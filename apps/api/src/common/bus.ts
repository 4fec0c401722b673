/**
 * The two messages that cross the CQRS buses. Every mutation sends `Execute` with a domain
 * command; every query sends `Read` with a pure function of the read model. The handlers own the
 * two things all slices need: one write path, and read-your-writes (`atLeastPosition`).
 */
import { Command, Query } from '@nestjs/cqrs';
import { DomainCommand } from '#domain';
import { NetworkReadModel } from '#projections/liaison/network/network.projection';
import type { AsOfPoint } from '#projections/shared/timeTravel/timeTravel';
import type { Principal } from '#domain/access/principal';

export interface WriteOutcome {
  streamId: string;
  /** Global position of the last event of the stream after this command. */
  position: number;
  /** Revision of the stream's last event (-1 when the command wrote nothing to a new stream). */
  version: number;
  written: number;
}

export class Execute extends Command<WriteOutcome> {
  constructor(
    readonly command: DomainCommand,
    readonly actor: string,
    /** Optimistic concurrency: the stream version the client last read. */
    readonly expectedVersion?: number | 'NO_STREAM',
    /** Who sends it; ExecuteHandler refuses a command without one, or outside its role and scope. */
    readonly principal?: Principal,
  ) {
    super();
  }
}

export class Read<T> extends Query<T> {
  constructor(
    /** Runs on the live model, or on the model as of `asOf` (then `at` says which point that was). */
    readonly read: (model: NetworkReadModel, at?: AsOfPoint) => T,
    /** Answer only once the read model has applied this position. */
    readonly atLeastPosition?: number | null,
    /** Answer from the record as it stood then: a recorded-at instant, or a position in digits (TimeTravel.resolve). */
    readonly asOf?: string | null,
  ) {
    super();
  }
}

/** A mutation's input as an Execute message: the input's fields are the command's, less `expectedVersion`. */
export function execute(type: DomainCommand['type'], input: object & { expectedVersion?: number | null }, caller: { actor: string; auth: Principal }): Execute {
  const { expectedVersion, ...fields } = input;
  // -1 is the version a mutation reports for a stream it found absent; sent back, it means "still absent".
  const expected = expectedVersion === -1 ? 'NO_STREAM' : (expectedVersion ?? undefined);
  return new Execute({ type, ...fields } as DomainCommand, caller.actor, expected, caller.auth);
}
