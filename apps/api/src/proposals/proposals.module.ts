/** The proposals wing of the API: proposals, their figures and their commands, with the permission fragment. */
import { Module } from '@nestjs/common';
import type { ApiSystem } from '../systems.js';
import { RecordProposalsCommandHandler } from './proposals.commands.js';
import { PROPOSALS_PERMISSIONS } from './proposals.permissions.js';
import { ProposalsResolver } from './proposals.resolver.js';

@Module({ providers: [ProposalsResolver, RecordProposalsCommandHandler] })
export class ProposalsModule {}

export const proposalsApi: ApiSystem = { name: 'proposals', module: ProposalsModule, permissions: PROPOSALS_PERMISSIONS };
