/**
 * The API's Prometheus metrics (prom-client), kept in a registry of this app's own: the log's head
 * and the read model's lag (read at scrape time), appends and their latency, refused commands by
 * code, GraphQL operations by name with their durations, open subscriptions, and the process's
 * default metrics. The libraries know nothing of prom-client: the write path reports through its
 * `WriteObserver`, Apollo through a plugin, graphql-ws through its hooks.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { locatedError } from 'graphql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric } from 'prom-client';
import type { EventStore } from '#event-store/eventStore';
import type { ProjectionSet } from '#projections/shared/projection';
import type { ProjectionRunner } from '#projections/shared/runner';
import type { WriteObserver } from '#platform/writePath';
import { clientErrorCode } from '../common/errors.js';

/** From a millisecond (a cached query) to ten seconds (a write waiting on a slow store). */
const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Operation names are the clients' choice: past this many distinct ones, further names count as
 * `(other)`, so a client inventing names cannot grow the registry without bound.
 */
export const MAX_OPERATION_NAMES = 200;

let processRegistry: Registry | undefined;

/** CPU, memory, event loop and GC, collected once per process however many apps it boots (a test boots several). */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

type Hook = (...args: any[]) => unknown;
type SubscriptionHooks = { onOperation?: Hook; onComplete?: Hook; onClose?: Hook };

export class ApiMetrics {
  readonly registry = new Registry();

  private readonly appendSeconds = new Histogram({
    name: 'liaison_append_duration_seconds',
    help: 'Appends to the event log by command type (count), and their time from reading the stream to the acknowledged append, retries included',
    labelNames: ['command'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  private readonly appendedEvents = new Counter({
    name: 'liaison_appended_events_total',
    help: 'Events appended to the log, by command type',
    labelNames: ['command'] as const,
    registers: [this.registry],
  });

  private readonly refusedCommands = new Counter({
    name: 'liaison_commands_refused_total',
    help: 'Commands the write path refused, by command type and the code the client was answered with',
    labelNames: ['command', 'code'] as const,
    registers: [this.registry],
  });

  private readonly operationSeconds = new Histogram({
    name: 'liaison_graphql_operation_duration_seconds',
    help: 'GraphQL operations over HTTP by operation name, type and outcome (count), and their duration',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  private readonly openSubscriptions = new Gauge({
    name: 'liaison_subscriptions_open',
    help: 'GraphQL subscriptions open over graphql-ws',
    registers: [this.registry],
  });

  private readonly operationNames = new Set<string>();

  constructor() {
    // getMetricsAsArray gives the metric objects themselves, typed as their plain description.
    for (const metric of processMetrics().getMetricsAsArray()) this.registry.registerMetric(metric as unknown as Metric);
  }

  /** The log's head, the read model's position and their difference, read when Prometheus scrapes. */
  watchLog(store: EventStore, runner: ProjectionRunner<ProjectionSet>): this {
    // A store that does not answer (EventStoreDB away) leaves the head and the lag out of the scrape, not the scrape failing.
    const head = () => store.headPosition().catch(() => null);
    const gauge = (name: string, help: string, read: () => number | null | Promise<number | null>) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          const value = await read();
          if (value === null) this.reset();
          else this.set(value);
        },
      });
    gauge('liaison_log_head_position', 'Position of the last event in the log', head);
    gauge('liaison_projection_position', 'Position of the last event the read model has applied', () => runner.position);
    gauge('liaison_projection_lag_events', 'Events in the log the read model has still to apply', async () => {
      const at = await head();
      return at === null ? null : Math.max(0, at - runner.position);
    });
    gauge('liaison_read_model_live', '1 when the read model follows the log live, 0 while it catches up, retries or has stopped', () => (runner.status.state === 'live' ? 1 : 0));
    return this;
  }

  /** For the write path (`WritePathOptions.observer`). */
  readonly writes: WriteObserver = {
    appended: ({ command, events, seconds }) => {
      this.appendSeconds.observe({ command }, seconds);
      this.appendedEvents.inc({ command }, events);
    },
    // The code is the one the client gets: the error as a resolver would have thrown it, through formatError's mapping.
    refused: ({ command, error }) => this.refusedCommands.inc({ command, code: clientErrorCode(locatedError(error, undefined, [command])) ?? 'INTERNAL_SERVER_ERROR' }),
  };

  /** Times every GraphQL request over HTTP, labelled with the operation's name as the document gives it. */
  graphqlPlugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const observe = this.operationSeconds.startTimer();
        return {
          willSendResponse: async ({ operation, errors }) => {
            observe({ operation: operation ? this.operationLabel(operation.name?.value) : '(unresolved)', type: operation?.operation ?? 'unknown', outcome: errors?.length ? 'error' : 'ok' });
          },
        };
      },
    };
  }

  /**
   * graphql-ws hooks that keep the open-subscriptions gauge, around the ones given: a subscription
   * opens when its operation starts streaming and closes when it completes or its socket closes.
   */
  countSubscriptions<H extends object>(given: H): H {
    const hooks = given as SubscriptionHooks;
    const open = new WeakMap<object, Set<string>>();
    const gauge = this.openSubscriptions;
    return {
      ...given,
      onOperation: async (ctx: object, id: string, ...rest: unknown[]) => {
        const replaced = await hooks.onOperation?.(ctx, id, ...rest);
        const result = replaced ?? rest[2];
        if (isAsyncIterable(result)) {
          const ids = open.get(ctx) ?? new Set<string>();
          open.set(ctx, ids);
          if (!ids.has(id)) gauge.inc();
          ids.add(id);
        }
        return replaced;
      },
      onComplete: async (ctx: object, id: string, ...rest: unknown[]) => {
        if (open.get(ctx)?.delete(id)) gauge.dec();
        return hooks.onComplete?.(ctx, id, ...rest);
      },
      onClose: async (ctx: object, ...rest: unknown[]) => {
        const ids = open.get(ctx);
        if (ids?.size) gauge.dec(ids.size);
        open.delete(ctx);
        return hooks.onClose?.(ctx, ...rest);
      },
    };
  }

  private operationLabel(name: string | undefined): string {
    if (!name) return '(anonymous)';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return '(other)';
    this.operationNames.add(name);
    return name;
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === 'function';
}
