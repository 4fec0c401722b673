/**
 * The roster: members, organizations (liaison groups included), localities, persons outside the
 * committee and plenary sessions. One stream per entity; every change is an event.
 */
import { Decider, Event, sameData } from '../shared/decider.js';
import { Directory, partyKind } from '../shared/directory.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { parseInstant, toMs } from '../shared/time.js';
import { LIMITS, requireId, requireInt, requireOneOf, requireText } from '../shared/validation.js';
import {
  AFFILIATIONS,
  AFFILIATION_NAMES,
  Affiliation,
  CONVENED_KINDS,
  GENDERS,
  GENDER_NAMES,
  Gender,
  LOCALITY_KINDS,
  LocalityKind,
  ORGANIZATION_KINDS,
  OrganizationKind,
  ROLE_KINDS,
  Role,
} from '../shared/vocabulary.js';

// ---------------------------------------------------------------- members

export interface MemberProfile {
  name: string;
  /** Null when the roster does not say (an import's blank cell); members registered before it always had one. */
  gender: Gender | null;
  /** 民族; null when unknown. */
  ethnicity: string | null;
  affiliation: Affiliation;
  sectorId: string;
  specialCommitteeId: string;
  liaisonGroupId: string | null;
  roles: Role[];
}

export type MemberEvent =
  | Event<'MemberRegistered', { memberId: string; joinedOn: string | null } & MemberProfile>
  | Event<'MemberProfileChanged', { memberId: string; effectiveAt: string; reason: string } & MemberProfile>
  | Event<'MemberLeft', { memberId: string; leftOn: string; reason: string }>;

export type MemberCommand =
  | { type: 'RegisterMember'; memberId: string; joinedOn?: string | null } & MemberProfileInput
  | { type: 'ChangeMemberProfile'; memberId: string; effectiveAt?: string; reason: string } & Partial<MemberProfileInput>
  | { type: 'RecordMemberLeft'; memberId: string; leftOn: string; reason: string };

export interface MemberProfileInput {
  name: string;
  /** MALE, FEMALE, 男 or 女; blank or null: unknown. */
  gender?: string | null;
  /** Blank or null: unknown. */
  ethnicity?: string | null;
  /** A code (CPC, RCCK …) or its Chinese name (中共, 民革 …): recorded as the code. */
  affiliation: string;
  sectorId: string;
  specialCommitteeId: string;
  liaisonGroupId?: string | null;
  roles?: Array<{ kind: string; bodyId?: string | null }>;
}

export type MemberState =
  | { status: 'NONE' }
  | { status: 'ACTIVE' | 'LEFT'; memberId: string; joinedOn: string | null; profile: MemberProfile };

function validRoles(roles: MemberProfileInput['roles'], directory: Directory): Role[] {
  const out: Role[] = [];
  for (const [i, r] of (roles ?? []).entries()) {
    const kind = requireOneOf(r.kind, ROLE_KINDS, `roles[${i}].kind`);
    if (kind === 'CONVENER') {
      const bodyId = requireId(r.bodyId, `roles[${i}].bodyId`);
      const body = directory.organization(bodyId);
      if (!body) throw notFound(`roles[${i}]: body ${bodyId} is not registered`, `roles[${i}].bodyId`);
      if (!CONVENED_KINDS.includes(body.kind)) {
        throw invalid(`roles[${i}]: a convener convenes a sector, special committee or liaison group; ${bodyId} is a ${body.kind}`, `roles[${i}].bodyId`);
      }
      out.push({ kind, bodyId });
    } else {
      if (r.bodyId) throw invalid(`roles[${i}]: only a CONVENER role names a body; remove bodyId from ${kind}`, `roles[${i}].bodyId`);
      out.push({ kind, bodyId: null });
    }
  }
  const keys = out.map((r) => `${r.kind}:${r.bodyId ?? ''}`);
  if (new Set(keys).size !== keys.length) throw invalid('roles lists the same role twice', 'roles');
  return out;
}

function requireOrgOfKind(directory: Directory, id: unknown, kind: OrganizationKind, field: string): string {
  const orgId = requireId(id, field);
  const org = directory.organization(orgId);
  if (!org) throw notFound(`${field}: organization ${orgId} is not registered`, field);
  if (org.kind !== kind) throw invalid(`${field}: ${orgId} is a ${org.kind}, not a ${kind}`, field);
  if (org.dissolved) throw invalid(`${field}: ${orgId} has been dissolved`, field);
  return orgId;
}

function validProfile(input: MemberProfileInput, directory: Directory): MemberProfile {
  return {
    name: requireText(input.name, 'name', LIMITS.name),
    gender: blank(input.gender) ? null : requireOneOf(GENDER_NAMES[String(input.gender).trim()] ?? input.gender, GENDERS, 'gender'),
    ethnicity: blank(input.ethnicity) ? null : requireText(input.ethnicity, 'ethnicity', LIMITS.name),
    affiliation: requireAffiliation(input.affiliation),
    sectorId: requireOrgOfKind(directory, input.sectorId, 'SECTOR', 'sectorId'),
    // 委员全部编入各专委会: every member is in a special committee, so it is required here.
    specialCommitteeId: requireOrgOfKind(directory, input.specialCommitteeId, 'SPECIAL_COMMITTEE', 'specialCommitteeId'),
    liaisonGroupId: input.liaisonGroupId ? requireOrgOfKind(directory, input.liaisonGroupId, 'LIAISON_GROUP', 'liaisonGroupId') : null,
    roles: validRoles(input.roles, directory),
  };
}

const blank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The code of an affiliation given as its code or its Chinese name; refused, the message lists both. */
function requireAffiliation(value: unknown): Affiliation {
  const text = typeof value === 'string' ? value.trim() : value;
  const code = typeof text === 'string' ? (AFFILIATION_NAMES[text] ?? text) : text;
  if (typeof code === 'string' && (AFFILIATIONS as readonly string[]).includes(code)) return code as Affiliation;
  if (blank(value)) throw invalid('affiliation is required', 'affiliation');
  const names = AFFILIATIONS.map((a) => `${a} (${Object.keys(AFFILIATION_NAMES).find((n) => AFFILIATION_NAMES[n] === a)})`).join(', ');
  throw invalid(`affiliation "${String(value)}" is not one of ${names}`, 'affiliation');
}

function requireNotFuture(iso: string, now: string, field: string): string {
  if (toMs(iso) > toMs(now)) throw invalid(`${field} ${iso} is in the future (now is ${now})`, field);
  return iso;
}

/** Ids of members, organizations, persons and localities share one space, so a contact's participant id is never ambiguous. */
function requireFreeId(directory: Directory, id: string, field: string, own: 'MEMBER' | 'ORGANIZATION' | 'PERSON' | 'LOCALITY'): void {
  const kind = partyKind(directory, id) ?? (directory.locality(id) ? 'LOCALITY' : undefined);
  if (kind && kind !== own) throw conflict(`${field} ${id} is already used by a ${kind.toLowerCase()}; choose another id`, field);
}

export const member: Decider<MemberCommand, MemberEvent, MemberState> = {
  streamId: (c) => `member-${c.memberId}`,
  initialState: { status: 'NONE' },
  evolve(state, event) {
    switch (event.type) {
      case 'MemberRegistered': {
        const { memberId, joinedOn, ...profile } = event.data;
        return { status: 'ACTIVE', memberId, joinedOn, profile };
      }
      case 'MemberProfileChanged': {
        if (state.status === 'NONE') return state;
        const { memberId: _m, effectiveAt: _e, reason: _r, ...profile } = event.data;
        return { ...state, profile };
      }
      case 'MemberLeft':
        return state.status === 'NONE' ? state : { ...state, status: 'LEFT' };
      default: {
        const never: never = event;
        return never;
      }
    }
  },
  decide(command, state, { now, directory }) {
    const memberId = requireId(command.memberId, 'memberId');
    switch (command.type) {
      case 'RegisterMember': {
        requireFreeId(directory, memberId, 'memberId', 'MEMBER');
        const data = {
          memberId,
          joinedOn: blank(command.joinedOn) ? null : parseInstant(command.joinedOn, 'joinedOn'),
          ...validProfile(command, directory),
        };
        if (state.status !== 'NONE') {
          const { memberId: _id, joinedOn, profile } = state;
          if (sameData({ memberId, joinedOn, ...profile }, data)) return [];
          throw conflict(`member ${memberId} is already registered with other details; change the profile instead`, 'memberId');
        }
        return [{ type: 'MemberRegistered', data }];
      }
      case 'ChangeMemberProfile': {
        if (state.status === 'NONE') throw notFound(`member ${memberId} is not registered`, 'memberId');
        if (state.status === 'LEFT') throw conflict(`member ${memberId} has left the committee; their profile is closed`, 'memberId');
        const { type: _t, memberId: _m, effectiveAt, reason, ...changes } = command;
        const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
        const profile = validProfile({ ...state.profile, ...defined } as MemberProfileInput, directory);
        if (sameData(profile, state.profile)) return [];
        return [
          {
            type: 'MemberProfileChanged',
            data: {
              memberId,
              effectiveAt: requireNotFuture(effectiveAt ? parseInstant(effectiveAt, 'effectiveAt') : now, now, 'effectiveAt'),
              reason: requireText(reason, 'reason', LIMITS.reason),
              ...profile,
            },
          },
        ];
      }
      case 'RecordMemberLeft': {
        if (state.status === 'NONE') throw notFound(`member ${memberId} is not registered`, 'memberId');
        if (state.status === 'LEFT') throw conflict(`member ${memberId} has already left the committee`, 'memberId');
        const leftOn = requireNotFuture(parseInstant(command.leftOn, 'leftOn'), now, 'leftOn');
        if (state.joinedOn !== null && toMs(leftOn) < toMs(state.joinedOn)) throw invalid(`leftOn ${leftOn} is before the member joined (${state.joinedOn})`, 'leftOn');
        return [{ type: 'MemberLeft', data: { memberId, leftOn, reason: requireText(command.reason, 'reason', LIMITS.reason) } }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
};

// ---------------------------------------------------------------- organizations

export interface OrganizationProfile {
  kind: OrganizationKind;
  name: string;
  /** The locality a liaison group covers; null for every other kind. */
  localityId: string | null;
  /** Who leads a liaison group (that locality's deputy Party secretary, a person or a member). */
  leaderId: string | null;
}

export type OrganizationEvent =
  | Event<'OrganizationRegistered', { organizationId: string } & OrganizationProfile>
  | Event<'GroupLeaderChanged', { organizationId: string; leaderId: string; effectiveAt: string; reason: string }>
  | Event<'OrganizationDissolved', { organizationId: string; dissolvedOn: string; reason: string }>;

export type OrganizationCommand =
  | { type: 'RegisterOrganization'; organizationId: string; kind: string; name: string; localityId?: string | null; leaderId?: string | null }
  | { type: 'ChangeGroupLeader'; organizationId: string; leaderId: string; effectiveAt?: string; reason: string }
  | { type: 'DissolveOrganization'; organizationId: string; dissolvedOn: string; reason: string };

export type OrganizationState =
  | { status: 'NONE' }
  | { status: 'ACTIVE' | 'DISSOLVED'; organizationId: string; profile: OrganizationProfile };

function requireLeader(directory: Directory, value: unknown, field: string): string {
  const id = requireId(value, field);
  const kind = partyKind(directory, id);
  if (kind === 'ORGANIZATION') throw invalid(`${field}: ${id} is an organization; a group is led by a member or a person`, field);
  if (!kind) throw notFound(`${field}: ${id} is neither a registered member nor a registered person`, field);
  const m = directory.member(id);
  if (m && m.status === 'LEFT') throw invalid(`${field}: member ${id} has left the committee`, field);
  return id;
}

export const organization: Decider<OrganizationCommand, OrganizationEvent, OrganizationState> = {
  streamId: (c) => `organization-${c.organizationId}`,
  initialState: { status: 'NONE' },
  evolve(state, event) {
    switch (event.type) {
      case 'OrganizationRegistered': {
        const { organizationId, ...profile } = event.data;
        return { status: 'ACTIVE', organizationId, profile };
      }
      case 'GroupLeaderChanged':
        return state.status === 'NONE' ? state : { ...state, profile: { ...state.profile, leaderId: event.data.leaderId } };
      case 'OrganizationDissolved':
        return state.status === 'NONE' ? state : { ...state, status: 'DISSOLVED' };
      default: {
        const never: never = event;
        return never;
      }
    }
  },
  decide(command, state, { now, directory }) {
    const organizationId = requireId(command.organizationId, 'organizationId');
    switch (command.type) {
      case 'RegisterOrganization': {
        requireFreeId(directory, organizationId, 'organizationId', 'ORGANIZATION');
        const kind = requireOneOf(command.kind, ORGANIZATION_KINDS, 'kind');
        const name = requireText(command.name, 'name', LIMITS.name);
        let localityId: string | null = null;
        let leaderId: string | null = null;
        if (kind === 'LIAISON_GROUP') {
          localityId = requireId(command.localityId, 'localityId');
          if (!directory.locality(localityId)) throw notFound(`localityId: locality ${localityId} is not registered`, 'localityId');
          const existing = directory.liaisonGroupOf(localityId);
          if (existing && existing !== organizationId) {
            throw conflict(`locality ${localityId} already has liaison group ${existing}; one group per locality`, 'localityId');
          }
          // DOMAIN.md: a group is led by its locality's deputy Party secretary. The post can be vacant
          // or not yet on the roster when the group is registered, so the leader is optional here and
          // named later with ChangeGroupLeader; when given, it must be a registered member or person.
          leaderId = blank(command.leaderId) ? null : requireLeader(directory, command.leaderId, 'leaderId');
        } else if (command.localityId || command.leaderId) {
          throw invalid(`only a LIAISON_GROUP has a locality and a leader; remove them from this ${kind}`, command.localityId ? 'localityId' : 'leaderId');
        }
        const data = { organizationId, kind, name, localityId, leaderId };
        if (state.status !== 'NONE') {
          if (sameData({ organizationId, ...state.profile }, data)) return [];
          throw conflict(`organization ${organizationId} is already registered with other details`, 'organizationId');
        }
        return [{ type: 'OrganizationRegistered', data }];
      }
      case 'ChangeGroupLeader': {
        if (state.status === 'NONE') throw notFound(`organization ${organizationId} is not registered`, 'organizationId');
        if (state.profile.kind !== 'LIAISON_GROUP') throw invalid(`${organizationId} is a ${state.profile.kind}; only liaison groups have a leader`, 'organizationId');
        if (state.status === 'DISSOLVED') throw conflict(`liaison group ${organizationId} has been dissolved`, 'organizationId');
        const leaderId = requireLeader(directory, command.leaderId, 'leaderId');
        if (leaderId === state.profile.leaderId) return [];
        const effectiveAt = command.effectiveAt ? parseInstant(command.effectiveAt, 'effectiveAt') : now;
        if (toMs(effectiveAt) > toMs(now)) throw invalid(`effectiveAt ${effectiveAt} is in the future`, 'effectiveAt');
        return [{ type: 'GroupLeaderChanged', data: { organizationId, leaderId, effectiveAt, reason: requireText(command.reason, 'reason', LIMITS.reason) } }];
      }
      case 'DissolveOrganization': {
        if (state.status === 'NONE') throw notFound(`organization ${organizationId} is not registered`, 'organizationId');
        if (state.status === 'DISSOLVED') throw conflict(`organization ${organizationId} is already dissolved`, 'organizationId');
        const dissolvedOn = parseInstant(command.dissolvedOn, 'dissolvedOn');
        if (toMs(dissolvedOn) > toMs(now)) throw invalid(`dissolvedOn ${dissolvedOn} is in the future`, 'dissolvedOn');
        return [{ type: 'OrganizationDissolved', data: { organizationId, dissolvedOn, reason: requireText(command.reason, 'reason', LIMITS.reason) } }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
};

// ---------------------------------------------------------------- localities, persons, plenary sessions

export type LocalityEvent = Event<'LocalityRegistered', { localityId: string; name: string; kind: LocalityKind }>;
export type LocalityCommand = { type: 'RegisterLocality'; localityId: string; name: string; kind: string };
export type LocalityState = { registered: LocalityEvent['data'] | null };

export const locality: Decider<LocalityCommand, LocalityEvent, LocalityState> = {
  streamId: (c) => `locality-${c.localityId}`,
  initialState: { registered: null },
  evolve: (_state, event) => ({ registered: event.data }),
  decide(command, state, { directory }) {
    const localityId = requireId(command.localityId, 'localityId');
    requireFreeId(directory, localityId, 'localityId', 'LOCALITY');
    const data = { localityId, name: requireText(command.name, 'name', LIMITS.name), kind: requireOneOf(command.kind, LOCALITY_KINDS, 'kind') };
    if (state.registered) {
      if (sameData(state.registered, data)) return [];
      throw conflict(`locality ${localityId} is already registered with other details`, 'localityId');
    }
    return [{ type: 'LocalityRegistered', data }];
  },
};

export type PersonEvent = Event<'PersonRegistered', { personId: string; name: string; title: string; organizationId: string | null }>;
export type PersonCommand = { type: 'RegisterPerson'; personId: string; name: string; title?: string; organizationId?: string | null };
export type PersonState = { registered: PersonEvent['data'] | null };

export const person: Decider<PersonCommand, PersonEvent, PersonState> = {
  streamId: (c) => `person-${c.personId}`,
  initialState: { registered: null },
  evolve: (_state, event) => ({ registered: event.data }),
  decide(command, state, { directory }) {
    const personId = requireId(command.personId, 'personId');
    requireFreeId(directory, personId, 'personId', 'PERSON');
    const organizationId = command.organizationId ? requireId(command.organizationId, 'organizationId') : null;
    if (organizationId && !directory.organization(organizationId)) throw notFound(`organizationId: organization ${organizationId} is not registered`, 'organizationId');
    const data = {
      personId,
      name: requireText(command.name, 'name', LIMITS.name),
      title: requireText(command.title, 'title', LIMITS.title, { optional: true }),
      organizationId,
    };
    if (state.registered) {
      if (sameData(state.registered, data)) return [];
      throw conflict(`person ${personId} is already registered with other details`, 'personId');
    }
    return [{ type: 'PersonRegistered', data }];
  },
};

/** 届: a term of the committee (about five years). Proposals and duty records are kept per term. */
export type TermEvent = Event<'TermOpened', { termId: string; name: string; number: number; startsOn: string; endsOn: string }>;
export type TermCommand = { type: 'OpenTerm'; termId: string; name: string; number: number; startsOn: string; endsOn: string };
export type TermState = { opened: TermEvent['data'] | null };

export const term: Decider<TermCommand, TermEvent, TermState> = {
  streamId: (c) => `term-${c.termId}`,
  initialState: { opened: null },
  evolve: (_state, event) => ({ opened: event.data }),
  decide(command, state) {
    const termId = requireId(command.termId, 'termId');
    const startsOn = parseInstant(command.startsOn, 'startsOn');
    const endsOn = parseInstant(command.endsOn, 'endsOn');
    if (toMs(endsOn) <= toMs(startsOn)) throw invalid(`endsOn ${endsOn} must be after startsOn ${startsOn}`, 'endsOn');
    const data = { termId, name: requireText(command.name, 'name', LIMITS.name), number: requireInt(command.number, 'number', 1, 100), startsOn, endsOn };
    if (state.opened) {
      if (sameData(state.opened, data)) return [];
      throw conflict(`term ${termId} is already opened with other details`, 'termId');
    }
    return [{ type: 'TermOpened', data }];
  },
};

/**
 * 全体会议 (次会议): contacts made during a plenary session do not count for CONVENER links (闭会期间),
 * and proposals are numbered per term and session. A session scheduled before terms were kept
 * has no term; one scheduled in a term has its number within it (第三次会议: 3).
 */
export type PlenarySessionEvent = Event<'PlenarySessionScheduled', { sessionId: string; name: string; startsOn: string; endsOn: string; termId?: string; number?: number }>;
export type PlenarySessionCommand = { type: 'SchedulePlenarySession'; sessionId: string; name: string; startsOn: string; endsOn: string; termId?: string | null; number?: number | null };
export type PlenarySessionState = { scheduled: PlenarySessionEvent['data'] | null };

export const plenarySession: Decider<PlenarySessionCommand, PlenarySessionEvent, PlenarySessionState> = {
  streamId: (c) => `plenary-${c.sessionId}`,
  initialState: { scheduled: null },
  evolve: (_state, event) => ({ scheduled: event.data }),
  decide(command, state, { directory }) {
    const sessionId = requireId(command.sessionId, 'sessionId');
    const startsOn = parseInstant(command.startsOn, 'startsOn');
    const endsOn = parseInstant(command.endsOn, 'endsOn');
    if (toMs(endsOn) <= toMs(startsOn)) throw invalid(`endsOn ${endsOn} must be after startsOn ${startsOn}`, 'endsOn');
    const data: PlenarySessionEvent['data'] = { sessionId, name: requireText(command.name, 'name', LIMITS.name), startsOn, endsOn };
    if (command.termId) {
      const termId = requireId(command.termId, 'termId');
      const t = directory.term(termId);
      if (!t) throw notFound(`term ${termId} is not opened`, 'termId');
      if (toMs(startsOn) < t.startMs || toMs(startsOn) >= t.endMs) throw invalid(`session ${sessionId} starts outside term ${termId}`, 'startsOn');
      data.termId = termId;
      data.number = requireInt(command.number, 'number', 1, 100);
    } else if (command.number !== undefined && command.number !== null) {
      throw invalid('a session\'s number counts within a term: give termId too', 'termId');
    }
    if (state.scheduled) {
      if (sameData(state.scheduled, data)) return [];
      throw conflict(`plenary session ${sessionId} is already scheduled with other dates or term`, 'sessionId');
    }
    return [{ type: 'PlenarySessionScheduled', data }];
  },
};
