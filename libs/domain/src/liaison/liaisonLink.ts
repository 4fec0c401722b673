/**
 * A liaison link: a standing duty that one party keeps in touch with another under a scheme, at
 * least N times per period. Links are assigned, reassigned (a new source takes the duty over) and
 * ended; they are never edited in place.
 */
import { Decider, Event, sameData } from '../shared/decider.js';
import { Directory, MemberFacts, partyKind } from '../shared/directory.js';
import { DomainError, conflict, invalid, notFound } from '../shared/errors.js';
import { parseInstant, toMs } from '../shared/time.js';
import { LIMITS, requireId, requireInt, requireOneOf, requireText } from '../shared/validation.js';
import { LEADER_ROLES, PERIOD_KINDS, Requirement, SCHEMES, Scheme } from '../shared/vocabulary.js';

export type LinkEvent =
  | Event<'LinkAssigned', { linkId: string; scheme: Scheme; sourceId: string; targetId: string; requirement: Requirement; activeFrom: string }>
  | Event<'LinkReassigned', { linkId: string; fromSourceId: string; toSourceId: string; effectiveAt: string; reason: string }>
  | Event<'LinkEnded', { linkId: string; activeTo: string; reason: string }>
  /**
   * The reservation of a pair (scheme, source, target) by the link that becomes active on it,
   * recorded beside the link's own event in the pair's stream at revision `generation` (see
   * `EventSpec.claims`). Two writers that each saw the pair free saw the same generation, so the
   * second append conflicts in the store's transaction: one active link per pair holds across
   * processes, the import and the API alike, not only against the model a writer read.
   */
  | Event<'LinkPairClaimed', { pairKey: string; linkId: string; generation: number }>;

/** The pair's key, and its stream's: ids never hold ';' (validation.ts), so no two pairs share one. */
export const linkPairKey = (scheme: Scheme, sourceId: string, targetId: string): string => `${scheme};${sourceId};${targetId}`;

const claimPair = (directory: Directory, scheme: Scheme, sourceId: string, targetId: string, linkId: string): LinkEvent => ({
  type: 'LinkPairClaimed',
  data: { pairKey: linkPairKey(scheme, sourceId, targetId), linkId, generation: directory.linkPairClaims(scheme, sourceId, targetId) },
});

export type LinkCommand =
  | { type: 'AssignLink'; linkId: string; scheme: string; sourceId: string; targetId: string; requirement: { minContacts: number; per: string }; activeFrom: string }
  | { type: 'ReassignLink'; linkId: string; sourceId: string; effectiveAt: string; reason: string }
  | { type: 'EndLink'; linkId: string; activeTo: string; reason: string };

export type LinkState =
  | { status: 'NONE' }
  | {
      status: 'ACTIVE' | 'ENDED';
      assigned: Extract<LinkEvent, { type: 'LinkAssigned' }>['data'];
      sourceId: string;
      /** The latest moment anything happened to the link; a later change must not predate it. */
      lastChangeAt: string;
    };

const isCpc = (m: MemberFacts) => m.affiliation === 'CPC';
const hasRole = (m: MemberFacts, kinds: readonly string[]) => m.roles.some((r) => kinds.includes(r.kind));
const convenes = (m: MemberFacts, bodyId: string) => m.roles.some((r) => r.kind === 'CONVENER' && r.bodyId === bodyId);
const bodiesOf = (m: MemberFacts) => [m.sectorId, m.specialCommitteeId, m.liaisonGroupId].filter((b): b is string => !!b);

function activeMember(directory: Directory, id: string, field: string): MemberFacts {
  const m = directory.member(id);
  if (!m) {
    throw partyKind(directory, id)
      ? invalid(`${field}: ${id} is not a committee member; this scheme links members`, field)
      : notFound(`${field}: ${id} is not registered`, field);
  }
  if (m.status === 'LEFT') throw invalid(`${field}: member ${id} has left the committee`, field);
  return m;
}

/**
 * The rule of each scheme (DOMAIN.md, "The liaison schemes"). Throws a DomainError naming the
 * party that breaks it; returns when the pair is allowed.
 */
export function checkSchemeRule(scheme: Scheme, sourceId: string, targetId: string, directory: Directory): void {
  if (sourceId === targetId) throw invalid(`a link joins two different parties; source and target are both ${sourceId}`, 'targetId');
  switch (scheme) {
    case 'PARTY_GROUP_TO_PARTY_MEMBER': {
      const source = activeMember(directory, sourceId, 'sourceId');
      const target = activeMember(directory, targetId, 'targetId');
      if (!hasRole(source, ['PARTY_GROUP'])) throw invalid(`member ${sourceId} is not in the Party group; a ${scheme} link starts from a PARTY_GROUP member`, 'sourceId');
      if (!isCpc(target)) throw invalid(`member ${targetId} is not CPC; a ${scheme} link needs a CPC target`, 'targetId');
      return;
    }
    case 'PARTY_MEMBER_TO_NON_PARTY': {
      const source = activeMember(directory, sourceId, 'sourceId');
      const target = activeMember(directory, targetId, 'targetId');
      if (!isCpc(source)) throw invalid(`member ${sourceId} is not CPC; a ${scheme} link starts from a CPC member`, 'sourceId');
      if (isCpc(target)) throw invalid(`member ${targetId} is CPC; a ${scheme} link needs a non-Party target`, 'targetId');
      return;
    }
    case 'COMMITTEE_TO_PARTIES_AND_ORGS': {
      const source = activeMember(directory, sourceId, 'sourceId');
      if (!hasRole(source, ['CHAIR', 'VICE_CHAIR'])) throw invalid(`member ${sourceId} is neither chair nor vice-chair; a ${scheme} link starts from one`, 'sourceId');
      const org = directory.organization(targetId);
      if (!org) throw notFound(`targetId: organization ${targetId} is not registered`, 'targetId');
      if (org.kind !== 'DEMOCRATIC_PARTY' && org.kind !== 'PEOPLES_ORGANIZATION') {
        throw invalid(`${targetId} is a ${org.kind}; a ${scheme} link needs a democratic party or a people's organization`, 'targetId');
      }
      if (org.dissolved) throw invalid(`organization ${targetId} has been dissolved`, 'targetId');
      return;
    }
    case 'SECTOR': {
      const source = activeMember(directory, sourceId, 'sourceId');
      const target = activeMember(directory, targetId, 'targetId');
      if (!convenes(source, target.sectorId)) {
        throw invalid(`member ${sourceId} is not the convener of sector ${target.sectorId}, the sector of ${targetId}; a SECTOR link runs from a sector's convener to its members`, 'sourceId');
      }
      return;
    }
    case 'LIAISON_GROUP': {
      const group = directory.organization(sourceId);
      if (group && group.kind === 'LIAISON_GROUP') {
        // A group keeps in touch with its own members.
        if (group.dissolved) throw invalid(`liaison group ${sourceId} has been dissolved`, 'sourceId');
        const target = activeMember(directory, targetId, 'targetId');
        if (target.liaisonGroupId !== sourceId) throw invalid(`member ${targetId} is not in liaison group ${sourceId}`, 'targetId');
        return;
      }
      // A committee leader keeps in touch with a group.
      const source = activeMember(directory, sourceId, 'sourceId');
      if (!hasRole(source, LEADER_ROLES)) throw invalid(`member ${sourceId} is not a committee leader (${LEADER_ROLES.join(', ')}); a LIAISON_GROUP link starts from a leader or from a group`, 'sourceId');
      const target = directory.organization(targetId);
      if (!target) throw notFound(`targetId: ${targetId} is not registered`, 'targetId');
      if (target.kind !== 'LIAISON_GROUP') throw invalid(`${targetId} is a ${target.kind}; a leader's LIAISON_GROUP link targets a liaison group`, 'targetId');
      if (target.dissolved) throw invalid(`liaison group ${targetId} has been dissolved`, 'targetId');
      return;
    }
    case 'CONVENER': {
      const source = activeMember(directory, sourceId, 'sourceId');
      const target = activeMember(directory, targetId, 'targetId');
      if (!bodiesOf(target).some((b) => convenes(source, b))) {
        throw invalid(`member ${sourceId} convenes none of the bodies ${targetId} belongs to (${bodiesOf(target).join(', ')}); a CONVENER link runs from a convener to members of the body convened`, 'sourceId');
      }
      return;
    }
    default: {
      const never: never = scheme;
      throw new DomainError('VALIDATION', `unknown scheme ${String(never)}`);
    }
  }
}

export const liaisonLink: Decider<LinkCommand, LinkEvent, LinkState> = {
  streamId: (c) => `link-${c.linkId}`,
  initialState: { status: 'NONE' },
  evolve(state, event) {
    switch (event.type) {
      case 'LinkAssigned':
        return { status: 'ACTIVE', assigned: event.data, sourceId: event.data.sourceId, lastChangeAt: event.data.activeFrom };
      case 'LinkReassigned':
        return state.status === 'NONE' ? state : { ...state, sourceId: event.data.toSourceId, lastChangeAt: event.data.effectiveAt };
      case 'LinkEnded':
        return state.status === 'NONE' ? state : { ...state, status: 'ENDED', lastChangeAt: event.data.activeTo };
      case 'LinkPairClaimed': // lives in the pair's stream, not the link's
        return state;
      default: {
        const never: never = event;
        return never;
      }
    }
  },
  decide(command, state, { now, directory }) {
    const linkId = requireId(command.linkId, 'linkId');
    switch (command.type) {
      case 'AssignLink': {
        const scheme = requireOneOf(command.scheme, SCHEMES, 'scheme');
        const sourceId = requireId(command.sourceId, 'sourceId');
        const targetId = requireId(command.targetId, 'targetId');
        const requirement: Requirement = {
          minContacts: requireInt(command.requirement?.minContacts, 'requirement.minContacts', 1, LIMITS.minContacts),
          per: requireOneOf(command.requirement?.per, PERIOD_KINDS, 'requirement.per'),
        };
        const activeFrom = parseInstant(command.activeFrom, 'activeFrom');
        const data = { linkId, scheme, sourceId, targetId, requirement, activeFrom };
        if (state.status !== 'NONE') {
          if (sameData(state.assigned, data)) return [];
          throw conflict(`link ${linkId} is already assigned with other details; reassign or end it instead`, 'linkId');
        }
        checkSchemeRule(scheme, sourceId, targetId, directory);
        const existing = directory.activeLinkBetween(scheme, sourceId, targetId);
        if (existing) throw conflict(`link ${existing} already joins ${sourceId} to ${targetId} under ${scheme}`, 'linkId');
        return [{ type: 'LinkAssigned', data }, claimPair(directory, scheme, sourceId, targetId, linkId)];
      }
      case 'ReassignLink': {
        if (state.status === 'NONE') throw notFound(`link ${linkId} is not assigned`, 'linkId');
        if (state.status === 'ENDED') throw conflict(`link ${linkId} has ended; assign a new link instead`, 'linkId');
        const sourceId = requireId(command.sourceId, 'sourceId');
        if (sourceId === state.sourceId) throw invalid(`link ${linkId} is already held by ${sourceId}`, 'sourceId');
        const effectiveAt = parseInstant(command.effectiveAt, 'effectiveAt');
        if (toMs(effectiveAt) > toMs(now)) throw invalid(`effectiveAt ${effectiveAt} is in the future`, 'effectiveAt');
        if (toMs(effectiveAt) < toMs(state.lastChangeAt)) throw invalid(`effectiveAt ${effectiveAt} is before the link's last change (${state.lastChangeAt})`, 'effectiveAt');
        const reason = requireText(command.reason, 'reason', LIMITS.reason);
        checkSchemeRule(state.assigned.scheme, sourceId, state.assigned.targetId, directory);
        const existing = directory.activeLinkBetween(state.assigned.scheme, sourceId, state.assigned.targetId);
        if (existing) throw conflict(`link ${existing} already joins ${sourceId} to ${state.assigned.targetId} under ${state.assigned.scheme}`, 'sourceId');
        return [
          { type: 'LinkReassigned', data: { linkId, fromSourceId: state.sourceId, toSourceId: sourceId, effectiveAt, reason } },
          claimPair(directory, state.assigned.scheme, sourceId, state.assigned.targetId, linkId),
        ];
      }
      case 'EndLink': {
        if (state.status === 'NONE') throw notFound(`link ${linkId} is not assigned`, 'linkId');
        if (state.status === 'ENDED') throw conflict(`link ${linkId} has already ended`, 'linkId');
        const activeTo = parseInstant(command.activeTo, 'activeTo');
        // A link ends when the end is recorded, not ahead of time: a pending end would free the
        // pair for a second, overlapping link before the first one had stopped.
        if (toMs(activeTo) > toMs(now)) throw invalid(`activeTo ${activeTo} is in the future; end the link once it has ended`, 'activeTo');
        if (toMs(activeTo) < toMs(state.lastChangeAt)) throw invalid(`activeTo ${activeTo} is before the link's last change (${state.lastChangeAt})`, 'activeTo');
        return [{ type: 'LinkEnded', data: { linkId, activeTo, reason: requireText(command.reason, 'reason', LIMITS.reason) } }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
};
