/** The liaison wing's commands on the bus: links and contacts, recorded through the write path. */
import { CommandHandler } from '@nestjs/cqrs';
import type { LiaisonCommand, Principal } from '#domain';
import { RecordsThroughWritePath, SystemCommand, commandOf } from '../common/commands.js';

export class RecordLiaisonCommand extends SystemCommand<LiaisonCommand> {
  static of(type: LiaisonCommand['type'], input: object & { expectedVersion?: number | null }, caller: { auth: Principal }): RecordLiaisonCommand {
    return new RecordLiaisonCommand(...commandOf<LiaisonCommand>(type, input, caller));
  }
}

@CommandHandler(RecordLiaisonCommand)
export class RecordLiaisonCommandHandler extends RecordsThroughWritePath<RecordLiaisonCommand> {}
