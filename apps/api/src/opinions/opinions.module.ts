/** The public-opinion reports wing of the API: reports, their figures and their commands, with the permission fragment. */
import { Module } from '@nestjs/common';
import type { ApiSystem } from '../systems.js';
import { RecordOpinionsCommandHandler } from './opinions.commands.js';
import { OPINIONS_PERMISSIONS } from './opinions.permissions.js';
import { OpinionsResolver } from './opinions.resolver.js';

@Module({ providers: [OpinionsResolver, RecordOpinionsCommandHandler] })
export class OpinionsModule {}

export const opinionsApi: ApiSystem = { name: 'opinions', module: OpinionsModule, permissions: OPINIONS_PERMISSIONS };
