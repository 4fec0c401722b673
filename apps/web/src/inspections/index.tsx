/**
 * Where the page meets the inspections wing (视察考察): the committee office's planner (a
 * COMMITTEE_OFFICE grant), a member's own inspections and attendance (MEMBER), the
 * recommendations addressed to a unit (HANDLING_UNIT), and the leaders' follow-up card. The views
 * and the card are chunks of their own.
 */
import { opinionsViewsFor, type OpinionsRole } from '../opinions/index.js';
import type { PageWing } from '../wings.js';

/**
 * The same grants open the same three kinds of view as in the opinion reports wing (the API's
 * wingReach reads them alike for both): the committee office is both wings' office, a member reads
 * its own, a handling unit what is addressed to it. So the mapping is the opinions wing's, not a
 * second copy of it.
 */
export type InspectionsRole = OpinionsRole;

export const inspectionsWing: PageWing = {
  name: 'inspections',
  viewsFor: opinionsViewsFor,
  loadViews: () => import('./views.js').then((m) => ({ WingView: m.InspectionsView })),
  loadLeadersCard: () => import('./leaders.js').then((m) => ({ LeadersCard: m.InspectionsLeadersCard })),
};
