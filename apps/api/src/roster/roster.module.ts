/** The roster wing of the API: members, organizations, localities, persons, plenary sessions. */
import { Module } from '@nestjs/common';
import type { ApiSystem } from '../systems.js';
import { RecordRosterCommandHandler } from './roster.commands.js';
import { ROSTER_PERMISSIONS } from './roster.permissions.js';
import { LocalityFieldsResolver, MemberFieldsResolver, OrganizationFieldsResolver, PersonFieldsResolver, RosterResolver } from './roster.resolver.js';

@Module({ providers: [RosterResolver, MemberFieldsResolver, OrganizationFieldsResolver, LocalityFieldsResolver, PersonFieldsResolver, RecordRosterCommandHandler] })
export class RosterModule {}

export const rosterApi: ApiSystem = { name: 'roster', module: RosterModule, permissions: ROSTER_PERMISSIONS };
