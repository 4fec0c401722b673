/**
 * Where the page meets the trail (反映 → 答复): a page of its own, opened at `#/trail?issue=<id>`
 * (from a raised issue in a contact list, or by typing an issue id), for every caller the API lets
 * read trails (leaders, auditors, recorders, each seeing what its grants reach); and the leaders'
 * card with the year's figures per liaison group. Both are chunks of their own.
 */
import type { Caller } from '../app.js';
import type { PageWing } from '../wings.js';

/** The address of an issue's trail (the token, when the page is opened with one, follows as another parameter). */
export const trailAddress = (issueId: string, asOf = '') => `#/trail?${new URLSearchParams({ issue: issueId, ...(asOf ? { asOf } : {}) })}`;

/** Whether the address names the trail page, and the issue and asOf it asks for. */
export function trailRoute(hash: string): { issueId: string; asOf: string } | null {
  const m = /^#\/trail(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const params = new URLSearchParams(m[1] ?? '');
  return { issueId: params.get('issue') ?? '', asOf: params.get('asOf') ?? '' };
}

/** Who the API answers `trail` for: leaders, auditors and recorders (an administrator reads no contacts). */
export const mayReadTrails = (caller: Caller) => caller.role !== 'ADMIN';

export const loadTrailPage = () => import('./view.js').then((m) => ({ TrailPage: m.TrailPage }));

export const trailWing: PageWing = {
  name: 'trail',
  viewsFor: () => [],
  loadViews: () => import('./view.js').then((m) => ({ WingView: m.NoView })),
  loadLeadersCard: () => import('./view.js').then((m) => ({ LeadersCard: m.TrailLeadersCard })),
};
