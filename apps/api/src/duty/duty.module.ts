/** The duty-records wing of the API (履职档案): records, their export, meetings and the rule table, with the permission fragment. */
import { Module } from '@nestjs/common';
import type { ApiSystem } from '../systems.js';
import { RecordDutyCommandHandler } from './duty.commands.js';
import { DUTY_PERMISSIONS } from './duty.permissions.js';
import { DutyResolver } from './duty.resolver.js';

@Module({ providers: [DutyResolver, RecordDutyCommandHandler] })
export class DutyModule {}

export const dutyApi: ApiSystem = { name: 'duty', module: DutyModule, permissions: DUTY_PERMISSIONS };
