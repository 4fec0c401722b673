import { AccessTokenCommand, AccessTokenEvent, accessToken } from './access/accessToken.js';
import { ContactCommand, ContactEvent, contact } from './liaison/contact.js';
import { Decider } from './shared/decider.js';
import { LinkCommand, LinkEvent, liaisonLink } from './liaison/liaisonLink.js';
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
  locality,
  member,
  organization,
  person,
  plenarySession,
} from './roster/roster.js';

export type DomainCommand = MemberCommand | OrganizationCommand | LocalityCommand | PersonCommand | PlenarySessionCommand | LinkCommand | ContactCommand | AccessTokenCommand;
export type DomainEvent = MemberEvent | OrganizationEvent | LocalityEvent | PersonEvent | PlenarySessionEvent | LinkEvent | ContactEvent | AccessTokenEvent;
export type DomainEventType = DomainEvent['type'];

/** The decider that handles each command type: one table, so the API and the CSV import dispatch alike. */
export const DECIDERS: { [T in DomainCommand['type']]: Decider<any, DomainEvent, any> } = {
  RegisterMember: member,
  ChangeMemberProfile: member,
  RecordMemberLeft: member,
  RegisterOrganization: organization,
  ChangeGroupLeader: organization,
  DissolveOrganization: organization,
  RegisterLocality: locality,
  RegisterPerson: person,
  SchedulePlenarySession: plenarySession,
  AssignLink: liaisonLink,
  ReassignLink: liaisonLink,
  EndLink: liaisonLink,
  LogContact: contact,
  CorrectContact: contact,
  RetractContact: contact,
  IssueToken: accessToken,
  RevokeToken: accessToken,
};

export const deciderFor = (command: DomainCommand): Decider<DomainCommand, DomainEvent, unknown> =>
  DECIDERS[command.type] as Decider<DomainCommand, DomainEvent, unknown>;
