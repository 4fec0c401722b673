/** The roster wing: members, organizations, localities, persons outside the committee, terms and plenary sessions. */
import { defineSystem } from '../shared/system.js';
import { ADMIN } from '../shared/roles.js';
import {
  LocalityCommand,
  LocalityEvent,
  MemberCommand,
  MemberEvent,
  OrganizationCommand,
  OrganizationEvent,
  PersonCommand,
  PersonEvent,
  PlenarySessionCommand,
  PlenarySessionEvent,
  TermCommand,
  TermEvent,
  locality,
  member,
  organization,
  person,
  plenarySession,
  term,
} from './roster.js';

export * from './roster.js';

export type RosterCommand = MemberCommand | OrganizationCommand | LocalityCommand | PersonCommand | TermCommand | PlenarySessionCommand;
export type RosterEvent = MemberEvent | OrganizationEvent | LocalityEvent | PersonEvent | TermEvent | PlenarySessionEvent;

const MEMBER = ['member', 'memberId'] as const;
const ORGANIZATION = ['organization', 'organizationId'] as const;

export const rosterSystem = defineSystem<RosterCommand, RosterEvent>()({
  name: 'roster',
  commands: {
    RegisterMember: { decider: member, roles: ADMIN },
    ChangeMemberProfile: { decider: member, roles: ADMIN },
    RecordMemberLeft: { decider: member, roles: ADMIN },
    RegisterOrganization: { decider: organization, roles: ADMIN },
    ChangeGroupLeader: { decider: organization, roles: ADMIN },
    DissolveOrganization: { decider: organization, roles: ADMIN },
    RegisterLocality: { decider: locality, roles: ADMIN },
    RegisterPerson: { decider: person, roles: ADMIN },
    OpenTerm: { decider: term, roles: ADMIN },
    SchedulePlenarySession: { decider: plenarySession, roles: ADMIN },
  },
  // A registration records a fact about the register itself, and a plenary session is scheduled
  // ahead of time: none of them is something that happened at a moment of its own.
  events: {
    MemberRegistered: { stream: MEMBER, facts: (d) => ({ occurredAt: d.joinedOn ?? undefined }) },
    MemberProfileChanged: { stream: MEMBER, facts: (d) => ({ occurredAt: d.effectiveAt, reason: d.reason }) },
    MemberLeft: { stream: MEMBER, facts: (d) => ({ occurredAt: d.leftOn, reason: d.reason }) },
    OrganizationRegistered: { stream: ORGANIZATION, facts: () => ({}) },
    GroupLeaderChanged: { stream: ORGANIZATION, facts: (d) => ({ occurredAt: d.effectiveAt, reason: d.reason }) },
    OrganizationDissolved: { stream: ORGANIZATION, facts: (d) => ({ occurredAt: d.dissolvedOn, reason: d.reason }) },
    LocalityRegistered: { stream: ['locality', 'localityId'], facts: () => ({}) },
    PersonRegistered: { stream: ['person', 'personId'], facts: () => ({}) },
    TermOpened: { stream: ['term', 'termId'], facts: () => ({}) },
    PlenarySessionScheduled: { stream: ['plenary', 'sessionId'], facts: () => ({}) },
  },
});
