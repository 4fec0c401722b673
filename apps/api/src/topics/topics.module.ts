/** The topics wing of the API: key topics, their pages and their commands, with the permission fragment. */
import { Module } from '@nestjs/common';
import type { ApiSystem } from '../systems.js';
import { RecordTopicsCommandHandler } from './topics.commands.js';
import { TOPICS_PERMISSIONS } from './topics.permissions.js';
import { TopicsResolver } from './topics.resolver.js';

@Module({ providers: [TopicsResolver, RecordTopicsCommandHandler] })
export class TopicsModule {}

export const topicsApi: ApiSystem = { name: 'topics', module: TopicsModule, permissions: TOPICS_PERMISSIONS };
