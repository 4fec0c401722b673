/**
 * `/metrics` on a listener of its own, at an address the operator chooses (LIAISON_METRICS_PORT,
 * LIAISON_METRICS_HOST, default 127.0.0.1), and off unless a port is named.
 *
 * Why a listen address and not a token on the main port: a scraper (Prometheus, an agent) holds
 * one static credential for months, while this platform's tokens expire, are revoked, go through
 * the rate limiter and are written into the log as tokens on record; a scrape that stops because a
 * token expired is a silent outage of the monitoring. An address bound to this machine by default
 * keeps process internals (memory, event loop, operation names) off the office network unless the
 * operator opens them to it, and the main port keeps exactly its surface: every request
 * authenticated, `/health` public and unchanged.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamicModule, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '#event-store/eventStore';
import type { ProjectionSet } from '#projections/shared/projection';
import { ProjectionRunner } from '#projections/shared/runner';
import { ConfigError, type ApiConfig } from '../config.js';
import type { Logger } from '../common/logger.js';
import { EVENT_STORE, LOGGER } from '../common/tokens.js';
import { ApiMetrics } from './metrics.js';

export class MetricsEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | undefined;
  /** Where `/metrics` answers once the app has started; null when metrics are off. */
  url: string | null = null;

  constructor(
    private readonly listener: Pick<ApiConfig, 'metricsPort' | 'metricsHost'>,
    private readonly metrics: ApiMetrics | null,
    private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { metricsPort: port, metricsHost: host } = this.listener;
    if (!this.metrics || port === null) return;
    const server = createServer((req, res) => void this.answer(this.metrics!, req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(new ConfigError('LIAISON_METRICS_PORT', `cannot listen on ${host}:${port} for /metrics (${error.code ?? error.message})`)));
      server.listen(port, host, resolve);
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/metrics`;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // A scraper's kept-alive connection must not hold the shutdown.
    server.closeAllConnections();
    await closed;
  }

  private async answer(metrics: ApiMetrics, req: IncomingMessage, res: ServerResponse): Promise<void> {
    // As on the API's own answers (issue 15): a scraper or a browser never guesses the type.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if ((req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: this listener serves /metrics only\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    try {
      const body = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      this.log.error({ err: error }, 'collecting metrics failed');
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('collecting metrics failed; the server log has the details\n');
    }
  }
}

/** Always imported: with metrics off its endpoint listens nowhere and reports `url: null`. */
@Module({})
export class MetricsModule {
  static forRoot(config: Pick<ApiConfig, 'metricsPort' | 'metricsHost'>, metrics: ApiMetrics | null): DynamicModule {
    return {
      module: MetricsModule,
      providers: [
        {
          provide: MetricsEndpoint,
          inject: [EVENT_STORE, ProjectionRunner, LOGGER],
          useFactory: (store: EventStore, runner: ProjectionRunner<ProjectionSet>, log: Logger) => new MetricsEndpoint(config, metrics?.watchLog(store, runner) ?? null, log),
        },
      ],
      exports: [MetricsEndpoint],
    };
  }
}
