import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DomainEvent, auditFacts, deciderFor } from '#domain';
import { Sealer } from '#audit/seal';
import { TimeTravel } from '#projections/shared/timeTravel/timeTravel';
import { EventStore } from '#event-store/eventStore';
import { handleCommand } from '#event-store/handleCommand';
import { newEventId } from '#event-store/eventId';
import { NetworkReadModel } from '#projections/liaison/network/network.projection';
import { ProjectionRunner, ReadModelNotReadyError } from '#projections/shared/runner';
import { ApiConfig } from '../config.js';
import { authorizeCommand } from '../auth/command-access.js';
import { Execute, Read, WriteOutcome } from './bus.js';
import { Logger } from './logger.js';
import { API_CONFIG, EVENT_STORE, LOGGER } from './tokens.js';

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
    private readonly sealer: Sealer,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  execute(message: Execute): Promise<WriteOutcome> {
    const run = this.queue.then(() => this.run(message));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run({ command, actor, expectedVersion, principal }: Execute): Promise<WriteOutcome> {
    await this.runner.waitFor(await this.store.headPosition(), this.config.readYourWritesTimeoutMs);
    // Role and scope, against the model as it is now; a refusal here has written nothing.
    authorizeCommand(principal, command, this.runner.model);
    // A command from a client starts its own correlation and is the cause of the events it writes;
    // each event also carries its occurred-at and reason, where it has them, for the auditors.
    const commandId = randomUUID();
    const result = await handleCommand(
      this.store,
      deciderFor(command),
      command,
      { now: new Date().toISOString(), actor, directory: this.runner.model, newId: newEventId },
      {
        expectedVersion,
        metadata: { actor, tokenId: principal?.tokenId, command: command.type, correlationId: commandId, causationId: commandId },
        eventMetadata: (event) => ({ ...auditFacts(event as DomainEvent) }),
      },
    );
    // Answer only once this instance's read model shows the write, so the client's next query sees it.
    await this.runner.waitFor(result.position, this.config.readYourWritesTimeoutMs);
    // The write stands whatever happens to the seal; a seal that fails is written after a later command.
    if (result.written > 0) {
      await this.sealer
        .sealIfDue({ actor: 'system:sealer', correlationId: commandId, causationId: commandId })
        .catch((error: unknown) => this.log.warn({ err: error }, 'sealing the log failed; a later command will seal it'));
    }
    return { streamId: result.streamId, position: result.position, version: result.nextExpectedVersion, written: result.written };
  }
}

@QueryHandler(Read)
export class ReadHandler implements IQueryHandler<Read<unknown>> {
  constructor(
    private readonly runner: ProjectionRunner<NetworkReadModel>,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly timeTravel: TimeTravel,
  ) {}

  async execute({ read, atLeastPosition, asOf }: Read<unknown>): Promise<unknown> {
    // A model that has not read the log yet would answer with wrong figures, not with no figures.
    if (!this.runner.hasCaughtUp) throw new ReadModelNotReadyError(this.runner.status.state === 'retrying' ? 'the event store is unreachable' : 'still reading');
    if (atLeastPosition) await this.runner.waitFor(atLeastPosition, this.config.readYourWritesTimeoutMs);
    if (asOf === undefined || asOf === null) return read(this.runner.model);
    const point = this.timeTravel.resolve(asOf, Date.now());
    return this.timeTravel.answerAt(point.position, (model) => read(model, point));
  }
}
