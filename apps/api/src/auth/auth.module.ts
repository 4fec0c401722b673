/**
 * Access control as one global module: the signing secret, authentication, the first-start
 * bootstrap token, the permission table and the global guard. Global so that the GraphQL
 * module's factory (context, graphql-ws hooks) can inject AccessTokens. The token mutations are
 * the access wing's (access/access.module.ts).
 */
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { ANNOUNCE_BOOTSTRAP_TOKEN, AccessBootstrap, AccessTokens, BootstrapAnnouncement, JWT_SECRET } from './access.service.js';
import { PermissionTable } from './permissions.js';

@Global()
@Module({})
export class AuthModule {
  static forRoot(secret: Uint8Array, announce: BootstrapAnnouncement, permissions: PermissionTable): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: JWT_SECRET, useValue: secret },
        { provide: ANNOUNCE_BOOTSTRAP_TOKEN, useValue: announce },
        AccessTokens,
        AccessBootstrap,
        { provide: PermissionTable, useValue: permissions },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [AccessTokens, PermissionTable],
    };
  }
}
