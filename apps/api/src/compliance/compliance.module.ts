/** The compliance wing of the API: the board, its thresholds and seals, with the permission fragment. */
import { Module } from '@nestjs/common';
import type { ApiSystem } from '../systems.js';
import { RecordComplianceCommandHandler } from './compliance.commands.js';
import { COMPLIANCE_PERMISSIONS } from './compliance.permissions.js';
import { ComplianceResolver } from './compliance.resolver.js';

@Module({ providers: [ComplianceResolver, RecordComplianceCommandHandler] })
export class ComplianceModule {}

export const complianceApi: ApiSystem = { name: 'compliance', module: ComplianceModule, permissions: COMPLIANCE_PERMISSIONS };
