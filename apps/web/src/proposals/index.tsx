/**
 * Where the page meets the proposals wing (提案办理): which proposals views a caller gets, and
 * the loaders of its views and of its card on the leaders' dashboard. The views are a chunk of
 * their own, so the first load of the liaison pages carries none of them.
 */
import type { Caller } from '../app.js';
import { grantIds, type PageWing } from '../wings.js';

export type ProposalsRole = 'OFFICE' | 'UNIT' | 'MEMBER';

/** The proposals views a caller's grants open, in the order the page shows them (leaders get the dashboard's card). */
export function proposalsViewsFor(caller: Caller): Array<{ role: ProposalsRole; id?: string }> {
  if (caller.role !== 'RECORDER') return [];
  return caller.grants.flatMap((g): Array<{ role: ProposalsRole; id?: string }> => {
    if (g.kind === 'PROPOSALS_OFFICE') return [{ role: 'OFFICE' as const }];
    if (g.kind === 'HANDLING_UNIT') return grantIds(g).map((id) => ({ role: 'UNIT' as const, id }));
    if (g.kind === 'MEMBER') return grantIds(g).map((id) => ({ role: 'MEMBER' as const, id }));
    return [];
  });
}

export const proposalsWing: PageWing = {
  name: 'proposals',
  viewsFor: proposalsViewsFor,
  loadViews: () => import('./views.js').then((m) => ({ WingView: m.ProposalsView })),
  loadLeadersCard: () => import('./views.js').then((m) => ({ LeadersCard: m.LeadersProposalsCard })),
};
