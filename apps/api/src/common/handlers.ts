import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { deciderFor } from '../../../../libs/domain/src/index.js';
import { EventStore } from '../../../../libs/event-store/src/eventStore.js';
import { handleCommand } from '../../../../libs/event-store/src/handleCommand.js';
import { NetworkReadModel } from '../../../../libs/projections/src/network/network.projection.js';
import { ProjectionRunner } from '../../../../libs/projections/src/runner.js';
import { ApiConfig } from '../config.js';
import { Execute, Read, WriteOutcome } from './bus.js';
import { API_CONFIG, EVENT_STORE } from './tokens.js';

/**
 * The write path. Commands run one at a time in this process: deciders check cross-aggregate
 * rules (is the target CPC? is there already such a link?) against the read model, and running
 * them in sequence, each after the model has caught up with the previous write, keeps those
 * checks exact within one instance. SQLite serialises writers anyway, so little is lost.
 */
@CommandHandler(Execute)
export class ExecuteHandler implements ICommandHandler<Execute> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner<NetworkReadModel>,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  execute(message: Execute): Promise<WriteOutcome> {
    const run = this.queue.then(() => this.run(message));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run({ command, actor, expectedVersion }: Execute): Promise<WriteOutcome> {
    await this.runner.waitFor(await this.store.headPosition(), this.config.readYourWritesTimeoutMs);
    const result = await handleCommand(
      this.store,
      deciderFor(command),
      command,
      { now: new Date().toISOString(), actor, directory: this.runner.model },
      { expectedVersion, metadata: { actor, command: command.type, correlationId: randomUUID() } },
    );
    // Answer only once this instance's read model shows the write, so the client's next query sees it.
    await this.runner.waitFor(result.position, this.config.readYourWritesTimeoutMs);
    return { streamId: result.streamId, position: result.position, version: result.nextExpectedVersion, written: result.written };
  }
}

@QueryHandler(Read)
export class ReadHandler implements IQueryHandler<Read<unknown>> {
  constructor(
    private readonly runner: ProjectionRunner<NetworkReadModel>,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async execute({ read, atLeastPosition }: Read<unknown>): Promise<unknown> {
    if (atLeastPosition) await this.runner.waitFor(atLeastPosition, this.config.readYourWritesTimeoutMs);
    return read(this.runner.model);
  }
}
