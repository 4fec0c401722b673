/** The topics wing's commands on the bus, recorded through the write path. */
import { CommandHandler } from '@nestjs/cqrs';
import type { Principal, TopicsCommand } from '#domain';
import { RecordsThroughWritePath, SystemCommand, commandOf } from '../common/commands.js';

export class RecordTopicsCommand extends SystemCommand<TopicsCommand> {
  static of(type: TopicsCommand['type'], input: object & { expectedVersion?: number | null }, caller: { auth: Principal }): RecordTopicsCommand {
    return new RecordTopicsCommand(...commandOf<TopicsCommand>(type, input, caller));
  }
}

@CommandHandler(RecordTopicsCommand)
export class RecordTopicsCommandHandler extends RecordsThroughWritePath<RecordTopicsCommand> {}
