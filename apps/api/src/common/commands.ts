/**
 * Commands on the CommandBus: each system has one message class for its command family, sent by
 * its resolvers and handled in its own module (see e.g. liaison/liaison.commands.ts), and every
 * handler records through the one write path (libs/platform/src/writePath.ts).
 */
import { Injectable } from '@nestjs/common';
import { Command, ICommandHandler } from '@nestjs/cqrs';
import type { AnyCommand, Principal } from '#domain';
import { WritePath, tokenHolder, type Origin, type WriteOutcome } from '#platform/writePath';

export type { WriteOutcome };

/** One system's command, with who sent it and the version they last read. */
export abstract class SystemCommand<C extends AnyCommand> extends Command<WriteOutcome> {
  constructor(
    readonly command: C,
    readonly origin: Origin,
  ) {
    super();
  }
}

/** A mutation's input as a command of `type`: the input's fields are the command's, less `expectedVersion`. */
export function commandOf<C extends AnyCommand>(type: C['type'], input: object & { expectedVersion?: number | null }, caller: { auth: Principal; commandId?: string }): [C, Origin] {
  const { expectedVersion, ...fields } = input;
  // -1 is the version a mutation reports for a stream it found absent; sent back, it means "still absent".
  const expected = expectedVersion === -1 ? 'NO_STREAM' : (expectedVersion ?? undefined);
  return [{ type, ...fields } as unknown as C, { writer: tokenHolder(caller.auth), expectedVersion: expected, ...(caller.commandId === undefined ? {} : { commandId: caller.commandId }) }];
}

/**
 * What every system's handler does with its command: record it through the write path.
 * Injectable so its constructor's parameter types are recorded; a system's handler subclass
 * inherits them.
 */
@Injectable()
export abstract class RecordsThroughWritePath<M extends SystemCommand<AnyCommand>> implements ICommandHandler<SystemCommand<AnyCommand>> {
  constructor(private readonly writePath: WritePath) {}

  execute(message: M): Promise<WriteOutcome> {
    return this.writePath.record(message.command, message.origin);
  }
}
