/**
 * Where the page meets the year's key topics (年度重点协商议题) and the records of the city Party
 * committee (向市委请示报告、市委研究政协工作). Leaders and auditors read both; the committee office
 * (COMMITTEE_OFFICE) reads them and keeps them; a liaison group's clerk sees the list of topics,
 * which is the committee's public agenda, but not a topic's page (the API refuses it). The views
 * are chunks of their own.
 */
import type { Caller } from '../app.js';
import type { PageWing, WingView } from '../wings.js';

/** READER: a leader or an auditor; OFFICE: the committee office, which writes; LIST: a liaison group's clerk, the list alone. */
export type TopicsRole = 'READER' | 'OFFICE' | 'LIST';

const isOffice = (caller: Caller) => caller.role === 'RECORDER' && caller.grants.some((g) => g.kind === 'COMMITTEE_OFFICE');

export function topicsViewsFor(caller: Caller): WingView[] {
  if (caller.role === 'LEADER' || caller.role === 'AUDITOR') return [{ role: 'READER' satisfies TopicsRole }];
  if (isOffice(caller)) return [{ role: 'OFFICE' satisfies TopicsRole }];
  if (caller.role === 'RECORDER' && caller.grants.some((g) => g.kind === 'LIAISON_GROUP')) return [{ role: 'LIST' satisfies TopicsRole }];
  return [];
}

export function partyCommitteeViewsFor(caller: Caller): WingView[] {
  if (caller.role === 'LEADER' || caller.role === 'AUDITOR') return [{ role: 'READER' satisfies TopicsRole }];
  if (isOffice(caller)) return [{ role: 'OFFICE' satisfies TopicsRole }];
  return [];
}

export const topicsWing: PageWing = {
  name: 'topics',
  viewsFor: topicsViewsFor,
  loadViews: () => import('./views.js').then((m) => ({ WingView: m.TopicsView })),
};

export const partyCommitteeWing: PageWing = {
  name: 'party-committee',
  viewsFor: partyCommitteeViewsFor,
  loadViews: () => import('./party.js').then((m) => ({ WingView: m.PartyCommitteeView })),
};
