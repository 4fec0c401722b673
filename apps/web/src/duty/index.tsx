/**
 * Where the page meets the members' duty records (履职档案). A member's token (a RECORDER with a
 * MEMBER grant) gets its own record; leaders and auditors the list of every member's; the
 * committee office the list and its forms (meetings, roll calls, corrections, the points table).
 * One member's record is also a page of its own, `#/duty?member=…&year=…` (or `&term=…`), which
 * the API answers for those it lets read it (a member asking for another's is told so). The
 * views are a chunk of their own.
 */
import type { Caller } from '../app.js';
import { grantIds, type PageWing, type WingView } from '../wings.js';

/** MEMBER: its own record; READER: a leader or an auditor; OFFICE: the committee office, which writes. */
export type DutyRole = 'MEMBER' | 'READER' | 'OFFICE';

/** A record's period: a year, or a term (届), as `y:2020` or `t:term-10` in the views' selects. */
export type DutyScope = { year: number; termId?: undefined } | { termId: string; year?: undefined };

export function dutyViewsFor(caller: Caller): WingView[] {
  if (caller.role === 'LEADER' || caller.role === 'AUDITOR') return [{ role: 'READER' satisfies DutyRole }];
  if (caller.role !== 'RECORDER') return [];
  if (caller.grants.some((g) => g.kind === 'COMMITTEE_OFFICE')) return [{ role: 'OFFICE' satisfies DutyRole }];
  return caller.grants.flatMap((g) => (g.kind === 'MEMBER' ? grantIds(g).map((id) => ({ role: 'MEMBER' satisfies DutyRole, id })) : []));
}

/** The address of a member's record page. */
export function dutyAddress(memberId: string, scope: DutyScope): string {
  return `#/duty?${new URLSearchParams({ member: memberId, ...(scope.termId ? { term: scope.termId } : { year: String(scope.year) }) })}`;
}

/** Whether the address names a record page, and the member and period it asks for. */
export function dutyRoute(hash: string): { memberId: string; year: number | null; termId: string | null } | null {
  const m = /^#\/duty(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const params = new URLSearchParams(m[1] ?? '');
  const year = Number(params.get('year'));
  return { memberId: params.get('member') ?? '', year: Number.isInteger(year) && year > 1900 ? year : null, termId: params.get('term') || null };
}

/** Who may open the record page: every caller but an administrator (the API decides whose record). */
export const mayReadDuty = (caller: Caller) => caller.role !== 'ADMIN';

export const loadDutyPage = () => import('./views.js').then((m) => ({ DutyPage: m.DutyPage }));

export const dutyWing: PageWing = {
  name: 'duty',
  viewsFor: dutyViewsFor,
  loadViews: () => import('./views.js').then((m) => ({ WingView: m.DutyView })),
};
