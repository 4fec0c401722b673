/** The Party-committee wing's commands on the bus, recorded through the write path. */
import { CommandHandler } from '@nestjs/cqrs';
import type { PartyCommitteeCommand, Principal } from '#domain';
import { RecordsThroughWritePath, SystemCommand, commandOf } from '../common/commands.js';

export class RecordPartyCommitteeCommand extends SystemCommand<PartyCommitteeCommand> {
  static of(type: PartyCommitteeCommand['type'], input: object & { expectedVersion?: number | null }, caller: { auth: Principal }): RecordPartyCommitteeCommand {
    return new RecordPartyCommitteeCommand(...commandOf<PartyCommitteeCommand>(type, input, caller));
  }
}

@CommandHandler(RecordPartyCommitteeCommand)
export class RecordPartyCommitteeCommandHandler extends RecordsThroughWritePath<RecordPartyCommitteeCommand> {}
