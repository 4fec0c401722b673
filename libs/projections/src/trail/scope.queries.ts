/**
 * What of a trail a token may read. The trail is a view across three wings, so it is never wider
 * than their root queries (issue 15, finding 6: a nested field must never show more than its root):
 *
 * - the contact's part (the issue's words, the contact's group, day and participants, and the
 *   contact's own steps) is shown iff `contact(id:)` would show that contact with what was said in
 *   it: LEADER and AUDITOR always, a RECORDER whose liaison grants cover the contact (its group
 *   logged it or took part, its member took part, it serves a link in scope, or COMMITTEE_OFFICE);
 * - a proposal's hops are shown iff `proposal(id:)` would show that proposal (PROPOSALS_OFFICE,
 *   the handling unit it is assigned to, its proposer or co-signer as MEMBER), a report's iff
 *   `opinionReport(id:)` would (COMMITTEE_OFFICE, its author as MEMBER, the unit it was forwarded
 *   to); a work hidden is left out with all its hops, silently, as nested lists do elsewhere;
 * - what is derived from two parts (days from the conversation to the answer) is shown only when
 *   both parts are;
 * - a trail with no part the token may read is refused exactly as an issue not on record.
 *
 * So a liaison group's clerk follows the issues of its own contacts up to what its grants reach
 * (the contact, and no proposal unless it also holds a proposals grant); a member its own contacts,
 * proposals and reports; a unit the works addressed to it, whole, as their root queries show them.
 *
 * The figures (counts over every issue, proposal and report of a period) are read by those who
 * read all three wings: LEADER, AUDITOR, and a RECORDER holding both COMMITTEE_OFFICE and
 * PROPOSALS_OFFICE.
 */
import { COMMITTEE_OFFICE, PROPOSALS_OFFICE, type Grant, type Principal } from '#domain';
import { LiaisonView } from '../liaison/liaisonView.js';
import { contactInScope } from '../liaison/scope.queries.js';
import { OpinionsProjection } from '../opinions/opinions.projection.js';
import { opinionsReach, reportVisible } from '../opinions/scope.queries.js';
import { ProposalsProjection } from '../proposals/proposals.projection.js';
import { proposalVisible, proposalsReach } from '../proposals/scope.queries.js';
import type { ProjectionSet } from '../shared/projection.js';
import type { IssueTrailView, TrailStep, TrailWork } from './trail.queries.js';

type Reader = { role: Principal['role']; grants: readonly Grant[] };

/** Whether the token reads every trail whole, and the figures: leaders, auditors, a recorder with both offices. */
export function readsEveryTrail(principal: Reader): boolean {
  if (principal.role === 'LEADER' || principal.role === 'AUDITOR') return true;
  if (principal.role !== 'RECORDER') return false;
  const kinds = new Set(principal.grants.map((g) => g.kind));
  return kinds.has(COMMITTEE_OFFICE) && kinds.has(PROPOSALS_OFFICE);
}

/** A trail as this token may read it, from the projections it was read from; null when it may read none of it. */
export interface VisibleTrail extends Omit<IssueTrailView, 'contactId' | 'contact' | 'answer'> {
  contactId: string | null;
  /** The contact's part, or null when hidden. */
  contact: IssueTrailView['contact'] | null;
  answer: IssueTrailView['answer'] | (Omit<NonNullable<IssueTrailView['answer']>, 'days'> & { days: number | null }) | null;
}

export function visibleTrail(principal: Reader, trail: IssueTrailView, set: ProjectionSet): VisibleTrail | null {
  if (principal.role === 'LEADER' || principal.role === 'AUDITOR') return trail;
  if (principal.role !== 'RECORDER') return null;
  const contactShown = contactInScope(LiaisonView.of(set), principal.grants, trail.contact);
  const proposals = set.get<ProposalsProjection>(ProposalsProjection.NAME);
  const reports = set.get<OpinionsProjection>(OpinionsProjection.NAME);
  const pReach = proposalsReach(principal);
  const rReach = opinionsReach(principal);
  const shown = new Map<string, boolean>();
  const workShown = (work: TrailWork['work'], id: string): boolean => {
    const key = `${work}:${id}`;
    let yes = shown.get(key);
    if (yes === undefined) {
      if (work === 'PROPOSAL') {
        const row = proposals.proposals.get(id);
        yes = !!row && proposalVisible(pReach, row);
      } else {
        const row = reports.reports.get(id);
        yes = !!row && reportVisible(rReach, row);
      }
      shown.set(key, yes);
    }
    return yes;
  };
  const works = trail.works.filter((w) => workShown(w.work, w.workId));
  if (!contactShown && works.length === 0) return null;
  const steps = trail.steps.filter((s: TrailStep) => (s.work === 'CONTACT' ? contactShown : workShown(s.work, s.workId)));
  const answer = trail.answer && workShown(trail.answer.work, trail.answer.workId) ? { ...trail.answer, days: contactShown ? trail.answer.days : null } : null;
  return {
    ...trail,
    // A work is named by where it came from only if that one is shown too.
    works: works.map((w) => (w.fromId && !trail.works.some((o) => o.workId === w.fromId && workShown(o.work, o.workId)) ? { ...w, fromId: null } : w)),
    contactId: contactShown ? trail.contactId : null,
    recordedBy: contactShown ? trail.recordedBy : null,
    contact: contactShown ? trail.contact : null,
    standing: contactShown ? trail.standing : false,
    steps,
    answer,
  };
}
