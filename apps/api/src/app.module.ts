import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule, GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { LiaisonView } from '#projections/liaison/liaisonView';
import { ProjectionSet } from '#projections/shared/projection';
import { ProjectionRunner } from '#projections/shared/runner';
import { EventStore } from '#event-store/eventStore';
import { Composition } from '#platform/composition';
import { ApiConfig } from './config.js';
import { ClientErrorsFilter, formatError } from './common/errors.js';
import { GqlContext, createLoaders } from './common/loaders.js';
import { sharedPayloadReplacer } from './common/sharedPayloads.js';
import { sharedSubscribe } from './common/sharedSubscribe.js';
import { Logger } from './common/logger.js';
import { HealthController } from './health.controller.js';
import { StoreModule } from './store.module.js';
import { API_SYSTEMS, ApiSystem, permissionsOf } from './systems.js';
import { AccessDeniedError, RateLimitedError, unauthenticated } from './auth/access.errors.js';
import { AccessTokens, BootstrapAnnouncement, printBootstrapToken } from './auth/access.service.js';
import { AuthModule } from './auth/auth.module.js';
import { PARSE_OPTIONS, RequestBudgets, refusalSizePlugin, requestRules } from './auth/limits.js';
import { refusalLogPlugin } from './auth/refusals.js';
import { resolveJwtSecret } from '#platform/tokens/secret';
import { subscriptionSecurity } from './auth/subscriptions.js';
import { EVENT_STORE } from './common/tokens.js';
import { ApiMetrics } from './metrics/metrics.js';
import { MetricsModule } from './metrics/endpoint.js';
import { requestLogPlugin } from './metrics/requestLog.js';

export interface AppOptions {
  /** Where the first-start administrator token goes (default: printed on stdout). */
  announceBootstrapToken?: BootstrapAnnouncement;
  /**
   * Which systems run, in each layer (default: every registered one). A test runs a system of its
   * own by passing the registries with one more entry.
   */
  systems?: { composition?: Composition; api?: readonly ApiSystem[] };
}

/**
 * Authentication happens here, before parsing: a request without a valid token is refused as a
 * whole (HTTP 401, UNAUTHENTICATED), so not even `{ __typename }` or introspection answers it.
 * The caller's name recorded on every change is the token's subject.
 */
function httpRefusal(error: unknown): unknown {
  if (error instanceof RateLimitedError) return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, http: { status: 429 } } });
  if (!(error instanceof AccessDeniedError)) return error;
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, http: { status: 401 } } });
}

/** Where a browser on this machine finds the page, when the port is fixed (0 = chosen at listen time). */
function pageAddress(config: ApiConfig): string | undefined {
  if (config.port === 0) return undefined;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, logger: Logger, store?: EventStore, options: AppOptions = {}): DynamicModule {
    // Metrics are kept only when they are served (LIAISON_METRICS_PORT); otherwise nothing is counted.
    const metrics = config.metricsPort === null ? null : new ApiMetrics();
    const storeModule = StoreModule.forRoot(config, logger, store, options.systems?.composition, metrics?.writes);
    const apiSystems = options.systems?.api ?? API_SYSTEMS;
    // Resolved here, before Nest starts, so a bad secret file stops the start with a ConfigError.
    const secret = resolveJwtSecret(config);
    // Shared by GraphQL's context and the body parser's refusals (bootstrap.ts), so both spend from one budget.
    const budgets = new RequestBudgets(config.rateLimitPerMinute, config.unauthenticatedPerMinute);
    return {
      module: AppModule,
      imports: [
        storeModule,
        AuthModule.forRoot(secret, options.announceBootstrapToken ?? printBootstrapToken(pageAddress(config)), permissionsOf(apiSystems)),
        CqrsModule.forRoot(),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [ProjectionRunner, AccessTokens, EVENT_STORE],
          useFactory: (runner: ProjectionRunner<ProjectionSet>, access: AccessTokens, store: EventStore) => {
            // One list of rules and one budget for HTTP and graphql-ws alike.
            const limits = requestRules({ introspection: config.introspection });
            const ws = subscriptionSecurity(access, limits.validationRules, budgets.perToken, logger, {
              connectionsPerToken: config.wsConnectionsPerToken,
              subscriptionsPerToken: config.subscriptionsPerToken,
              subscriptionsTotal: config.subscriptionsTotal,
            });
            const format = (formatted: GraphQLFormattedError, error: unknown) => formatError(formatted, error, (e) => logger.error({ err: e }, 'unexpected error in a GraphQL request'));
            return {
              autoSchemaFile: config.schemaFile || true,
              sortSchema: true,
              introspection: config.introspection,
              graphiql: config.graphqlExplorer,
              // Apollo 5's default, stated: a request a browser could send cross-site without a preflight is refused.
              csrfPrevention: true,
              allowBatchedHttpRequests: false,
              parseOptions: PARSE_OPTIONS,
              validationRules: limits.validationRules,
              // Apollo installs its cache-control plugin unless told not to. No type here carries a cache
              // hint, and its per-field hook makes Apollo wrap every resolver in the schema: off, a list
              // such as the network's answers faster (network(period) at one connection on 20k contacts: 229 → 360/s).
              plugins: [ApolloServerPluginCacheControlDisabled(), ...limits.plugins, refusalSizePlugin(format), ws.schemaPlugin, refusalLogPlugin(logger), requestLogPlugin(), ...(metrics ? [metrics.graphqlPlugin()] : [])] as ApolloDriverConfig['plugins'],
              // The global guard runs for nested fields with resolvers too, not only root fields.
              fieldResolverEnhancers: ['guards'],
              // `validate`, `onError` and `jsonMessageReplacer` are graphql-ws server options that Nest passes through (it spreads
              // this object into useServer) without declaring them in its type.
              subscriptions: { 'graphql-ws': { path: '/graphql', subscribe: sharedSubscribe, jsonMessageReplacer: sharedPayloadReplacer, ...(metrics ? metrics.countSubscriptions(ws.hooks) : ws.hooks) } as GraphQLWsSubscriptionsConfig },
              context: async (args: { req?: { headers: Record<string, unknown> } }): Promise<GqlContext> => {
                let auth;
                if (args.req) {
                  // Every request spends from a budget before it is parsed, refused later or not.
                  auth = await budgets.admit((header) => access.authenticate(header, 'http'), args.req).catch((error: unknown) => Promise.reject(httpRefusal(error)));
                } else {
                  // graphql-ws: the connection was authenticated in onConnect; its operations use that principal.
                  auth = ws.principalOf(args);
                  if (!auth) throw unauthenticated('no token: send connectionParams { authorization: "Bearer <token>" }');
                }
                const commandId = args.req?.headers['idempotency-key'];
                return { actor: auth.subject, auth, loaders: createLoaders(LiaisonView.of(runner.model), store), ...(typeof commandId === 'string' ? { commandId } : {}) };
              },
              formatError: format,
            };
          },
        }),
        ...apiSystems.map((system) => system.module),
        MetricsModule.forRoot(config, metrics),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ClientErrorsFilter }, { provide: RequestBudgets, useValue: budgets }],
    };
  }
}
