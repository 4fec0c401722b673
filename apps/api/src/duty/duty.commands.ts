/** The duty wing's commands on the bus, recorded through the write path. */
import { CommandHandler } from '@nestjs/cqrs';
import type { DutyCommand, Principal } from '#domain';
import { RecordsThroughWritePath, SystemCommand, commandOf } from '../common/commands.js';

export class RecordDutyCommand extends SystemCommand<DutyCommand> {
  static of(type: DutyCommand['type'], input: object & { expectedVersion?: number | null }, caller: { auth: Principal }): RecordDutyCommand {
    return new RecordDutyCommand(...commandOf<DutyCommand>(type, input, caller));
  }
}

@CommandHandler(RecordDutyCommand)
export class RecordDutyCommandHandler extends RecordsThroughWritePath<RecordDutyCommand> {}
