import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { NetworkReadModel } from '../../../libs/projections/src/network/network.projection.js';
import { ProjectionRunner } from '../../../libs/projections/src/runner.js';
import { EventStore } from '../../../libs/event-store/src/eventStore.js';
import { ApiConfig } from './config.js';
import { ClientErrorsFilter, formatError } from './common/errors.js';
import { ExecuteHandler, ReadHandler } from './common/handlers.js';
import { GqlContext, createLoaders } from './common/loaders.js';
import { Logger } from './common/logger.js';
import { ContactsResolver } from './contacts/contacts.resolver.js';
import { DashboardsResolver, PeriodFieldsResolver } from './dashboards/dashboards.resolver.js';
import { HealthController } from './health.controller.js';
import { LinksResolver } from './links/links.resolver.js';
import {
  LocalityFieldsResolver,
  MemberFieldsResolver,
  OrganizationFieldsResolver,
  PersonFieldsResolver,
  RosterResolver,
} from './roster/roster.resolver.js';
import { StoreModule } from './store.module.js';

/** Who is acting. Until access control lands, the caller names itself in `x-actor` (or `actor` in connectionParams). */
function actorFrom(headers: Record<string, unknown> | undefined): string {
  const value = headers?.['x-actor'] ?? headers?.actor;
  return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : 'anonymous';
}

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, logger: Logger, store?: EventStore): DynamicModule {
    const storeModule = StoreModule.forRoot(config, logger, store);
    return {
      module: AppModule,
      imports: [
        storeModule,
        CqrsModule.forRoot(),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [ProjectionRunner],
          useFactory: (runner: ProjectionRunner<NetworkReadModel>) => ({
            autoSchemaFile: config.schemaFile || true,
            sortSchema: true,
            introspection: true,
            subscriptions: { 'graphql-ws': { path: '/graphql' } },
            context: (args: { req?: { headers: Record<string, unknown> }; connectionParams?: Record<string, unknown>; extra?: { connectionParams?: Record<string, unknown> } }): GqlContext => ({
              actor: actorFrom(args.req?.headers ?? args.connectionParams ?? args.extra?.connectionParams),
              loaders: createLoaders(runner.model),
            }),
            formatError: (formatted, error) => formatError(formatted, error, (e) => logger.error({ err: e }, 'unexpected error in a GraphQL request')),
          }),
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ClientErrorsFilter },
        ExecuteHandler,
        ReadHandler,
        RosterResolver,
        MemberFieldsResolver,
        OrganizationFieldsResolver,
        LocalityFieldsResolver,
        PersonFieldsResolver,
        LinksResolver,
        ContactsResolver,
        DashboardsResolver,
        PeriodFieldsResolver,
      ],
    };
  }
}
