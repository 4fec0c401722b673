import 'reflect-metadata';
import type { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import { EventStore } from '#event-store/eventStore';
import { GraphQLModule } from '@nestjs/graphql';
import { AppModule, AppOptions } from './app.module.js';
import { ApiConfig } from './config.js';
import { createLogger } from './common/logger.js';
import { requestBodyErrors } from './common/errors.js';
import { AccessTokens } from './auth/access.service.js';
import { RequestBudgets, refuseManyKeyMessages, refuseManyKeys, type MessageSocket } from './auth/limits.js';
import { sendSharedPayloads } from './common/sharedPayloads.js';
import { coalesceFrames, type FramedSocket } from './common/wsFrames.js';
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
  // Every answer (GraphQL, the page, /health, a refusal by the body parser) is sent as the type it
  // says, and does not name the framework; once the process is draining, no socket is kept alive.
  app.disable('x-powered-by');
  app.use(commonHeaders(app));
  // The request log first, so every answer gets its line, a refusal by the body parser included.
  const requests = requestLog(logger);
  app.use(requests.lines);
  // A body over the limit is refused unread (PAYLOAD_TOO_LARGE); these run before Apollo's middleware.
  // A body with too many keys is refused before it is parsed (refuseManyKeys), and so unwalked.
  // Nest's type leaves out `verify`, which it reserves for `rawBody: true` (not set here); without
  // rawBody it hands the options to express.json unchanged. The hostile-input suite fails if not.
  app.useBodyParser('json', { limit: config.maxBodyBytes, verify: refuseManyKeys } as NestExpressBodyParserOptionsFor<'json'>);
  const budgets = app.get(RequestBudgets);
  const access = app.get(AccessTokens);
  app.use(requestBodyErrors(config.maxBodyBytes, (req) => budgets.admit((header) => access.authenticate(header, 'http'), req), (details) => logger.warn(details, 'request refused')));
  app.use(requests.facts);
  const webRoot = findWebRoot(config.webRoot);
  serveWebPage(app, webRoot);
  // No enableShutdownHooks: Nest's handler closes the store before in-flight requests are answered
  // and then re-raises the signal (exit 143). main.ts calls `shutdown` on SIGTERM and SIGINT.
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
 * graphql-ws messages get the same size and key limits as HTTP bodies (the ws default is 100 MiB),
 * the frames a socket is sent in one turn leave in one write (common/wsFrames.ts), and a shared
 * result's text is put into each message made with its placeholder (common/sharedPayloads.ts). Nest gives
 * no option for these, so this sets them on the WebSocketServer that @nestjs/apollo creates; the
 * hostile-input e2e suite fails if a later version moves it.
 */
function limitSubscriptionMessages(app: INestApplication, maxBytes: number): void {
  const wss = subscriptionServer(app);
  if (!wss) return;
  wss.options.maxPayload = maxBytes;
  refuseManyKeyMessages(wss);
  coalesceFrames(wss);
  sendSharedPayloads(wss);
}

/** Apps that have begun a graceful stop (Nest's app is a Proxy that refuses new properties). */
const draining = new WeakSet<INestApplication>();

function commonHeaders(app: INestApplication) {
  return (_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (draining.has(app)) res.setHeader('Connection', 'close');
    next();
  };
}

/**
 * A graceful stop (SIGTERM): stop accepting connections, close keep-alive sockets as soon as they
 * are idle (and answer anything still arriving on them with `Connection: close`), close
 * subscription sockets with 1001 (going away), wait for every accepted request to be answered,
 * then close the app (projections, store). After `graceMs` the remaining sockets are cut so the
 * stop stays bounded.
 */
export async function shutdown(app: INestApplication, graceMs = 10_000): Promise<void> {
  draining.add(app);
  const server = app.getHttpServer() as Server;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  for (const socket of subscriptionServer(app)?.clients ?? []) socket.close(1001, 'server shutting down');
  // A keep-alive socket that was busy at the signal becomes idle once its answer is sent.
  const idle = setInterval(() => server.closeIdleConnections(), 25);
  let deadline: NodeJS.Timeout | undefined;
  const cut = new Promise<void>((resolve) => {
    deadline = setTimeout(() => {
      server.closeAllConnections();
      for (const socket of subscriptionServer(app)?.clients ?? []) socket.terminate();
      resolve();
    }, graceMs);
  });
  try {
    await Promise.race([closed, cut]);
  } finally {
    clearInterval(idle);
    clearTimeout(deadline);
  }
  await app.close();
}

interface SubscriptionServer {
  options: { maxPayload?: number };
  prependListener(event: 'connection', listener: (socket: MessageSocket & FramedSocket) => void): unknown;
  clients: Set<{ close(code: number, reason: string): void; terminate(): void }>;
}

/** The WebSocketServer @nestjs/apollo creates for graphql-ws (Nest gives no handle on it). */
function subscriptionServer(app: INestApplication): SubscriptionServer | undefined {
  const driver = (app.get(GraphQLModule) as unknown as { graphQlAdapter?: { _subscriptionService?: { wss?: SubscriptionServer } } }).graphQlAdapter;
  return driver?._subscriptionService?.wss;
}
