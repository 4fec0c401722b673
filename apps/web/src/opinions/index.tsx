/**
 * Where the page meets the public-opinion reports wing (社情民意): the committee office's desk (a
 * COMMITTEE_OFFICE grant), a member's own reports and credit (MEMBER), a unit's reports forwarded
 * to it (HANDLING_UNIT, answering for a recipient), and the leaders' adoption card. The views and
 * the card are chunks of their own.
 */
import type { Caller } from '../app.js';
import { grantIds, type PageWing, type WingView } from '../wings.js';

export type OpinionsRole = 'OFFICE' | 'MEMBER' | 'UNIT';

export function opinionsViewsFor(caller: Caller): WingView[] {
  if (caller.role !== 'RECORDER') return [];
  return caller.grants.flatMap((g): WingView[] => {
    if (g.kind === 'COMMITTEE_OFFICE') return [{ role: 'OFFICE' satisfies OpinionsRole }];
    if (g.kind === 'MEMBER') return grantIds(g).map((id) => ({ role: 'MEMBER' satisfies OpinionsRole, id }));
    if (g.kind === 'HANDLING_UNIT') return grantIds(g).map((id) => ({ role: 'UNIT' satisfies OpinionsRole, id }));
    return [];
  });
}

export const opinionsWing: PageWing = {
  name: 'opinions',
  viewsFor: opinionsViewsFor,
  loadViews: () => import('./views.js').then((m) => ({ WingView: m.OpinionsView })),
  loadLeadersCard: () => import('./leaders.js').then((m) => ({ LeadersCard: m.OpinionsLeadersCard })),
};
