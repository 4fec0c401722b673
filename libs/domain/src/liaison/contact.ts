/**
 * A contact (联系记录): one meeting, visit, call, letter or event between two or more parties.
 * `occurredAt` is when it happened, written by the clerk; when it was recorded is the store's
 * `recordedAt` on the event. A wrong contact is corrected or retracted by a new event with a
 * reason; nothing is deleted or overwritten.
 */
import { CommandContext, Decider, Event, sameData } from '../shared/decider.js';
import { partyKind, type Directory } from '../shared/directory.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { committeeDate, parseInstant, toMs } from '../shared/time.js';
import { LIMITS, distinct, requireId, requireOneOf, requireText } from '../shared/validation.js';
import { CHANNELS, Channel } from '../shared/vocabulary.js';
import { IssuesInput, RaisedIssue, resolveIssues } from './issues.js';
import { PROPOSALS_WING, type ProposalsDirectory } from '../proposals/directory.js';
import { INSPECTIONS_WING, type InspectionsDirectory } from '../inspections/directory.js';

export interface ContactDetails {
  participantIds: string[];
  linkIds: string[];
  occurredAt: string;
  channel: Channel;
  topic: string;
  summary: string;
  /** Each with its stable id (issues.ts); recorded before ids as `issuesRaised: string[]`, upcast on read. */
  issues: RaisedIssue[];
  /** The liaison group that logged it, when a group did; counts for territorial coverage. */
  liaisonGroupId: string | null;
  /**
   * The proposals it serves: a handling unit's consultation with the proposer (走访), a leader's
   * supervision of a key proposal (督办). Present only when there are some, so contacts recorded
   * before it read the same.
   */
  proposalIds?: string[];
  /**
   * The inspection it serves: a meeting with a unit during a visit (视察考察), so it counts in the
   * network. Present only when given, so contacts recorded before it read the same.
   */
  inspectionId?: string;
}

export type ContactEvent =
  | Event<'ContactLogged', { contactId: string; recordedBy: string } & ContactDetails>
  | Event<'ContactCorrected', { contactId: string; correctedBy: string; reason: string } & ContactDetails>
  | Event<'ContactRetracted', { contactId: string; retractedBy: string; reason: string }>;

/** The issues come as `issuesRaised` (texts; ids assigned) or as `issues` (ids optional), not both. */
export interface ContactDetailsInput extends IssuesInput {
  participantIds: string[];
  linkIds?: string[];
  occurredAt: string;
  channel: string;
  topic: string;
  summary?: string;
  liaisonGroupId?: string | null;
  proposalIds?: string[] | null;
  inspectionId?: string | null;
}

export type ContactCommand =
  | ({ type: 'LogContact'; contactId: string } & ContactDetailsInput)
  | ({ type: 'CorrectContact'; contactId: string; reason: string } & Partial<ContactDetailsInput>)
  | { type: 'RetractContact'; contactId: string; reason: string };

export type ContactState =
  | { status: 'NONE' }
  | { status: 'LOGGED' | 'RETRACTED'; contactId: string; recordedBy: string; details: ContactDetails };

/** Who takes part (two to the limit) and the links' ids, checked without the record. */
export function contactParties(input: Partial<ContactDetailsInput>): { participantIds: string[]; linkIds: string[] } {
  if (!Array.isArray(input.participantIds)) throw invalid('participantIds is required: list at least two parties', 'participantIds');
  const participantIds = distinct(input.participantIds.map((p, i) => requireId(p, `participantIds[${i}]`)));
  if (participantIds.length < 2) {
    throw invalid(`a contact needs at least two different participants; got ${participantIds.length}`, 'participantIds');
  }
  if (participantIds.length > LIMITS.participants) throw invalid(`a contact lists at most ${LIMITS.participants} participants`, 'participantIds');
  const linkIds = distinct((input.linkIds ?? []).map((l, i) => requireId(l, `linkIds[${i}]`)));
  if (linkIds.length > LIMITS.linksPerContact) throw invalid(`a contact serves at most ${LIMITS.linksPerContact} links`, 'linkIds');
  return { participantIds, linkIds };
}

/**
 * The checks of a whole contact's input that need no record: who takes part, the links' ids, when,
 * how, about what. The write path runs them before the scope check (an out-of-scope answer would
 * hide the mistake a clerk can fix), and the decider runs them first.
 */
export function contactShape(input: Partial<ContactDetailsInput>) {
  return {
    ...contactParties(input),
    occurredAt: parseInstant(input.occurredAt, 'occurredAt'),
    channel: requireOneOf(input.channel, CHANNELS, 'channel'),
    topic: requireText(input.topic, 'topic', LIMITS.topic),
    summary: requireText(input.summary, 'summary', LIMITS.summary, { optional: true }),
  };
}

/** NOT_FOUND for a participant the roster does not hold (the roster is every writer's to read, so this tells nobody anything new). */
export function requireRegisteredParticipants(directory: Directory, participantIds: readonly string[]): void {
  for (const id of participantIds) {
    if (!partyKind(directory, id)) throw notFound(`participant ${id} is not a registered member, person or organization`, 'participantIds');
  }
}

/** `current`: the contact's issues, whose ids the issues given keep (issues.ts); `newId` for the others. */
function validDetails(input: ContactDetailsInput, { now, directory, newId }: CommandContext, current: readonly RaisedIssue[]): ContactDetails {
  const { participantIds, linkIds, occurredAt, channel, topic, summary } = contactShape(input);
  requireRegisteredParticipants(directory, participantIds);
  if (toMs(occurredAt) > toMs(now)) throw invalid(`occurredAt ${occurredAt} is in the future (now is ${now}); log a contact after it happens`, 'occurredAt');

  for (const linkId of linkIds) {
    const link = directory.link(linkId);
    if (!link) throw notFound(`link ${linkId} is not assigned`, 'linkIds');
    // A contact serves a link only if both ends of the link took part in it. The source may be
    // any holder the link has had: a contact logged late may predate a reassignment.
    if (!participantIds.includes(link.targetId)) throw invalid(`link ${linkId} joins ${link.sourceId} to ${link.targetId}, but ${link.targetId} is not a participant`, 'linkIds');
    const sources = [link.sourceId, ...link.formerSourceIds];
    if (!sources.some((s) => participantIds.includes(s))) {
      throw invalid(`link ${linkId} is kept by ${link.sourceId}, who is not a participant`, 'linkIds');
    }
  }

  let liaisonGroupId: string | null = null;
  if (input.liaisonGroupId) {
    liaisonGroupId = requireId(input.liaisonGroupId, 'liaisonGroupId');
    const group = directory.organization(liaisonGroupId);
    if (!group) throw notFound(`liaisonGroupId: ${liaisonGroupId} is not registered`, 'liaisonGroupId');
    if (group.kind !== 'LIAISON_GROUP') throw invalid(`liaisonGroupId: ${liaisonGroupId} is a ${group.kind}, not a liaison group`, 'liaisonGroupId');
  }

  const proposalIds = distinct((input.proposalIds ?? []).map((p, i) => requireId(p, `proposalIds[${i}]`)));
  if (proposalIds.length > LIMITS.linksPerContact) throw invalid(`a contact serves at most ${LIMITS.linksPerContact} proposals`, 'proposalIds');
  if (proposalIds.length > 0) {
    const proposals = directory.wing<ProposalsDirectory>(PROPOSALS_WING);
    for (const id of proposalIds) {
      const p = proposals?.proposal(id);
      if (!p) throw notFound(`proposal ${id} has not been submitted`, 'proposalIds');
      if (p.stage !== 'FILED' && p.stage !== 'CLOSED') throw conflict(`proposal ${id} is ${p.stage}; a contact serves a filed proposal (its handling, its supervision)`, 'proposalIds');
    }
  }

  let inspectionId: string | null = null;
  if (input.inspectionId) {
    inspectionId = requireId(input.inspectionId, 'inspectionId');
    const found = directory.wing<InspectionsDirectory>(INSPECTIONS_WING)?.inspection(inspectionId);
    if (!found) throw notFound(`inspection ${inspectionId} is not planned`, 'inspectionId');
    // Held, or being held: planned to start on or before the day of the contact (a meeting logged during the visit).
    const onDay = committeeDate(toMs(occurredAt));
    const beingHeld = found.stage === 'PLANNED' && found.startsOn <= onDay;
    if (found.stage !== 'HELD' && found.stage !== 'REPORTED' && !beingHeld) {
      throw conflict(`inspection ${inspectionId} is ${found.stage}${found.stage === 'PLANNED' ? `, to start on ${found.startsOn}` : ''}; a contact serves an inspection held or being held`, 'inspectionId');
    }
    if (found.heldFrom && onDay < found.heldFrom) throw invalid(`occurredAt ${onDay} is before inspection ${inspectionId} began (${found.heldFrom}); a contact serves the visit it took place in`, 'occurredAt');
  }

  return {
    participantIds,
    linkIds,
    occurredAt,
    channel,
    topic,
    summary,
    issues: resolveIssues(input, current, newId),
    liaisonGroupId,
    ...(proposalIds.length > 0 ? { proposalIds } : {}),
    ...(inspectionId ? { inspectionId } : {}),
  };
}

export const contact: Decider<ContactCommand, ContactEvent, ContactState> = {
  streamId: (c) => `contact-${c.contactId}`,
  initialState: { status: 'NONE' },
  // Folds events in the current shape: a reader upcasts recorded events first (DOMAIN.upcast).
  evolve(state, event) {
    if (event.type !== 'ContactRetracted' && !Array.isArray(event.data.issues)) {
      throw new Error(`a ${event.type} of contact ${event.data.contactId} reached evolve in an older shape (no issues): upcast it first (DOMAIN.upcast)`);
    }
    switch (event.type) {
      case 'ContactLogged': {
        const { contactId, recordedBy, ...details } = event.data;
        return { status: 'LOGGED', contactId, recordedBy, details };
      }
      case 'ContactCorrected': {
        if (state.status === 'NONE') return state;
        const { contactId: _c, correctedBy: _b, reason: _r, ...details } = event.data;
        return { ...state, details };
      }
      case 'ContactRetracted':
        return state.status === 'NONE' ? state : { ...state, status: 'RETRACTED' };
      default: {
        const never: never = event;
        return never;
      }
    }
  },
  decide(command, state, context) {
    const { actor } = context;
    const contactId = requireId(command.contactId, 'contactId');
    switch (command.type) {
      case 'LogContact': {
        const details = validDetails(command, context, state.status === 'NONE' ? [] : state.details.issues);
        if (state.status !== 'NONE') {
          // The client-supplied id makes logging idempotent: the same contact sent twice counts once.
          // Issues given as texts have taken the recorded ids of the same texts, so they compare equal.
          if (sameData(state.details, details)) return [];
          throw conflict(`contact ${contactId} is already logged with other details; correct it instead`, 'contactId');
        }
        return [{ type: 'ContactLogged', data: { contactId, recordedBy: actor, ...details } }];
      }
      case 'CorrectContact': {
        if (state.status === 'NONE') throw notFound(`contact ${contactId} is not logged; nothing to correct`, 'contactId');
        if (state.status === 'RETRACTED') throw conflict(`contact ${contactId} has been retracted; log a new contact instead`, 'contactId');
        const reason = requireText(command.reason, 'reason', LIMITS.reason);
        const { type: _t, contactId: _c, reason: _r, ...changes } = command;
        const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
        // Issues not given stay as they are, ids and all; given (either way), they replace them.
        const { issues, ...current } = state.details;
        const unchanged = defined.issues === undefined && defined.issuesRaised === undefined ? { issues } : {};
        const details = validDetails({ ...current, ...unchanged, ...defined } as ContactDetailsInput, context, issues);
        if (sameData(details, state.details)) throw invalid(`the correction changes nothing in contact ${contactId}`, 'contactId');
        return [{ type: 'ContactCorrected', data: { contactId, correctedBy: actor, reason, ...details } }];
      }
      case 'RetractContact': {
        if (state.status === 'NONE') throw notFound(`contact ${contactId} is not logged; nothing to retract`, 'contactId');
        if (state.status === 'RETRACTED') throw conflict(`contact ${contactId} is already retracted`, 'contactId');
        return [{ type: 'ContactRetracted', data: { contactId, retractedBy: actor, reason: requireText(command.reason, 'reason', LIMITS.reason) } }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
};
