/**
 * The API's registry: each system's Nest module and its fragment of the permission table. The
 * AppModule imports the modules and assembles the table; it names no system's providers. A new
 * system adds one line here (and one in the domain's and the projections' registries).
 */
import type { Type } from '@nestjs/common';
import { accessApi } from './access/access.module.js';
import { auditApi } from './audit/audit.module.js';
import { PermissionFragment, PermissionTable } from './auth/permissions.js';
import { liaisonApi } from './liaison/liaison.module.js';
import { proposalsApi } from './proposals/proposals.module.js';
import { opinionsApi } from './opinions/opinions.module.js';
import { inspectionsApi } from './inspections/inspections.module.js';
import { rosterApi } from './roster/roster.module.js';
import { topicsApi } from './topics/topics.module.js';
import { partyCommitteeApi } from './partyCommittee/partyCommittee.module.js';
import { complianceApi } from './compliance/compliance.module.js';
import { trailApi } from './trail/trail.module.js';
import { dutyApi } from './duty/duty.module.js';

export interface ApiSystem {
  name: string;
  module: Type<unknown>;
  permissions: PermissionFragment;
}

export const API_SYSTEMS: readonly ApiSystem[] = [rosterApi, liaisonApi, proposalsApi, opinionsApi, inspectionsApi, topicsApi, partyCommitteeApi, complianceApi, trailApi, dutyApi, accessApi, auditApi];

/** The permission table of the systems the app runs. */
export const permissionsOf = (systems: readonly ApiSystem[]): PermissionTable => new PermissionTable(systems.map((s) => s.permissions));
