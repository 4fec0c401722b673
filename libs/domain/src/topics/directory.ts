/**
 * What the topic decider asks of the rest of the record: whether a piece of work is on record (so
 * a tag names something real), and whether a proposal or inspection declared the topic when it
 * was submitted or planned (its own `topicId` field, which counts as a tag until it is untagged
 * here). The topics projection answers, through the deciders' Directory (`directory.wing('topics')`).
 */
import type { Directory } from '../shared/directory.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import type { CommitteeDate } from '../shared/time.js';
import type { TopicStage, WorkKind } from './vocabulary.js';

export interface TopicsDirectory {
  /**
   * Undefined when the work is not on record. `on` is the work's own date (a contact's, the day a
   * proposal or report was submitted, an inspection's visit or planned first day): the tag keeps
   * it, so a topic's months read from its own stream. `retracted` for a contact since retracted.
   */
  work(kind: WorkKind, id: string): { on: CommitteeDate; retracted: boolean } | undefined;
  /** The topic a proposal or inspection named when it was submitted or planned; null for any other work, or none named. */
  declaredTopic(kind: WorkKind, id: string): string | null;
  /** A key topic as it now stands; undefined for an id no topic was set under. */
  topic(id: string): { stage: TopicStage; year: number } | undefined;
}

export const TOPICS_WING = 'topics';

export function topicsOf(directory: Directory): TopicsDirectory {
  const wing = directory.wing<TopicsDirectory>(TOPICS_WING);
  if (!wing) throw new DomainError('UNAVAILABLE', 'this server does not run the key topics system');
  return wing;
}

/**
 * The key topic a new proposal or inspection names (its `topicId`): one set and not withdrawn. A
 * composition that does not run the topics wing keeps the id as given. Deciders call it for new
 * work only, after recognising a repeat, so a re-run import decides its repeats as before.
 */
export function checkDeclaredTopic(directory: Directory, topicId: string | null, field = 'topicId'): void {
  if (topicId === null) return;
  const topics = directory.wing<TopicsDirectory>(TOPICS_WING);
  if (!topics) return;
  const topic = topics.topic(topicId);
  if (!topic) throw notFound(`${field}: key topic ${topicId} is not set (set it first, or leave ${field} blank)`, field);
  if (topic.stage === 'WITHDRAWN') throw invalid(`${field}: key topic ${topicId} was withdrawn`, field);
}
