/**
 * Access control as one global module: the signing secret, authentication, the first-start
 * bootstrap token, the global guard and the token mutations. Global so that the GraphQL module's
 * factory (context, graphql-ws hooks) can inject AccessTokens.
 */
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { ANNOUNCE_BOOTSTRAP_TOKEN, AccessBootstrap, AccessTokens, BootstrapAnnouncement, JWT_SECRET } from './access.service.js';
import { TokensResolver } from '../access/tokens.resolver.js';

@Global()
@Module({})
export class AuthModule {
  static forRoot(secret: Uint8Array, announce: BootstrapAnnouncement): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: JWT_SECRET, useValue: secret },
        { provide: ANNOUNCE_BOOTSTRAP_TOKEN, useValue: announce },
        AccessTokens,
        AccessBootstrap,
        { provide: APP_GUARD, useClass: AccessGuard },
        TokensResolver,
      ],
      exports: [AccessTokens],
    };
  }
}
