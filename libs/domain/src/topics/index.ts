/** The topics wing (年度重点协商议题): the year's key consultation topics and the work tagged to them. */
import { defineSystem } from '../shared/system.js';
import type { AccessRole } from '../shared/roles.js';
import { TopicCommand, TopicEvent, topic } from './topic.js';

export * from './vocabulary.js';
export * from './directory.js';
export * from './topic.js';

export type TopicsCommand = TopicCommand;
export type TopicsEvent = TopicEvent;

const TOPIC = ['topic', 'topicId'] as const;
/**
 * Every command is a recorder's, and the write path's policy (projections topics/commandAccess.ts)
 * lets only the liaison wing's COMMITTEE_OFFICE send them: the standing committee sets the topics
 * and the office types them in and tags the work. This wing defines no grant kinds of its own.
 */
const RECORDER: readonly AccessRole[] = ['RECORDER'];

export const topicsSystem = defineSystem<TopicsCommand, TopicsEvent>()({
  name: 'topics',
  commands: {
    SetKeyTopic: { decider: topic, roles: RECORDER },
    ReviseKeyTopic: { decider: topic, roles: RECORDER },
    WithdrawKeyTopic: { decider: topic, roles: RECORDER },
    TagWorkToTopic: { decider: topic, roles: RECORDER },
    UntagWorkFromTopic: { decider: topic, roles: RECORDER },
  },
  events: {
    KeyTopicSet: { stream: TOPIC, facts: (d) => ({ occurredAt: d.setAt }) },
    KeyTopicRevised: { stream: TOPIC, facts: (d) => ({ occurredAt: d.revisedAt, reason: d.reason }) },
    KeyTopicWithdrawn: { stream: TOPIC, facts: (d) => ({ occurredAt: d.withdrawnAt, reason: d.reason }) },
    WorkTaggedToTopic: { stream: TOPIC, facts: (d) => ({ occurredAt: d.taggedAt }) },
    WorkUntaggedFromTopic: { stream: TOPIC, facts: (d) => ({ occurredAt: d.untaggedAt, reason: d.reason }) },
  },
});
