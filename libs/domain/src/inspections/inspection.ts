/**
 * An inspection or study visit (视察考察), from its plan to the last follow-up of its report's
 * recommendations: one decider, one stream per inspection (`inspection-<id>`), each step an event
 * with who (the store's actor), when (`now`) and why (a reason where the step needs one).
 *
 * Dates the office types in (held, reported, responded) are committee dates, never after `now`,
 * and in order: no report before the visit ended, no response before the report. Deadlines are
 * set when their clock starts (the report's when the visit is held, each recommendation's when the
 * report is recorded) under the office's rules then, and kept in that event; whether one is
 * overdue is derived for an "on" date by whoever asks (proposals/deadlines.ts), never written.
 */
import { CommandContext, Decider, Event, sameData } from '../shared/decider.js';
import { partyKind } from '../shared/directory.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { CommitteeDate, committeeDate, parseCommitteeDate, toMs } from '../shared/time.js';
import { LIMITS, distinct, requireId, requireInt, requireOneOf, requireText } from '../shared/validation.js';
import { dueAfter } from '../proposals/deadlines.js';
import { inspectionsOf } from './directory.js';
import { checkDeclaredTopic } from '../topics/directory.js';
import {
  CHAIRS,
  INSPECTION_KINDS,
  INVITATION_ANSWERS,
  InspectionKind,
  InspectionStage,
  InvitationAnswer,
  InviteeKind,
  OrganiserKind,
  RECOMMENDATION_STATUSES,
  RecommendationStatus,
} from './vocabulary.js';

/** Limits of an inspection's texts and lists; a longer text or list is refused, not cut. */
export const INSPECTION_LIMITS = { topic: LIMITS.topic, place: 200, places: 50, units: 100, invitees: 300, summary: 20_000, recommendation: 5000, recommendations: 100, response: 20_000 } as const;

/** The id whose stream would be the office's rules (`inspection-rules-committee`). */
const RESERVED_ID = 'rules-committee';

export interface RecommendationData {
  /** 1, 2, … in the report's order: how the report and the units cite it. */
  number: number;
  text: string;
  unitId: string;
  /** Its first response is due by this date (the report's date plus the office's responseDueDays then). */
  responseDueOn: CommitteeDate;
}

export type InspectionEvent =
  | Event<
      'InspectionPlanned',
      {
        inspectionId: string;
        kind: InspectionKind;
        topic: string;
        /** An annual key topic (年度重点协商议题) the plan names: set and not withdrawn when planned (topics/directory.ts). */
        topicId: string | null;
        organiserKind: OrganiserKind;
        organiserId: string;
        startsOn: CommitteeDate;
        endsOn: CommitteeDate;
        place: string;
        plannedAt: string;
      }
    >
  | Event<'InspectionRescheduled', { inspectionId: string; startsOn: CommitteeDate; endsOn: CommitteeDate; place: string; reason: string; rescheduledAt: string }>
  | Event<'InspectionCancelled', { inspectionId: string; reason: string; cancelledAt: string }>
  | Event<'InspectionInvitationSent', { inspectionId: string; inviteeId: string; inviteeKind: InviteeKind; invitedAt: string }>
  | Event<'InspectionInvitationAnswered', { inspectionId: string; inviteeId: string; answer: InvitationAnswer; reason: string; answeredAt: string }>
  | Event<
      'InspectionHeld',
      { inspectionId: string; heldFrom: CommitteeDate; heldTo: CommitteeDate; placesVisited: string[]; unitIds: string[]; attendeeIds: string[]; reportDueOn: CommitteeDate; heldAt: string }
    >
  | Event<'InspectionAttendanceRecorded', { inspectionId: string; attendeeIds: string[]; reason: string; recordedAt: string }>
  | Event<'InspectionReported', { inspectionId: string; reportedOn: CommitteeDate; summary: string; recommendations: RecommendationData[]; reportedAt: string }>
  | Event<'RecommendationFollowedUp', { inspectionId: string; number: number; unitId: string; status: RecommendationStatus; text: string; reason: string; respondedOn: CommitteeDate; recordedAt: string }>;

export type InspectionCommand =
  | { type: 'PlanInspection'; inspectionId: string; kind: string; topic: string; topicId?: string | null; organiserId: string; startsOn: string; endsOn?: string | null; place: string }
  | { type: 'RescheduleInspection'; inspectionId: string; startsOn: string; endsOn?: string | null; place?: string | null; reason: string }
  | { type: 'CancelInspection'; inspectionId: string; reason: string }
  | { type: 'InviteToInspection'; inspectionId: string; inviteeIds: string[] }
  | { type: 'AnswerInspectionInvitation'; inspectionId: string; inviteeId: string; answer: string; reason?: string | null }
  | { type: 'HoldInspection'; inspectionId: string; heldFrom: string; heldTo?: string | null; placesVisited: string[]; unitIds?: string[] | null; attendeeIds: string[] }
  | { type: 'RecordInspectionAttendance'; inspectionId: string; attendeeIds: string[]; reason: string }
  | { type: 'ReportInspection'; inspectionId: string; reportedOn: string; summary: string; recommendations: Array<{ text: string; unitId: string }> }
  | { type: 'FollowUpRecommendation'; inspectionId: string; number: number; status: string; text: string; respondedOn: string; reason?: string | null };

type Planned = Extract<InspectionEvent, { type: 'InspectionPlanned' }>['data'];
type Held = Extract<InspectionEvent, { type: 'InspectionHeld' }>['data'];
type FollowUp = Extract<InspectionEvent, { type: 'RecommendationFollowedUp' }>['data'];

export interface RecommendationState extends RecommendationData {
  /** The latest follow-up: its status holds. */
  last: FollowUp | null;
}

export type InspectionState =
  | { stage: 'NONE' }
  | {
      stage: InspectionStage;
      planned: Planned;
      invitations: Record<string, { kind: InviteeKind; answer: InvitationAnswer | null; reason: string }>;
      held: Held | null;
      report: { reportedOn: CommitteeDate; summary: string; recommendations: RecommendationState[] } | null;
    };

type Live = Exclude<InspectionState, { stage: 'NONE' }>;

function evolve(state: InspectionState, event: InspectionEvent): InspectionState {
  if (event.type === 'InspectionPlanned') return { stage: 'PLANNED', planned: event.data, invitations: {}, held: null, report: null };
  if (state.stage === 'NONE') return state;
  const s: Live = state;
  switch (event.type) {
    case 'InspectionRescheduled': {
      const { startsOn, endsOn, place } = event.data;
      return { ...s, planned: { ...s.planned, startsOn, endsOn, place } };
    }
    case 'InspectionCancelled':
      return { ...s, stage: 'CANCELLED' };
    case 'InspectionInvitationSent':
      return { ...s, invitations: { ...s.invitations, [event.data.inviteeId]: { kind: event.data.inviteeKind, answer: null, reason: '' } } };
    case 'InspectionInvitationAnswered': {
      const invitation = s.invitations[event.data.inviteeId];
      return invitation ? { ...s, invitations: { ...s.invitations, [event.data.inviteeId]: { ...invitation, answer: event.data.answer, reason: event.data.reason } } } : s;
    }
    case 'InspectionHeld':
      return { ...s, stage: 'HELD', held: event.data };
    case 'InspectionAttendanceRecorded':
      return s.held ? { ...s, held: { ...s.held, attendeeIds: event.data.attendeeIds } } : s;
    case 'InspectionReported': {
      const { reportedOn, summary, recommendations } = event.data;
      return { ...s, stage: 'REPORTED', report: { reportedOn, summary, recommendations: recommendations.map((r) => ({ ...r, last: null })) } };
    }
    case 'RecommendationFollowedUp': {
      if (!s.report) return s;
      const recommendations = s.report.recommendations.map((r) => (r.number === event.data.number ? { ...r, last: event.data } : r));
      return { ...s, report: { ...s.report, recommendations } };
    }
    default: {
      const never: never = event;
      return never;
    }
  }
}

export const inspection: Decider<InspectionCommand, InspectionEvent, InspectionState> = {
  streamId: (c) => `inspection-${c.inspectionId}`,
  initialState: { stage: 'NONE' },
  evolve,
  decide(command, state, context) {
    const inspectionId = requireId(command.inspectionId, 'inspectionId');
    if (command.type === 'PlanInspection') return plan(command, state, context);
    if (state.stage === 'NONE') throw notFound(`inspection ${inspectionId} is not planned`, 'inspectionId');
    return decideOn(command, state, context);
  },
};

// ---------------------------------------------------------------- the plan

function plan(command: Extract<InspectionCommand, { type: 'PlanInspection' }>, state: InspectionState, { now, directory }: CommandContext): InspectionEvent[] {
  const inspectionId = command.inspectionId;
  if (inspectionId === RESERVED_ID) throw invalid(`inspectionId "${RESERVED_ID}" is reserved (it names the office's rules); choose another`, 'inspectionId');
  const organiserId = requireId(command.organiserId, 'organiserId');
  let organiserKind: OrganiserKind;
  if (organiserId === CHAIRS) organiserKind = 'CHAIRS';
  else {
    const body = directory.organization(organiserId);
    if (!body) throw notFound(`organiserId: organiser ${organiserId} is not a registered organization (or write ${CHAIRS} for the chairs' meeting)`, 'organiserId');
    if (body.kind !== 'SPECIAL_COMMITTEE' && body.kind !== 'SECTOR') throw invalid(`organiserId: ${organiserId} is a ${body.kind}; an inspection is organised by a SPECIAL_COMMITTEE, a SECTOR or ${CHAIRS}`, 'organiserId');
    if (body.dissolved) throw invalid(`organiserId: ${organiserId} has been dissolved`, 'organiserId');
    organiserKind = body.kind;
  }
  const { startsOn, endsOn } = plannedDates(command);
  const data: Planned = {
    inspectionId,
    kind: requireOneOf(command.kind, INSPECTION_KINDS, 'kind'),
    topic: requireText(command.topic, 'topic', INSPECTION_LIMITS.topic),
    // A new plan's key topic must be set and not withdrawn (checkDeclaredTopic, below).
    topicId: command.topicId ? requireId(command.topicId, 'topicId') : null,
    organiserKind,
    organiserId,
    startsOn,
    endsOn,
    place: requireText(command.place, 'place', INSPECTION_LIMITS.place),
    plannedAt: now,
  };
  if (state.stage !== 'NONE') {
    // A repeat of the same plan (a retried request, a re-run import) decides nothing.
    const { plannedAt: _a, ...recorded } = state.planned;
    const { plannedAt: _b, ...given } = data;
    if (sameData(recorded, given)) return [];
    throw conflict(`inspection ${inspectionId} is already planned with other details; reschedule it instead`, 'inspectionId');
  }
  checkDeclaredTopic(directory, data.topicId);
  return [{ type: 'InspectionPlanned', data }];
}

function plannedDates(command: { startsOn: unknown; endsOn?: unknown }): { startsOn: CommitteeDate; endsOn: CommitteeDate } {
  const startsOn = parseCommitteeDate(command.startsOn, 'startsOn');
  const endsOn = command.endsOn ? parseCommitteeDate(command.endsOn, 'endsOn') : startsOn;
  if (endsOn < startsOn) throw invalid(`endsOn ${endsOn} is before startsOn ${startsOn}`, 'endsOn');
  return { startsOn, endsOn };
}

// ---------------------------------------------------------------- every later step

function decideOn(command: Exclude<InspectionCommand, { type: 'PlanInspection' }>, s: Live, context: CommandContext): InspectionEvent[] {
  const { now, directory } = context;
  const inspectionId = command.inspectionId;
  const today = committeeDate(toMs(now));
  const stageIs = (allowed: readonly InspectionStage[], what: string) => {
    if (!allowed.includes(s.stage)) throw conflict(`inspection ${inspectionId} is ${s.stage}; ${what}`, 'inspectionId');
  };
  const reason = (value: unknown) => requireText(value, 'reason', LIMITS.reason);
  const pastDate = (value: unknown, field: string) => {
    const date = parseCommitteeDate(value, field);
    if (date > today) throw invalid(`${field} ${date} is in the future (today is ${today}); record it once it has happened`, field);
    return date;
  };

  switch (command.type) {
    case 'RescheduleInspection': {
      stageIs(['PLANNED'], 'only a planned inspection is rescheduled');
      const { startsOn, endsOn } = plannedDates(command);
      const place = command.place ? requireText(command.place, 'place', INSPECTION_LIMITS.place) : s.planned.place;
      if (startsOn === s.planned.startsOn && endsOn === s.planned.endsOn && place === s.planned.place) throw invalid(`the new schedule of inspection ${inspectionId} changes nothing`, 'startsOn');
      return [{ type: 'InspectionRescheduled', data: { inspectionId, startsOn, endsOn, place, reason: reason(command.reason), rescheduledAt: now } }];
    }
    case 'CancelInspection':
      if (s.stage === 'CANCELLED') return [];
      stageIs(['PLANNED'], 'only an inspection not yet held is cancelled');
      return [{ type: 'InspectionCancelled', data: { inspectionId, reason: reason(command.reason), cancelledAt: now } }];
    case 'InviteToInspection': {
      stageIs(['PLANNED'], 'invitations go out before the visit');
      if (!Array.isArray(command.inviteeIds) || command.inviteeIds.length === 0) throw invalid('inviteeIds is required: list the members (or registered persons) invited', 'inviteeIds');
      const ids = distinct(command.inviteeIds.map((id, i) => requireId(id, `inviteeIds[${i}]`)));
      const kinds = ids.map((id, i) => invitee(context, id, `inviteeIds[${i}]`));
      const fresh = ids.map((id, i) => [id, kinds[i]!] as const).filter(([id]) => !s.invitations[id]);
      if (Object.keys(s.invitations).length + fresh.length > INSPECTION_LIMITS.invitees) throw invalid(`an inspection has at most ${INSPECTION_LIMITS.invitees} invitees`, 'inviteeIds');
      return fresh.map(([inviteeId, inviteeKind]) => ({ type: 'InspectionInvitationSent', data: { inspectionId, inviteeId, inviteeKind, invitedAt: now } }));
    }
    case 'AnswerInspectionInvitation': {
      const inviteeId = requireId(command.inviteeId, 'inviteeId');
      const invitation = s.invitations[inviteeId];
      if (!invitation) throw conflict(`inviteeId: ${inviteeId} was not invited to inspection ${inspectionId}`, 'inviteeId');
      const answer = requireOneOf(command.answer, INVITATION_ANSWERS, 'answer');
      const why = requireText(command.reason, 'reason', LIMITS.reason, { optional: true });
      if (invitation.answer === answer && invitation.reason === why) return [];
      stageIs(['PLANNED'], 'invitations are answered before the visit (the office records who attended)');
      return [{ type: 'InspectionInvitationAnswered', data: { inspectionId, inviteeId, answer, reason: why, answeredAt: now } }];
    }
    case 'HoldInspection': {
      const heldFrom = pastDate(command.heldFrom, 'heldFrom');
      const heldTo = command.heldTo ? pastDate(command.heldTo, 'heldTo') : heldFrom;
      if (heldTo < heldFrom) throw invalid(`heldTo ${heldTo} is before heldFrom ${heldFrom}`, 'heldTo');
      const placesVisited = places(command.placesVisited);
      const unitIds = distinct((command.unitIds ?? []).map((id, i) => requireId(id, `unitIds[${i}]`)));
      if (unitIds.length > INSPECTION_LIMITS.units) throw invalid(`an inspection meets at most ${INSPECTION_LIMITS.units} units`, 'unitIds');
      unitIds.forEach((id, i) => organization(context, id, `unitIds[${i}]`, 'unit met'));
      const attendeeIds = attendees(context, command.attendeeIds);
      if (s.held) {
        // The same visit sent again decides nothing; attendance is corrected with its own command.
        const same = s.held.heldFrom === heldFrom && s.held.heldTo === heldTo && sameData(s.held.placesVisited, placesVisited) && sameData(s.held.unitIds, unitIds);
        if (same) return [];
        throw conflict(`inspection ${inspectionId} was already recorded as held ${s.held.heldFrom}–${s.held.heldTo}`, 'inspectionId');
      }
      stageIs(['PLANNED'], 'only a planned inspection is held');
      const { reportDueDays } = inspectionsOf(directory).inspectionRules().rules;
      const reportDueOn = dueAfter(heldTo, reportDueDays, 'CALENDAR', []);
      return [{ type: 'InspectionHeld', data: { inspectionId, heldFrom, heldTo, placesVisited, unitIds, attendeeIds, reportDueOn, heldAt: now } }];
    }
    case 'RecordInspectionAttendance': {
      stageIs(['HELD', 'REPORTED'], 'attendance is recorded once the visit is held');
      const attendeeIds = attendees(context, command.attendeeIds);
      if (sameData([...attendeeIds].sort(), [...s.held!.attendeeIds].sort())) return [];
      return [{ type: 'InspectionAttendanceRecorded', data: { inspectionId, attendeeIds, reason: reason(command.reason), recordedAt: now } }];
    }
    case 'ReportInspection': {
      stageIs(['HELD', 'REPORTED'], 'a report follows the visit');
      const held = s.held!;
      const reportedOn = pastDate(command.reportedOn, 'reportedOn');
      if (reportedOn < held.heldTo) throw invalid(`reportedOn ${reportedOn} is before the visit ended (${held.heldTo})`, 'reportedOn');
      const summary = requireText(command.summary, 'summary', INSPECTION_LIMITS.summary);
      if (!Array.isArray(command.recommendations) || command.recommendations.length === 0) throw invalid('recommendations is required: a report makes one or more numbered recommendations, each addressed to a unit', 'recommendations');
      if (command.recommendations.length > INSPECTION_LIMITS.recommendations) throw invalid(`a report makes at most ${INSPECTION_LIMITS.recommendations} recommendations`, 'recommendations');
      const { responseDueDays } = inspectionsOf(directory).inspectionRules().rules;
      const responseDueOn = dueAfter(reportedOn, responseDueDays, 'CALENDAR', []);
      const recommendations = command.recommendations.map((r, i): RecommendationData => {
        const field = `recommendations[${i}]`;
        if (typeof r !== 'object' || r === null) throw invalid(`${field} is required`, field);
        const unitId = requireId(r.unitId, `${field}.unitId`);
        organization(context, unitId, `${field}.unitId`, 'addressed unit');
        return { number: i + 1, text: requireText(r.text, `${field}.text`, INSPECTION_LIMITS.recommendation), unitId, responseDueOn };
      });
      if (s.report) {
        const recorded = { reportedOn: s.report.reportedOn, summary: s.report.summary, recommendations: s.report.recommendations.map(({ number, text, unitId }) => ({ number, text, unitId })) };
        const given = { reportedOn, summary, recommendations: recommendations.map(({ number, text, unitId }) => ({ number, text, unitId })) };
        if (sameData(recorded, given)) return [];
        throw conflict(`inspection ${inspectionId} already has its report of ${s.report.reportedOn}`, 'inspectionId');
      }
      return [{ type: 'InspectionReported', data: { inspectionId, reportedOn, summary, recommendations, reportedAt: now } }];
    }
    case 'FollowUpRecommendation': {
      stageIs(['REPORTED'], 'recommendations are followed up once the report is recorded');
      const number = requireInt(command.number, 'number', 1, INSPECTION_LIMITS.recommendations);
      const r = s.report!.recommendations.find((x) => x.number === number);
      if (!r) throw notFound(`number: the report of inspection ${inspectionId} has no recommendation ${number} (it has ${s.report!.recommendations.length})`, 'number');
      const status = requireOneOf(command.status, RECOMMENDATION_STATUSES, 'status');
      const text = requireText(command.text, 'text', INSPECTION_LIMITS.response);
      const why = requireText(command.reason, 'reason', LIMITS.reason, { optional: true });
      if (status === 'NOT_ADOPTED' && !why) throw invalid('a recommendation NOT_ADOPTED gives the reason: reason', 'reason');
      const respondedOn = pastDate(command.respondedOn, 'respondedOn');
      if (respondedOn < s.report!.reportedOn) throw invalid(`respondedOn ${respondedOn} is before the report (${s.report!.reportedOn})`, 'respondedOn');
      const last = r.last;
      if (last && last.status === status && last.text === text && last.reason === why && last.respondedOn === respondedOn) return [];
      if (last && respondedOn < last.respondedOn) throw invalid(`respondedOn ${respondedOn} is before the latest follow-up (${last.respondedOn}); follow-ups are recorded in order`, 'respondedOn');
      return [{ type: 'RecommendationFollowedUp', data: { inspectionId, number, unitId: r.unitId, status, text, reason: why, respondedOn, recordedAt: now } }];
    }
    default: {
      const never: never = command;
      throw invalid(`unknown command ${(never as { type: string }).type}`);
    }
  }
}

function places(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('placesVisited is required: list the places visited', 'placesVisited');
  if (value.length > INSPECTION_LIMITS.places) throw invalid(`list at most ${INSPECTION_LIMITS.places} places visited`, 'placesVisited');
  return distinct(value.map((p, i) => requireText(p, `placesVisited[${i}]`, INSPECTION_LIMITS.place)));
}

/** A member (not one who left) or a registered person. */
function invitee({ directory }: CommandContext, id: string, field: string): InviteeKind {
  const m = directory.member(id);
  if (m) {
    if (m.status === 'LEFT') throw invalid(`${field}: member ${id} has left the committee`, field);
    return 'MEMBER';
  }
  if (directory.person(id)) return 'PERSON';
  throw notFound(`${field}: ${id} is neither a registered member nor a registered person`, field);
}

/** Who attended: members or registered persons, invited or not; one or more. */
function attendees({ directory }: CommandContext, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('attendeeIds is required: list who attended', 'attendeeIds');
  const ids = distinct(value.map((id, i) => requireId(id, `attendeeIds[${i}]`)));
  if (ids.length > INSPECTION_LIMITS.invitees) throw invalid(`list at most ${INSPECTION_LIMITS.invitees} attendees`, 'attendeeIds');
  ids.forEach((id, i) => {
    const kind = partyKind(directory, id);
    if (kind !== 'MEMBER' && kind !== 'PERSON') throw notFound(`attendeeIds[${i}]: attendee ${id} is not a registered member or person`, `attendeeIds[${i}]`);
  });
  return ids;
}

function organization({ directory }: CommandContext, id: string, field: string, what: string): void {
  const org = directory.organization(id);
  if (!org) throw notFound(`${field}: ${what} ${id} is not a registered organization`, field);
  if (org.dissolved) throw invalid(`${field}: ${what} ${id} has been dissolved`, field);
}
