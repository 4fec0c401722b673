/** The liaison wing of the API: links, contacts and the dashboards, with their permission fragment. */
import { Module } from '@nestjs/common';
import type { ApiSystem } from '../systems.js';
import { ContactFeed } from './contacts.feed.js';
import { ContactsResolver } from './contacts.resolver.js';
import { DashboardsResolver, PeriodFieldsResolver } from './dashboards.resolver.js';
import { RecordLiaisonCommandHandler } from './liaison.commands.js';
import { LIAISON_PERMISSIONS } from './liaison.permissions.js';
import { LinksResolver } from './links.resolver.js';

@Module({ providers: [LinksResolver, ContactsResolver, ContactFeed, DashboardsResolver, PeriodFieldsResolver, RecordLiaisonCommandHandler] })
export class LiaisonModule {}

export const liaisonApi: ApiSystem = { name: 'liaison', module: LiaisonModule, permissions: LIAISON_PERMISSIONS };
