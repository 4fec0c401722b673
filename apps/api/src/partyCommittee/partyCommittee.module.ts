/** The Party-committee wing of the API: a year's reports and studies and their commands, with the permission fragment. */
import { Module } from '@nestjs/common';
import type { ApiSystem } from '../systems.js';
import { RecordPartyCommitteeCommandHandler } from './partyCommittee.commands.js';
import { PARTY_COMMITTEE_PERMISSIONS } from './partyCommittee.permissions.js';
import { PartyCommitteeResolver } from './partyCommittee.resolver.js';

@Module({ providers: [PartyCommitteeResolver, RecordPartyCommitteeCommandHandler] })
export class PartyCommitteeModule {}

export const partyCommitteeApi: ApiSystem = { name: 'partyCommittee', module: PartyCommitteeModule, permissions: PARTY_COMMITTEE_PERMISSIONS };
