/** The proposals wing's commands on the bus, recorded through the write path. */
import { CommandHandler } from '@nestjs/cqrs';
import type { Principal, ProposalsCommand } from '#domain';
import { RecordsThroughWritePath, SystemCommand, commandOf } from '../common/commands.js';

export class RecordProposalsCommand extends SystemCommand<ProposalsCommand> {
  static of(type: ProposalsCommand['type'], input: object & { expectedVersion?: number | null }, caller: { auth: Principal }): RecordProposalsCommand {
    return new RecordProposalsCommand(...commandOf<ProposalsCommand>(type, input, caller));
  }
}

@CommandHandler(RecordProposalsCommand)
export class RecordProposalsCommandHandler extends RecordsThroughWritePath<RecordProposalsCommand> {}
