import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { EventStore } from '#event-store/eventStore';
import { GraphQLModule } from '@nestjs/graphql';
import { AppModule, AppOptions } from './app.module.js';
import { ApiConfig } from './config.js';
import { createLogger } from './common/logger.js';
import { requestBodyErrors } from './common/errors.js';
import { describeConnection } from '#event-store/esdb';
import { findWebRoot, serveWebPage } from './web.js';
import { MetricsEndpoint } from './metrics/endpoint.js';
import { requestLog } from './metrics/requestLog.js';

/**
 * Builds and starts the API. Tests call this too (with NestFactory, not the testing module, so
 * the app they exercise is the one that ships).
 */
export async function bootstrap(config: ApiConfig, store?: EventStore, options: AppOptions = {}): Promise<{ app: INestApplication; url: string }> {
  const logger = createLogger(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger, store, options), {
    logger: config.logLevel === 'silent' ? false : ['error', 'warn'],
    // Registered below with a size limit and an error answer of our own.
    bodyParser: false,
  });
  // The request log first, so every answer gets its line, a refusal by the body parser included.
  const requests = requestLog(logger);
  app.use(requests.lines);
  // A body over the limit is refused unread (PAYLOAD_TOO_LARGE); these run before Apollo's middleware.
  app.useBodyParser('json', { limit: config.maxBodyBytes });
  app.use(requestBodyErrors(config.maxBodyBytes, (details) => logger.warn(details, 'request refused')));
  app.use(requests.facts);
  const webRoot = findWebRoot(config.webRoot);
  serveWebPage(app, webRoot);
  app.enableShutdownHooks();
  await app.init();
  limitSubscriptionMessages(app, config.maxBodyBytes);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://${config.host}:${address.port}`;
  logger.info(
    {
      url: `${url}/graphql`,
      page: webRoot ? `${url}/` : 'not built (npm run build)',
      store: config.store,
      dataFile: config.store === 'sqlite' ? config.dataFile : undefined,
      eventStore: config.eventStoreConnectionString ? describeConnection(config.eventStoreConnectionString) : undefined,
      metrics: app.get(MetricsEndpoint).url ?? 'off (set LIAISON_METRICS_PORT to serve /metrics)',
    },
    'liaison network API listening',
  );
  return { app, url };
}

/**
 * graphql-ws messages get the same size limit as HTTP bodies (the ws default is 100 MiB). Nest
 * gives no option for it, so this sets it on the WebSocketServer that @nestjs/apollo creates; the
 * hostile-input e2e suite fails if a later version moves it.
 */
function limitSubscriptionMessages(app: INestApplication, maxBytes: number): void {
  const driver = (app.get(GraphQLModule) as unknown as { graphQlAdapter?: { _subscriptionService?: { wss?: { options: { maxPayload?: number } } } } }).graphQlAdapter;
  const wss = driver?._subscriptionService?.wss;
  if (wss) wss.options.maxPayload = maxBytes;
}
