/** The access wing's commands on the bus: issuing and revoking tokens, recorded through the write path. */
import { CommandHandler } from '@nestjs/cqrs';
import type { AccessTokenCommand, Principal } from '#domain';
import { RecordsThroughWritePath, SystemCommand, commandOf } from '../common/commands.js';

export class RecordAccessCommand extends SystemCommand<AccessTokenCommand> {
  static of(type: AccessTokenCommand['type'], input: object & { expectedVersion?: number | null }, caller: { auth: Principal }): RecordAccessCommand {
    return new RecordAccessCommand(...commandOf<AccessTokenCommand>(type, input, caller));
  }
}

@CommandHandler(RecordAccessCommand)
export class RecordAccessCommandHandler extends RecordsThroughWritePath<RecordAccessCommand> {}
