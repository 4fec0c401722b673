/** The access wing of the API: issuing, revoking and listing tokens, and `me`. Authentication itself is the shared AuthModule's. */
import { Module } from '@nestjs/common';
import type { ApiSystem } from '../systems.js';
import { RecordAccessCommandHandler } from './access.commands.js';
import { ACCESS_PERMISSIONS } from './access.permissions.js';
import { TokensResolver } from './tokens.resolver.js';

@Module({ providers: [TokensResolver, RecordAccessCommandHandler] })
export class AccessModule {}

export const accessApi: ApiSystem = { name: 'access', module: AccessModule, permissions: ACCESS_PERMISSIONS };
