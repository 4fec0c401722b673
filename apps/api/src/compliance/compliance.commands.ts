/** The compliance wing's commands on the bus, recorded through the write path. */
import { CommandHandler } from '@nestjs/cqrs';
import type { ComplianceCommand, Principal } from '#domain';
import { RecordsThroughWritePath, SystemCommand, commandOf } from '../common/commands.js';

export class RecordComplianceCommand extends SystemCommand<ComplianceCommand> {
  static of(type: ComplianceCommand['type'], input: object & { expectedVersion?: number | null }, caller: { auth: Principal }): RecordComplianceCommand {
    return new RecordComplianceCommand(...commandOf<ComplianceCommand>(type, input, caller));
  }
}

@CommandHandler(RecordComplianceCommand)
export class RecordComplianceCommandHandler extends RecordsThroughWritePath<RecordComplianceCommand> {}
