/** The auditors' slice of the API: the record itself (history, the raw log), verify, seal, replay. */
import { Module } from '@nestjs/common';
import type { ApiSystem } from '../systems.js';
import { AUDIT_PERMISSIONS } from './audit.permissions.js';
import { AuditResolver } from './audit.resolver.js';

@Module({ providers: [AuditResolver] })
export class AuditModule {}

export const auditApi: ApiSystem = { name: 'audit', module: AuditModule, permissions: AUDIT_PERMISSIONS };
