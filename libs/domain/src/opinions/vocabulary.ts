/** The public-opinion reports wing's closed vocabularies (社情民意, issue 12). */

/**
 * Where a report stands on the office's decision. What happened after adoption (issued, forwarded,
 * adopted above, instructed, answered) is read off the ladder, not kept as a stage of its own; a
 * part of a combined report keeps its own stage and points to the combined one.
 */
export const REPORT_STAGES = ['SUBMITTED', 'WITHDRAWN', 'ADOPTED', 'NOT_ADOPTED'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

/** 市 / 州 / 省 / 全国, lowest first: "that level or higher" compares places in this list. */
export const OPINION_LEVELS = ['CITY', 'PREFECTURE', 'PROVINCE', 'NATIONAL'] as const;
export type OpinionLevel = (typeof OPINION_LEVELS)[number];
export const levelRank = (level: OpinionLevel): number => OPINION_LEVELS.indexOf(level);

/** What kind of body a recipient (报送对象) is. */
export const RECIPIENT_KINDS = ['PARTY_COMMITTEE', 'GOVERNMENT', 'CPPCC', 'PEOPLES_CONGRESS', 'DEPARTMENT', 'OTHER'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Bodies that may author a report in their own name. */
export const AUTHOR_BODY_KINDS = ['LIAISON_GROUP', 'SECTOR', 'DEMOCRATIC_PARTY'] as const;

/**
 * Who wrote it: one or several members, one body, or (综合) the office's combination of other
 * reports, whose authors are the parts' authors.
 */
export const AUTHOR_KINDS = ['MEMBERS', 'BODY', 'COMBINED'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

/** Where a report started: a contact's raised issue, a proposal not filed (不立案), or nowhere on record. */
export const REPORT_SOURCES = ['CONTACT_ISSUE', 'NOT_FILED_PROPOSAL', 'NONE'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** What earns a report's authors credit: the committee's own adoption, a recipient's adoption, a leader's instruction, a medium taking it up. */
export const CREDIT_ITEMS = ['COMMITTEE_ADOPTION', 'RECIPIENT_ADOPTION', 'INSTRUCTION', 'MEDIA_PICKUP'] as const;
export type CreditItem = (typeof CREDIT_ITEMS)[number];
