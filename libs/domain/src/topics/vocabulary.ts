/** The topics wing's closed vocabularies (年度重点协商议题). */

/** What can be tagged to a key topic: the work of the other systems, each named by its own id. */
export const WORK_KINDS = ['CONTACT', 'PROPOSAL', 'OPINION_REPORT', 'INSPECTION'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** A topic is set for its year, and may be withdrawn (with a reason); a withdrawn topic takes no new tags. */
export const TOPIC_STAGES = ['SET', 'WITHDRAWN'] as const;
export type TopicStage = (typeof TOPIC_STAGES)[number];

/** The lead body that names the chairs' meeting (主席会议), which is no registered organization. */
export const TOPIC_CHAIRS = 'CHAIRS';
