/** The inspections wing's closed vocabularies (《委员视察考察制度》). */

/** 视察 (an inspection of the city's own work) or 考察 (a study visit, usually elsewhere). */
export const INSPECTION_KINDS = ['INSPECTION', 'STUDY_VISIT'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/**
 * Where an inspection is in its life. HELD covers the time between the visit and its report;
 * REPORTED covers every follow-up after it: what a recommendation waits for is read off the
 * recommendation, not kept as a stage of its own.
 */
export const INSPECTION_STAGES = ['PLANNED', 'CANCELLED', 'HELD', 'REPORTED'] as const;
export type InspectionStage = (typeof INSPECTION_STAGES)[number];

/** Who organises it: a special committee, a sector, or the chairs' meeting (主席会议). */
export const ORGANISER_KINDS = ['SPECIAL_COMMITTEE', 'SECTOR', 'CHAIRS'] as const;
export type OrganiserKind = (typeof ORGANISER_KINDS)[number];
/** The organiser id that names the chairs' meeting, which is no registered organization. */
export const CHAIRS = 'CHAIRS';

/** An invitee's answer. */
export const INVITATION_ANSWERS = ['ACCEPTED', 'DECLINED'] as const;
export type InvitationAnswer = (typeof INVITATION_ANSWERS)[number];

/** A recommendation's status as its unit last reported it; NOT_ADOPTED comes with a reason. */
export const RECOMMENDATION_STATUSES = ['ACCEPTED', 'IN_PROGRESS', 'DONE', 'NOT_ADOPTED'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** Who an invitation or an attendance names: a member, or a registered person (an expert, a staff member). */
export type InviteeKind = 'MEMBER' | 'PERSON';
