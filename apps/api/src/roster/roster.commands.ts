/** The roster wing's commands on the bus: members, organizations, localities, persons, plenary sessions, recorded through the write path. */
import { CommandHandler } from '@nestjs/cqrs';
import type { RosterCommand, Principal } from '#domain';
import { RecordsThroughWritePath, SystemCommand, commandOf } from '../common/commands.js';

export class RecordRosterCommand extends SystemCommand<RosterCommand> {
  static of(type: RosterCommand['type'], input: object & { expectedVersion?: number | null }, caller: { auth: Principal }): RecordRosterCommand {
    return new RecordRosterCommand(...commandOf<RosterCommand>(type, input, caller));
  }
}

@CommandHandler(RecordRosterCommand)
export class RecordRosterCommandHandler extends RecordsThroughWritePath<RecordRosterCommand> {}
