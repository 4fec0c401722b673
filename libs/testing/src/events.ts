/**
 * Builders for domain events, so a test's setup fits on one line. Defaults are the dullest valid
 * values; instants may be written as a clerk writes them (`2020-03-05`, committee time) and are
 * stored as UTC ISO strings, exactly as the deciders store them.
 */
import {
  Affiliation,
  ContactDetails,
  ContactEvent,
  LinkEvent,
  LocalityEvent,
  MemberEvent,
  MemberProfile,
  OrganizationEvent,
  OrganizationKind,
  PeriodKind,
  PersonEvent,
  PlenarySessionEvent,
  TermEvent,
  Role,
  Scheme,
  linkPairKey,
  parseInstant,
} from '#domain';

const at = (value: string) => parseInstant(value, 'instant');

export const locality = (localityId: string, name = `Locality ${localityId}`): LocalityEvent => ({
  type: 'LocalityRegistered',
  data: { localityId, name, kind: 'TOWN' },
});

export const organization = (organizationId: string, kind: OrganizationKind, name = `${kind} ${organizationId}`): OrganizationEvent => ({
  type: 'OrganizationRegistered',
  data: { organizationId, kind, name, localityId: null, leaderId: null },
});

export const liaisonGroup = (organizationId: string, localityId: string, leaderId: string, name = `Group ${organizationId}`): OrganizationEvent => ({
  type: 'OrganizationRegistered',
  data: { organizationId, kind: 'LIAISON_GROUP', name, localityId, leaderId },
});

export const dissolved = (organizationId: string, dissolvedOn: string): OrganizationEvent => ({
  type: 'OrganizationDissolved',
  data: { organizationId, dissolvedOn: at(dissolvedOn), reason: 'merged' },
});

export const person = (personId: string, name = `Person ${personId}`, organizationId: string | null = null): PersonEvent => ({
  type: 'PersonRegistered',
  data: { personId, name, title: '', organizationId },
});

export interface MemberOptions extends Partial<Omit<MemberProfile, 'roles'>> {
  joinedOn?: string;
  roles?: Array<Role['kind'] | Role>;
}

export const member = (memberId: string, options: MemberOptions = {}): MemberEvent => {
  const { joinedOn = '2018-01-01', roles = [], ...profile } = options;
  return {
    type: 'MemberRegistered',
    data: {
      memberId,
      joinedOn: at(joinedOn),
      name: `Member ${memberId}`,
      gender: 'MALE',
      ethnicity: 'Han',
      affiliation: 'NON_PARTY' as Affiliation,
      sectorId: 'sector-1',
      specialCommitteeId: 'sc-1',
      liaisonGroupId: null,
      ...profile,
      roles: roles.map((r) => (typeof r === 'string' ? { kind: r, bodyId: null } : r)),
    },
  };
};

export const memberLeft = (memberId: string, leftOn: string): MemberEvent => ({
  type: 'MemberLeft',
  data: { memberId, leftOn: at(leftOn), reason: 'term ended' },
});

export const plenary = (sessionId: string, startsOn: string, endsOn: string, inTerm?: { termId: string; number: number }): PlenarySessionEvent => ({
  type: 'PlenarySessionScheduled',
  data: { sessionId, name: `Session ${sessionId}`, startsOn: at(startsOn), endsOn: at(endsOn), ...(inTerm ?? {}) },
});

export const term = (termId: string, number: number, startsOn: string, endsOn: string): TermEvent => ({
  type: 'TermOpened',
  data: { termId, name: `Term ${termId}`, number, startsOn: at(startsOn), endsOn: at(endsOn) },
});

export interface LinkOptions {
  scheme?: Scheme;
  /** `2/QUARTER` by default. */
  min?: number;
  per?: PeriodKind;
  from?: string;
}

export const link = (linkId: string, sourceId: string, targetId: string, options: LinkOptions = {}): LinkEvent => ({
  type: 'LinkAssigned',
  data: {
    linkId,
    scheme: options.scheme ?? 'PARTY_MEMBER_TO_NON_PARTY',
    sourceId,
    targetId,
    requirement: { minContacts: options.min ?? 2, per: options.per ?? 'QUARTER' },
    activeFrom: at(options.from ?? '2020-01-01'),
  },
});

export const reassigned = (linkId: string, fromSourceId: string, toSourceId: string, effectiveAt: string): LinkEvent => ({
  type: 'LinkReassigned',
  data: { linkId, fromSourceId, toSourceId, effectiveAt: at(effectiveAt), reason: 'handed over' },
});

/** The reservation of the pair a link becomes active on; `generation` is how many claims the pair had before. */
export const pairClaimed = (linkId: string, sourceId: string, targetId: string, scheme: Scheme = 'PARTY_MEMBER_TO_NON_PARTY', generation = 0): LinkEvent => ({
  type: 'LinkPairClaimed',
  data: { pairKey: linkPairKey(scheme, sourceId, targetId), linkId, generation },
});

export const ended = (linkId: string, activeTo: string): LinkEvent => ({
  type: 'LinkEnded',
  data: { linkId, activeTo: at(activeTo), reason: 'term ended' },
});

export type ContactLoggedEvent = Extract<ContactEvent, { type: 'ContactLogged' }>;

export interface ContactOptions {
  links?: string[];
  liaisonGroupId?: string | null;
  channel?: ContactDetails['channel'];
  topic?: string;
  issues?: ContactDetails['issues'];
}

export const contact = (contactId: string, occurredAt: string, participantIds: string[], options: ContactOptions = {}): ContactLoggedEvent => ({
  type: 'ContactLogged',
  data: {
    contactId,
    recordedBy: 'clerk',
    participantIds,
    linkIds: options.links ?? [],
    occurredAt: at(occurredAt),
    channel: options.channel ?? 'VISIT',
    topic: options.topic ?? 'visit',
    summary: '',
    issues: options.issues ?? [],
    liaisonGroupId: options.liaisonGroupId ?? null,
  },
});

/** A correction of a logged contact: its details with `changes` applied (occurredAt in clerk form). */
export const corrected = (original: ContactLoggedEvent, changes: Partial<ContactDetails>): ContactEvent => {
  const { contactId, recordedBy: _r, ...details } = original.data;
  return {
    type: 'ContactCorrected',
    data: {
      contactId,
      correctedBy: 'clerk',
      reason: 'wrong details',
      ...details,
      ...changes,
      ...(changes.occurredAt ? { occurredAt: at(changes.occurredAt) } : {}),
    },
  };
};

export const retracted = (contactId: string): ContactEvent => ({
  type: 'ContactRetracted',
  data: { contactId, retractedBy: 'clerk', reason: 'logged by mistake' },
});
