/**
 * An annual key consultation topic (年度重点协商议题): set for a year by the standing committee
 * (the office types it in), revised with a reason, withdrawn with a reason; and the work tagged to
 * it. One decider, one stream per topic (`topic-<id>`), so a topic's history — every revision,
 * every tag and untag — reads in order from its own stream.
 *
 * Tagging is this wing's event, not a field of every system: a contact, proposal, opinion report
 * or inspection is tagged here by kind and id. A proposal or inspection that named the topic when
 * it was submitted or planned (its `topicId`) is on the topic's list without a tag ("declared");
 * untagging it here takes it off, and a later tag puts it back. A tag names work that is on
 * record (the topics projection answers, `directory.wing('topics')`); a retracted contact is not
 * tagged.
 */
import { CommandContext, Decider, Event, sameData } from '../shared/decider.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { CommitteeDate, parseCommitteeDate } from '../shared/time.js';
import { LIMITS, requireId, requireInt, requireOneOf, requireText } from '../shared/validation.js';
import { topicsOf } from './directory.js';
import { TOPIC_CHAIRS, TopicStage, WORK_KINDS, WorkKind } from './vocabulary.js';

export const TOPIC_LIMITS = { title: LIMITS.topic, note: LIMITS.summary } as const;

export interface TopicDetails {
  year: number;
  title: string;
  /** A registered organization (a special committee, a sector …) or TOPIC_CHAIRS. */
  leadBodyId: string;
  /** The period the topic's consultation runs over: by default the whole year. */
  periodFrom: CommitteeDate;
  periodTo: CommitteeDate;
}

export type TopicEvent =
  | Event<'KeyTopicSet', { topicId: string; setAt: string } & TopicDetails>
  | Event<'KeyTopicRevised', { topicId: string; reason: string; revisedAt: string } & TopicDetails>
  | Event<'KeyTopicWithdrawn', { topicId: string; reason: string; withdrawnAt: string }>
  | Event<'WorkTaggedToTopic', { topicId: string; workKind: WorkKind; workId: string; /** The work's own date when tagged (TopicsDirectory.work). */ workOn: CommitteeDate; note: string; taggedAt: string }>
  | Event<'WorkUntaggedFromTopic', { topicId: string; workKind: WorkKind; workId: string; reason: string; untaggedAt: string }>;

interface DetailsInput {
  title?: string | null;
  leadBodyId?: string | null;
  periodFrom?: string | null;
  periodTo?: string | null;
}

export type TopicCommand =
  | ({ type: 'SetKeyTopic'; topicId: string; year: number } & DetailsInput)
  | ({ type: 'ReviseKeyTopic'; topicId: string; year?: number | null; reason: string } & DetailsInput)
  | { type: 'WithdrawKeyTopic'; topicId: string; reason: string }
  | { type: 'TagWorkToTopic'; topicId: string; workKind: string; workId: string; note?: string | null }
  | { type: 'UntagWorkFromTopic'; topicId: string; workKind: string; workId: string; reason: string };

export type TopicState =
  | { stage: 'NONE' }
  | {
      stage: TopicStage;
      details: TopicDetails;
      /** Per `${kind}:${id}`, this stream's last word on the work: tagged, or untagged (which overrides a declaration). */
      tags: Readonly<Record<string, 'TAGGED' | 'UNTAGGED'>>;
    };

const workKey = (kind: WorkKind, id: string) => `${kind}:${id}`;

function evolve(state: TopicState, event: TopicEvent): TopicState {
  switch (event.type) {
    case 'KeyTopicSet': {
      const { topicId: _id, setAt: _at, ...details } = event.data;
      return { stage: 'SET', details, tags: {} };
    }
    case 'KeyTopicRevised': {
      if (state.stage === 'NONE') return state;
      const { topicId: _id, reason: _r, revisedAt: _at, ...details } = event.data;
      return { ...state, details };
    }
    case 'KeyTopicWithdrawn':
      return state.stage === 'NONE' ? state : { ...state, stage: 'WITHDRAWN' };
    case 'WorkTaggedToTopic':
      return state.stage === 'NONE' ? state : { ...state, tags: { ...state.tags, [workKey(event.data.workKind, event.data.workId)]: 'TAGGED' } };
    case 'WorkUntaggedFromTopic':
      return state.stage === 'NONE' ? state : { ...state, tags: { ...state.tags, [workKey(event.data.workKind, event.data.workId)]: 'UNTAGGED' } };
    default: {
      const never: never = event;
      return never;
    }
  }
}

export const topic: Decider<TopicCommand, TopicEvent, TopicState> = {
  streamId: (c) => `topic-${c.topicId}`,
  initialState: { stage: 'NONE' },
  evolve,
  decide(command, state, context) {
    const topicId = requireId(command.topicId, 'topicId');
    if (command.type === 'SetKeyTopic') {
      const details = detailsOf(command, context, null);
      if (state.stage !== 'NONE') {
        // The same topic sent again (a retried request, a re-run import) decides nothing.
        if (sameData(state.details, details)) return [];
        throw conflict(`key topic ${topicId} is already set with other details; revise it instead (with a reason)`, 'topicId');
      }
      return [{ type: 'KeyTopicSet', data: { topicId, ...details, setAt: context.now } }];
    }
    if (state.stage === 'NONE') throw notFound(`key topic ${topicId} is not set`, 'topicId');
    const reason = (value: unknown) => requireText(value, 'reason', LIMITS.reason);
    switch (command.type) {
      case 'ReviseKeyTopic': {
        if (state.stage === 'WITHDRAWN') throw conflict(`key topic ${topicId} was withdrawn; it is revised no more`, 'topicId');
        const details = detailsOf(command, context, state.details);
        if (sameData(details, state.details)) throw invalid(`the revision of key topic ${topicId} changes nothing`, 'title');
        return [{ type: 'KeyTopicRevised', data: { topicId, ...details, reason: reason(command.reason), revisedAt: context.now } }];
      }
      case 'WithdrawKeyTopic':
        if (state.stage === 'WITHDRAWN') return [];
        return [{ type: 'KeyTopicWithdrawn', data: { topicId, reason: reason(command.reason), withdrawnAt: context.now } }];
      case 'TagWorkToTopic': {
        const note = requireText(command.note, 'note', TOPIC_LIMITS.note, { optional: true });
        const { workKind, workId, workOn } = work(command, context);
        if (onTopic(topicId, state, workKind, workId, context)) return [];
        if (state.stage === 'WITHDRAWN') throw conflict(`key topic ${topicId} was withdrawn; no work is tagged to it`, 'topicId');
        return [{ type: 'WorkTaggedToTopic', data: { topicId, workKind, workId, workOn, note, taggedAt: context.now } }];
      }
      case 'UntagWorkFromTopic': {
        const workKind = requireOneOf(command.workKind, WORK_KINDS, 'workKind');
        const workId = requireId(command.workId, 'workId');
        if (!onTopic(topicId, state, workKind, workId, context)) throw conflict(`${workKind} ${workId} is not tagged to key topic ${topicId}`, 'workId');
        return [{ type: 'WorkUntaggedFromTopic', data: { topicId, workKind, workId, reason: reason(command.reason), untaggedAt: context.now } }];
      }
      default: {
        const never: never = command;
        throw invalid(`unknown command ${(never as { type: string }).type}`);
      }
    }
  },
};

/** Whether the work is now on the topic's list: this stream's own last word, else the work's own declaration. */
function onTopic(topicId: string, state: Exclude<TopicState, { stage: 'NONE' }>, kind: WorkKind, id: string, { directory }: CommandContext): boolean {
  const last = state.tags[workKey(kind, id)];
  if (last) return last === 'TAGGED';
  return topicsOf(directory).declaredTopic(kind, id) === topicId;
}

/** The work a tag names, on record (a retracted contact is tagged no more). */
function work(command: { workKind: unknown; workId: unknown }, { directory }: CommandContext): { workKind: WorkKind; workId: string; workOn: CommitteeDate } {
  const workKind = requireOneOf(command.workKind, WORK_KINDS, 'workKind');
  const workId = requireId(command.workId, 'workId');
  const found = topicsOf(directory).work(workKind, workId);
  if (!found) throw notFound(`workId: ${workKind} ${workId} is not on record`, 'workId');
  if (found.retracted) throw invalid(`workId: ${workKind} ${workId} was retracted`, 'workId');
  return { workKind, workId, workOn: found.on };
}

/** A topic's details from a command; a revision keeps what it does not give. */
function detailsOf(command: { year?: unknown } & DetailsInput, { directory }: CommandContext, before: TopicDetails | null): TopicDetails {
  const year = command.year === undefined || command.year === null ? before?.year : requireInt(command.year, 'year', 1949, 2199);
  if (year === undefined) throw invalid('year is required: the year the topic is set for', 'year');
  const title = command.title ? requireText(command.title, 'title', TOPIC_LIMITS.title) : before?.title;
  if (!title) throw invalid('title is required', 'title');
  const leadBodyId = command.leadBodyId ? requireId(command.leadBodyId, 'leadBodyId') : before?.leadBodyId;
  if (!leadBodyId) throw invalid(`leadBodyId is required: the organization that leads the topic (a special committee, a sector …) or ${TOPIC_CHAIRS} for the chairs' meeting`, 'leadBodyId');
  if (leadBodyId !== TOPIC_CHAIRS && leadBodyId !== before?.leadBodyId) {
    const body = directory.organization(leadBodyId);
    if (!body) throw notFound(`leadBodyId: ${leadBodyId} is not a registered organization (or write ${TOPIC_CHAIRS} for the chairs' meeting)`, 'leadBodyId');
    if (body.dissolved) throw invalid(`leadBodyId: ${leadBodyId} has been dissolved`, 'leadBodyId');
  }
  // A revision that moves the year takes the new year's whole span unless it gives a period.
  const yearMoved = before !== null && year !== before.year;
  const periodFrom = command.periodFrom ? parseCommitteeDate(command.periodFrom, 'periodFrom') : before && !yearMoved ? before.periodFrom : `${year}-01-01`;
  const periodTo = command.periodTo ? parseCommitteeDate(command.periodTo, 'periodTo') : before && !yearMoved ? before.periodTo : `${year}-12-31`;
  if (periodTo < periodFrom) throw invalid(`periodTo ${periodTo} is before periodFrom ${periodFrom}`, 'periodTo');
  if (Number(periodFrom.slice(0, 4)) > year || Number(periodTo.slice(0, 4)) < year) throw invalid(`the period ${periodFrom}–${periodTo} does not meet the topic's year ${year}`, 'periodFrom');
  return { year, title, leadBodyId, periodFrom, periodTo };
}
