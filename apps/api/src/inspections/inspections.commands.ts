/** The inspections wing's commands on the bus, recorded through the write path. */
import { CommandHandler } from '@nestjs/cqrs';
import type { InspectionsCommand, Principal } from '#domain';
import { RecordsThroughWritePath, SystemCommand, commandOf } from '../common/commands.js';

export class RecordInspectionsCommand extends SystemCommand<InspectionsCommand> {
  static of(type: InspectionsCommand['type'], input: object & { expectedVersion?: number | null }, caller: { auth: Principal }): RecordInspectionsCommand {
    return new RecordInspectionsCommand(...commandOf<InspectionsCommand>(type, input, caller));
  }
}

@CommandHandler(RecordInspectionsCommand)
export class RecordInspectionsCommandHandler extends RecordsThroughWritePath<RecordInspectionsCommand> {}
