/** The public-opinion reports wing's commands on the bus, recorded through the write path. */
import { CommandHandler } from '@nestjs/cqrs';
import type { OpinionsCommand, Principal } from '#domain';
import { RecordsThroughWritePath, SystemCommand, commandOf } from '../common/commands.js';

export class RecordOpinionsCommand extends SystemCommand<OpinionsCommand> {
  static of(type: OpinionsCommand['type'], input: object & { expectedVersion?: number | null }, caller: { auth: Principal }): RecordOpinionsCommand {
    return new RecordOpinionsCommand(...commandOf<OpinionsCommand>(type, input, caller));
  }
}

@CommandHandler(RecordOpinionsCommand)
export class RecordOpinionsCommandHandler extends RecordsThroughWritePath<RecordOpinionsCommand> {}
