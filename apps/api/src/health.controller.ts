import { Controller, Get, Inject } from '@nestjs/common';
import { EventStore } from '../../../libs/event-store/src/eventStore.js';
import { NetworkReadModel } from '../../../libs/projections/src/network/network.projection.js';
import { ProjectionRunner } from '../../../libs/projections/src/runner.js';
import { EVENT_STORE } from './common/tokens.js';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner<NetworkReadModel>,
  ) {}

  /** Ready when the store answers; `lag` is how many events the read model has still to apply. */
  @Get()
  async health() {
    const head = await this.store.headPosition();
    return { status: 'ok', head, position: this.runner.position, lag: head - this.runner.position, skipped: this.runner.model.skipped };
  }
}
