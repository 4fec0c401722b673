/**
 * Where the page meets the compliance board (制度落实): one card on the leaders' dashboard, its
 * own chunk. Leaders and auditors read it; an auditor also seals it and verifies the seals.
 */
import type { PageWing } from '../wings.js';

export const complianceWing: PageWing = {
  name: 'compliance',
  viewsFor: () => [],
  loadViews: () => Promise.resolve({ WingView: () => null }),
  loadLeadersCard: () => import('./card.js').then((m) => ({ LeadersCard: m.ComplianceLeadersCard })),
};
