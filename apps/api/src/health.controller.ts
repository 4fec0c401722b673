import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { EventStore } from '#event-store/eventStore';
import { ProjectionSet } from '#projections/shared/projection';
import { ProjectionRunner, RunnerStatus } from '#projections/shared/runner';
import { EVENT_STORE } from './common/tokens.js';
import { Public } from './auth/access.guard.js';

// Public (no token): positions, lag and readiness only; nothing about members, links or contacts.
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner<ProjectionSet>,
  ) {}

  /** Ready when the store answers; `lag` is how many events the read model has still to apply. */
  @Get()
  async health() {
    const head = await this.store.headPosition();
    return { status: 'ok', head, position: this.runner.position, lag: head - this.runner.position, skipped: Object.values(this.runner.model.skipped()).reduce((a, b) => a + b, 0) };
  }

  /**
   * Readiness (for load balancers and `depends_on`): 200 when the read model is live and the
   * store answers now; otherwise 503 with the reason. The process stays up meanwhile, so an
   * instance whose store is away becomes ready by itself when the store is back.
   */
  @Get('ready')
  async ready() {
    const status = this.runner.status;
    if (status.state !== 'live') throw notReady(describeStatus(status, this.runner.position));
    let head: number;
    try {
      head = await withTimeout(this.store.headPosition(), READY_PROBE_MS);
    } catch (error) {
      throw notReady(`the event store does not answer: ${(error as Error).message}`);
    }
    return { status: 'ready', head, position: this.runner.position, lag: head - this.runner.position };
  }
}

/** A readiness probe must answer well within a load balancer's own timeout. */
const READY_PROBE_MS = 2_000;

function notReady(reason: string): ServiceUnavailableException {
  return new ServiceUnavailableException({ status: 'not ready', reason });
}

function describeStatus(status: RunnerStatus, position: number): string {
  switch (status.state) {
    case 'idle':
    case 'catching-up':
      return `the read model is catching up with the event store (at position ${position})`;
    case 'retrying':
      return `${status.reason}; retrying from position ${position} (${status.attempt} failed attempt${status.attempt === 1 ? '' : 's'}, next after ${status.retryInMs} ms)`;
    case 'failed':
      return `the read model stopped on an error: ${status.reason}`;
    case 'stopped':
      return 'the server is shutting down';
    case 'live':
      return 'ready';
    default: {
      const unknown: never = status;
      return String(unknown);
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
