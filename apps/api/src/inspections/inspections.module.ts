/** The inspections wing of the API: inspections, their figures and their commands, with the permission fragment. */
import { Module } from '@nestjs/common';
import type { ApiSystem } from '../systems.js';
import { RecordInspectionsCommandHandler } from './inspections.commands.js';
import { INSPECTIONS_PERMISSIONS } from './inspections.permissions.js';
import { InspectionsResolver } from './inspections.resolver.js';

@Module({ providers: [InspectionsResolver, RecordInspectionsCommandHandler] })
export class InspectionsModule {}

export const inspectionsApi: ApiSystem = { name: 'inspections', module: InspectionsModule, permissions: INSPECTIONS_PERMISSIONS };
