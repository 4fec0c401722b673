/**
 * The event store, the projections and their runner, the write path and the reader, and their
 * lifecycle: the runner has caught up with the whole log before the server accepts a request, and
 * on shutdown it stops before the store closes. One exception: when a remote store (EventStoreDB) is unreachable at start,
 * the server starts anyway, `/health/ready` answers 503 with the reason, queries answer
 * UNAVAILABLE, and the runner keeps retrying until the store answers.
 */
import { EventEmitter } from 'node:events';
import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PubSub } from 'graphql-subscriptions';
import { EventStore } from '#event-store/eventStore';
import { InMemoryEventStore } from '#event-store/inMemory';
import { SqliteEventStore } from '#event-store/sqlite';
import { EsdbEventStore } from '#event-store/esdb';
import { ProjectionSet } from '#projections/shared/projection';
import { ProjectionRunner } from '#projections/shared/runner';
import { TimeTravel } from '#projections/shared/timeTravel/timeTravel';
import { Sealer } from '#audit/seal';
import { Composition } from '#platform/composition';
import { loadSavedState, savedStateDir } from '#platform/savedState/savedState';
import { StateSaver } from '#platform/savedState/saver';
import { PROJECTION_SYSTEMS } from '#projections/systems';
import { DOMAIN } from '#domain';
import { WritePath, type WriteObserver } from '#platform/writePath';
import { ApiConfig } from './config.js';
import { Reader } from './common/reader.js';
import { Logger } from './common/logger.js';
import { API_CONFIG, EVENT_STORE, LOGGER, PUB_SUB } from './common/tokens.js';

export function openStore(config: ApiConfig): EventStore {
  if (config.store === 'memory') return new InMemoryEventStore();
  // The client connects on its first call, so an absent server does not stop the process here.
  if (config.store === 'esdb') return new EsdbEventStore({ connectionString: config.eventStoreConnectionString! });
  mkdirSync(dirname(config.dataFile), { recursive: true });
  return new SqliteEventStore({ file: config.dataFile, synchronous: config.synchronous });
}

/** Where saved states are read and written, when they are (a SQLite store, an interval above 0). */
export interface SavedStates {
  file: string;
  dir: string;
  everySeconds: number;
  /** Whether this process saves them too (the default composition, running the compiled build). */
  saving: boolean;
}

const SAVED_STATES = Symbol('SAVED_STATES');

function savedStatesOf(config: ApiConfig, store: EventStore, composition: Composition): SavedStates | null {
  if (config.saveStateEverySeconds <= 0 || !(store instanceof SqliteEventStore)) return null;
  const file = store.file;
  return {
    file,
    dir: config.savedStateDir ?? savedStateDir(file),
    everySeconds: config.saveStateEverySeconds,
    // The worker builds the default composition: a process running other systems reads saved states of its own set only, and makes none.
    saving: composition.projectionSystems === PROJECTION_SYSTEMS && composition.registry === DOMAIN && StateSaver.available(),
  };
}

@Injectable()
class StoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  private saver: StateSaver | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner<ProjectionSet>,
    private readonly timeTravel: TimeTravel,
    @Inject(SAVED_STATES) private readonly savedStates: SavedStates | null,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /**
   * Before the runner starts: the newest valid saved state, if any (each one refused is logged and
   * skipped); the runner then reads only the log after it. Nothing restored, or a failure: the
   * whole log is folded, as without saved states.
   */
  private async restore(): Promise<number | null> {
    const saved = this.savedStates;
    if (!saved) return null;
    const projections = this.runner.model;
    try {
      const outcome = await loadSavedState(this.store, saved.dir, projections, this.timeTravel, this.log);
      return outcome.restored ? outcome.position : null;
    } catch (error) {
      // loadSavedState leaves the set untouched unless it restored it wholly; a set touched is not served.
      if (projections.position !== 0) throw error;
      this.log.warn({ err: error, dir: saved.dir }, 'reading saved states failed; folding the whole log');
      return null;
    }
  }

  async onModuleInit(): Promise<void> {
    const started = Date.now();
    const projections = this.runner.model;
    const restoredAt = await this.restore();
    const caughtUp = () => {
      this.log.info(
        { position: projections.position, restoredAt, tail: restoredAt === null ? null : projections.position - restoredAt, skipped: projections.skipped(), unhandled: projections.unhandled, ms: Date.now() - started },
        'projections caught up with the log',
      );
      this.startSaving();
    };
    const live = this.runner.start();
    let stopWaiting!: () => void;
    const unreachable = new Promise<'unreachable'>((resolve) => {
      stopWaiting = this.runner.onStatus((status) => status.state === 'retrying' && resolve('unreachable'));
    });
    const first = await Promise.race([live.then(() => 'live' as const), unreachable]).finally(stopWaiting);
    if (first === 'live') caughtUp();
    else {
      this.log.warn({ reason: (this.runner.status as { reason?: string }).reason }, 'event store unreachable at start; serving not-ready until it answers');
      live.then(caughtUp, (error: unknown) => this.runner.status.state !== 'stopped' && this.log.error({ err: error }, 'projections did not start'));
    }
  }

  private startSaving(): void {
    const saved = this.savedStates;
    if (!saved || this.saver) return;
    if (!saved.saving) {
      this.log.info({ dir: saved.dir }, 'saved states are read at start but not made by this process (not the compiled build, or not every system)');
      return;
    }
    this.saver = new StateSaver({ file: saved.file, dir: saved.dir, everySeconds: saved.everySeconds, log: this.log, position: () => this.runner.model.position });
    this.saver.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.saver?.stop();
    await this.runner.stop();
    await this.store.close();
  }
}

@Global()
@Module({})
export class StoreModule {
  /**
   * `store` lets a caller (a test, the CLI) hand over an already-open store; otherwise the config
   * opens one. `composition` says which systems run (default: every registered one); `observer`
   * is told of the write path's appends and refusals (the metrics).
   */
  static forRoot(config: ApiConfig, logger: Logger, store?: EventStore, composition = new Composition(), observer?: WriteObserver): DynamicModule {
    const eventStore = store ?? openStore(config);
    const runner = new ProjectionRunner(eventStore, composition.createProjections(), {
      onError: (error) => logger.error({ err: error }, 'projection runner stopped on an error'),
      log: logger,
    });
    // Attached before the runner starts, so the copies for `asOf` are kept while the history is folded.
    const timeTravel = new TimeTravel(eventStore, {
      snapshotEvery: config.snapshotEvery,
      empty: () => composition.createProjections(),
      upcast: (event) => composition.registry.upcast(event),
    });
    timeTravel.attach(runner);
    const sealer = new Sealer(eventStore, { every: config.sealEvery });
    const built = composition.writePath(eventStore, runner, {
      readYourWritesTimeoutMs: config.readYourWritesTimeoutMs,
      sealer,
      onSealError: (error) => logger.warn({ err: error }, 'sealing the log failed; a later command will seal it'),
    });
    const writePath = observer ? built.observedBy(observer) : built;
    return {
      module: StoreModule,
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: EVENT_STORE, useValue: eventStore },
        { provide: Composition, useValue: composition },
        { provide: ProjectionRunner, useValue: runner },
        // One listener per open subscription (every leader's page holds one): no fixed cap, or Node
        // warns of a leak once the eleventh page opens.
        { provide: PUB_SUB, useValue: new PubSub({ eventEmitter: new EventEmitter().setMaxListeners(0) }) },
        { provide: TimeTravel, useValue: timeTravel },
        { provide: Sealer, useValue: sealer },
        { provide: WritePath, useValue: writePath },
        { provide: SAVED_STATES, useValue: savedStatesOf(config, eventStore, composition) },
        Reader,
        StoreLifecycle,
      ],
      exports: [API_CONFIG, LOGGER, EVENT_STORE, Composition, ProjectionRunner, PUB_SUB, TimeTravel, Sealer, WritePath, Reader],
    };
  }
}
