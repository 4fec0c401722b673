/**
 * The composition root below the API: which systems run (the domain registry and the projection
 * systems), and the write path over them. The API's StoreModule, the CLI and the tests build from
 * here, so they all run the same systems the same way; a caller may pass other systems (a test's
 * tiny system) without editing a registry file.
 */
import { DOMAIN, type Directory, type SystemRegistry } from '#domain';
import type { Sealer } from '#audit/seal';
import type { EventStore } from '#event-store/eventStore';
import { LiaisonView } from '#projections/liaison/liaisonView';
import { ProjectionSet } from '#projections/shared/projection';
import { ProjectionRunner } from '#projections/shared/runner';
import { PROJECTION_SYSTEMS, createProjections, type ProjectionSystem } from '#projections/systems';
import { WritePath } from './writePath.js';

export class Composition {
  constructor(
    readonly registry: SystemRegistry = DOMAIN,
    readonly projectionSystems: readonly ProjectionSystem[] = PROJECTION_SYSTEMS,
  ) {}

  /** A fresh, empty set of every system's projections. */
  createProjections(): ProjectionSet {
    return createProjections(this.projectionSystems, this.registry);
  }

  /** The deciders' directory: the liaison wing's view of the roster and the links. */
  directory(projections: ProjectionSet): Directory {
    return LiaisonView.of(projections);
  }

  writePath(store: EventStore, runner: ProjectionRunner<ProjectionSet>, options: { readYourWritesTimeoutMs?: number; sealer?: Sealer; onSealError?: (error: unknown) => void; groupCommitLimit?: number } = {}): WritePath {
    return new WritePath(store, runner, {
      registry: this.registry,
      systems: this.projectionSystems,
      directory: (projections) => this.directory(projections),
      createProjections: () => this.createProjections(),
      readYourWritesTimeoutMs: options.readYourWritesTimeoutMs ?? 5_000,
      sealer: options.sealer,
      onSealError: options.onSealError,
      groupCommitLimit: options.groupCommitLimit,
    });
  }
}

/** For a command-line process: the projections caught up with the store, and a write path over them. */
export async function openOnce(store: EventStore, composition = new Composition()): Promise<{ runner: ProjectionRunner<ProjectionSet>; projections: ProjectionSet; writePath: WritePath }> {
  const projections = composition.createProjections();
  const runner = new ProjectionRunner(store, projections);
  await runner.catchUp();
  return { runner, projections, writePath: composition.writePath(store, runner) };
}
