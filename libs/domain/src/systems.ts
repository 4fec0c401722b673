/**
 * The domain's registry: every system's commands and events, spread from the wings. A new system
 * is one line in SYSTEMS; nothing else here changes. `SystemRegistry` also takes a list of its own,
 * so a caller (a test, a later composition) can run with systems this file does not name.
 */
import { accessSystemFor } from './access/index.js';
import { liaisonSystem } from './liaison/index.js';
import { proposalsSystem } from './proposals/index.js';
import { opinionsSystem } from './opinions/index.js';
import { inspectionsSystem } from './inspections/index.js';
import { dutySystem } from './duty/index.js';
import { rosterSystem } from './roster/index.js';
import { topicsSystem } from './topics/index.js';
import { partyCommitteeSystem } from './partyCommittee/index.js';
import { complianceSystem } from './compliance/index.js';
import { Decider } from './shared/decider.js';
import { GrantSpec } from './shared/grants.js';
import { AccessRole } from './shared/roles.js';
import { AuditFacts, CommandOf, CommandSpec, DomainSystem, EventOf, EventSpec } from './shared/system.js';

/** The systems besides access; a token may carry the grants they define. A new system is one line here. */
export const WINGS = [rosterSystem, liaisonSystem, proposalsSystem, inspectionsSystem, opinionsSystem, topicsSystem, partyCommitteeSystem, complianceSystem, dutySystem] as const;

/** Every system with the access system that knows their grants. */
export const withAccess = <W extends readonly DomainSystem<any, any>[]>(wings: W) => [...wings, accessSystemFor(wings)] as const;

export const SYSTEMS = withAccess(WINGS);

export type DomainCommand = CommandOf<(typeof SYSTEMS)[number]>;
export type DomainEvent = EventOf<(typeof SYSTEMS)[number]>;
export type DomainEventType = DomainEvent['type'];

/** Any command or event of any registered system, as the shared machinery handles them. */
export interface AnyCommand {
  readonly type: string;
}

export class SystemRegistry {
  private readonly commandSpecs = new Map<string, CommandSpec<any> & { system: string }>();
  private readonly eventSpecs = new Map<string, EventSpec<any> & { system: string }>();

  constructor(readonly systems: readonly DomainSystem[]) {
    for (const system of systems) {
      for (const [type, spec] of Object.entries(system.commands)) {
        const other = this.commandSpecs.get(type);
        if (other) throw new Error(`command ${type} is claimed by both ${other.system} and ${system.name}`);
        this.commandSpecs.set(type, { ...(spec as CommandSpec<any>), system: system.name });
      }
      for (const [type, spec] of Object.entries(system.events)) {
        const other = this.eventSpecs.get(type);
        if (other) throw new Error(`event ${type} is claimed by both ${other.system} and ${system.name}`);
        this.eventSpecs.set(type, { ...(spec as EventSpec<any>), system: system.name });
      }
    }
  }

  /** Every command type, every event type: for completeness checks and the permission table's test. */
  commandTypes(): string[] {
    return [...this.commandSpecs.keys()];
  }
  eventTypes(system?: string): string[] {
    return [...this.eventSpecs].filter(([, spec]) => !system || spec.system === system).map(([type]) => type);
  }

  /** The system a command or event type belongs to, or undefined for a type no system knows. */
  systemOf(type: string): string | undefined {
    return this.commandSpecs.get(type)?.system ?? this.eventSpecs.get(type)?.system;
  }

  decider(command: { type: string }): Decider<any, any, unknown> {
    const spec = this.commandSpecs.get(command.type);
    if (!spec) throw new UnknownCommandError(command.type);
    return spec.decider;
  }

  /** The roles that may send a command type; none for a type no system knows (fail closed). */
  roles(type: string): readonly AccessRole[] {
    return this.commandSpecs.get(type)?.roles ?? [];
  }

  /** Whether a command type is marked independent of the others so marked (CommandSpec.independent): it may be group-committed. */
  independent(type: string): boolean {
    return this.commandSpecs.get(type)?.independent === true;
  }

  /** Occurred-at and reason of an event, for its metadata; none for a type no system knows (a seal). */
  auditFacts(event: { type: string; data: unknown }): AuditFacts {
    return this.eventSpecs.get(event.type)?.facts(event.data) ?? {};
  }

  /** The spec of a grant kind, from whichever system defines it. */
  grantSpec(kind: string): GrantSpec | undefined {
    for (const system of this.systems) if (system.grants && Object.hasOwn(system.grants, kind)) return system.grants[kind];
    return undefined;
  }

  /** The stream an event of this type lives in, named by its data. */
  streamOf(event: { type: string; data: unknown }): string {
    const spec = this.eventSpecs.get(event.type);
    if (!spec) throw new Error(`no system knows the event type ${event.type}`);
    const [prefix, key] = spec.stream;
    return key === null ? prefix : `${prefix}-${String((event.data as Record<string, unknown>)[key])}`;
  }

  /** The event types recorded beside their command's stream (reservations). */
  claimTypes(): string[] {
    return [...this.eventSpecs].filter(([, spec]) => spec.claims).map(([type]) => type);
  }

  /** For an event recorded beside its command's stream (a reservation): its stream and the revision it claims there. */
  claim(event: { type: string; data: unknown }): { streamId: string; revision: number } | undefined {
    const claims = this.eventSpecs.get(event.type)?.claims;
    return claims ? { streamId: this.streamOf(event), revision: claims(event.data) } : undefined;
  }

  /** The event's data in its current shape: an older version upcast, anything else as it is. */
  upcast<T extends { type: string; data: unknown; id: string; streamId: string }>(event: T): T {
    const upcast = this.eventSpecs.get(event.type)?.upcast;
    if (!upcast) return event;
    // An event already in its current shape comes back as it is: no copy per event on a rebuild.
    const data = upcast(event.data, event);
    return data === event.data ? event : { ...event, data };
  }
}

/** A command type no registered system handles: a programming error, not a user's. */
export class UnknownCommandError extends Error {
  constructor(readonly type: string) {
    super(`no system handles the command ${type}`);
  }
}

/** The systems this build runs. */
export const DOMAIN = new SystemRegistry(SYSTEMS);

export const deciderFor = (command: DomainCommand): Decider<DomainCommand, DomainEvent, unknown> => DOMAIN.decider(command);
export const auditFacts = (event: { type: string; data: unknown }): AuditFacts => DOMAIN.auditFacts(event);
