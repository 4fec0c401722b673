/**
 * The projections' registry: each wing's projections, in the order they are fed (a projection may
 * read those registered before it), and the wing's access policy in the write path, which reads
 * them. A new system adds one line to PROJECTION_SYSTEMS.
 */
import { DOMAIN, type AnyCommand, type Principal, type SystemRegistry } from '#domain';
import { TokensProjection } from './access/tokens.projection.js';
import { liaisonCommandPolicy } from './liaison/commandAccess.js';
import { liaisonProjections } from './liaison/liaisonView.js';
import { ContactsProjection } from './liaison/contacts.projection.js';
import { proposalsCommandPolicy } from './proposals/commandAccess.js';
import { ProposalsProjection } from './proposals/proposals.projection.js';
import { opinionsCommandPolicy } from './opinions/commandAccess.js';
import { OpinionsProjection } from './opinions/opinions.projection.js';
import { inspectionsCommandPolicy } from './inspections/commandAccess.js';
import { InspectionsProjection } from './inspections/inspections.projection.js';
import { RosterProjection } from './roster/roster.projection.js';
import { topicsCommandPolicy } from './topics/commandAccess.js';
import { TopicsProjection } from './topics/topics.projection.js';
import { partyCommitteeCommandPolicy } from './partyCommittee/commandAccess.js';
import { PartyCommitteeProjection } from './partyCommittee/partyCommittee.projection.js';
import { complianceCommandPolicy } from './compliance/commandAccess.js';
import { ComplianceProjection } from './compliance/compliance.projection.js';
import { TrailProjection } from './trail/trail.projection.js';
import { dutyCommandPolicy } from './duty/commandAccess.js';
import { DutyProjection } from './duty/duty.projection.js';
import { LinksProjection } from './liaison/links.projection.js';
import { CommandIdsProjection } from './shared/commandIds.projection.js';
import { Projection, ProjectionSet } from './shared/projection.js';

/**
 * A system's check of a token holder's command beyond its role, against the projections as they
 * are now (a recorder may log only the contacts its grants cover). Throws a FORBIDDEN error.
 */
export interface CommandPolicy {
  authorize(principal: Principal, command: AnyCommand, projections: ProjectionSet): void;
}

export interface ProjectionSystem {
  /** The domain system whose commands `policy` checks. */
  system: string;
  /** Makes the wing's projections; `before` looks up the ones registered ahead of it. */
  projections(before: <P extends Projection>(name: string) => P): Projection[];
  policy?: CommandPolicy;
}

export const PROJECTION_SYSTEMS: readonly ProjectionSystem[] = [
  { system: 'roster', projections: () => [new RosterProjection()] },
  { system: 'liaison', projections: (before) => liaisonProjections(before(RosterProjection.NAME)), policy: liaisonCommandPolicy },
  { system: 'proposals', projections: () => [new ProposalsProjection()], policy: proposalsCommandPolicy },
  { system: 'inspections', projections: () => [new InspectionsProjection()], policy: inspectionsCommandPolicy },
  { system: 'opinions', projections: (before) => [new OpinionsProjection(before(RosterProjection.NAME))], policy: opinionsCommandPolicy },
  {
    system: 'topics',
    projections: (before) => [new TopicsProjection({ contacts: before(ContactsProjection.NAME), proposals: before(ProposalsProjection.NAME), opinions: before(OpinionsProjection.NAME), inspections: before(InspectionsProjection.NAME) })],
    policy: topicsCommandPolicy,
  },
  { system: 'partyCommittee', projections: () => [new PartyCommitteeProjection()], policy: partyCommitteeCommandPolicy },
  { system: 'compliance', projections: () => [new ComplianceProjection()], policy: complianceCommandPolicy },
  // A view across the contacts, proposals and reports: no commands, so no domain system and no policy.
  { system: 'trail', projections: (before) => [new TrailProjection(before<ContactsProjection>(ContactsProjection.NAME))] },
  {
    system: 'duty',
    projections: (before) => [
      new DutyProjection(before(RosterProjection.NAME), before(LinksProjection.NAME), before(ContactsProjection.NAME), before(ProposalsProjection.NAME), before(OpinionsProjection.NAME), before(InspectionsProjection.NAME)),
    ],
    policy: dutyCommandPolicy,
  },
  { system: 'access', projections: () => [new TokensProjection()] },
];

/** A fresh set of the systems' projections, upcasting events as the domain registry says. */
export function createProjections(systems: readonly ProjectionSystem[] = PROJECTION_SYSTEMS, registry: SystemRegistry = DOMAIN): ProjectionSet {
  const made: Projection[] = [];
  const before = <P extends Projection>(name: string): P => {
    const found = made.find((p) => p.name === name);
    if (!found) throw new Error(`projection ${name} must be registered before the ones that read it`);
    return found as P;
  };
  for (const system of systems) made.push(...system.projections(before));
  // The write path's, whatever the systems: the command ids clients sent (idempotency keys).
  made.push(new CommandIdsProjection(new Set(registry.eventTypes()), new Set(registry.claimTypes())));
  return new ProjectionSet(made, (event) => registry.upcast(event));
}
