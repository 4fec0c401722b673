/**
 * The rules of the compliance board (制度落实): each one a check over the log that the seed's
 * systems ask for, answered for a year as of any moment.
 */
export const COMPLIANCE_RULES = [
  /** 委员全部编入各专委会: every active member in a special committee that exists and is not dissolved. */
  'MEMBERS_IN_SPECIAL_COMMITTEE',
  /** 联络组全覆盖: every locality (town, subdistrict) has a liaison group. */
  'LOCALITIES_HAVE_GROUP',
  /** Every liaison group logged a contact in each quarter of the year (so far). */
  'GROUPS_ACTIVE_EACH_QUARTER',
  /** Every link due in the year met its requirement, per scheme. */
  'DUE_LINKS_MET',
  /** Every active member is the target of at least one active link. */
  'MEMBERS_TARGETED',
  /** The Party group reported to the city Party committee at least once in the year. */
  'PARTY_COMMITTEE_REPORTED',
  /** The city Party committee studied CPPCC work at least once in the year. */
  'PARTY_COMMITTEE_STUDIED',
  /** Every filed proposal's assignment due by now was replied by its deadline. */
  'PROPOSALS_REPLIED_ON_TIME',
  /** Every key topic of the year has at least one inspection and one proposal or opinion report. */
  'TOPICS_CARRIED_OUT',
  /** Every inspection held whose report is due by now was reported within N days. */
  'INSPECTION_REPORTS_ON_TIME',
  /** Every recommendation whose response is due by now was answered within M days. */
  'RECOMMENDATIONS_ANSWERED_ON_TIME',
] as const;
export type ComplianceRule = (typeof COMPLIANCE_RULES)[number];

/** A cell's colour: GREEN at or above the rule's green share, AMBER at or above its amber share, else RED; NONE_DUE when nothing was due. */
export const COMPLIANCE_STATES = ['GREEN', 'AMBER', 'RED', 'NONE_DUE'] as const;
export type ComplianceState = (typeof COMPLIANCE_STATES)[number];
