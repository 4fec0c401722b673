/** The proposals wing's closed vocabularies (WORKFLOWS.md, "Proposals"). */

/**
 * Where a proposal is in its life. FILED covers everything from 立案 to the last reply: what its
 * assignments are waiting for is read off the assignments, not kept as a stage of its own.
 */
export const PROPOSAL_STAGES = ['SUBMITTED', 'RETURNED', 'WITHDRAWN', 'NOT_FILED', 'MERGED', 'FILED', 'CLOSED'] as const;
export type ProposalStage = (typeof PROPOSAL_STAGES)[number];

/** 大会提案 (made during the plenary session) or 平时提案 (between sessions). */
export const PROPOSAL_OCCASIONS = ['SESSION', 'INTERIM'] as const;
export type ProposalOccasion = (typeof PROPOSAL_OCCASIONS)[number];

/** Bodies that may submit a proposal in their own name. */
export const PROPOSING_BODY_KINDS = ['SECTOR', 'SPECIAL_COMMITTEE', 'DEMOCRATIC_PARTY', 'PEOPLES_ORGANIZATION', 'LIAISON_GROUP'] as const;

/** 主办 (lead unit) or 协办 (assisting unit); each has its own deadline. */
export const ASSIGNMENT_ROLES = ['LEAD', 'ASSIST'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** A: 解决或基本解决; B: 列入计划拟解决 (with a planned date); C: 留作参考 (with the reason). */
export const REPLY_RESULTS = ['A', 'B', 'C'] as const;
export type ReplyResult = (typeof REPLY_RESULTS)[number];

/** 满意 / 基本满意 / 不满意, on each of the two axes (办理态度, 办理结果). */
export const SATISFACTION = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

/** How a deadline was set: a date the office chose, or days from the assignment. */
export const DEADLINE_RULES = ['DATE', 'CALENDAR_DAYS', 'WORKING_DAYS'] as const;
export type DeadlineRule = (typeof DEADLINE_RULES)[number];

/** Who reports a B promise delivered: the unit that made it, and the office that checks it. */
export const PROMISE_REPORTERS = ['UNIT', 'OFFICE'] as const;
export type PromiseReporter = (typeof PROMISE_REPORTERS)[number];

/** What the deadline board says of one assignment's current round on an "on" date. */
export const DEADLINE_STATES = ['NOT_YET_DUE', 'DUE_SOON', 'OVERDUE', 'REPLIED_ON_TIME', 'REPLIED_LATE'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];
