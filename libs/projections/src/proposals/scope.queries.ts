/**
 * What a token's grants cover in the proposals wing, asked by the API's guard, the resolvers'
 * narrowing and the write path's policy alike:
 * - LEADER and AUDITOR read every proposal; a RECORDER with PROPOSALS_OFFICE reads and handles every one;
 * - a RECORDER with HANDLING_UNIT reads the proposals assigned to its unit (returned ones too: its
 *   own returns are its record) and writes the replies, returns and promise reports of its own
 *   assignments;
 * - a RECORDER with MEMBER reads the proposals it leads, co-signs or is invited to co-sign, and
 *   submits, co-signs and rates only its own.
 * Any other grant covers nothing here.
 */
import { PROPOSALS_OFFICE, type Grant, type Principal } from '#domain';
import { wingReach, type WingReach } from '../shared/reach.js';
import type { ProposalRow, ProposalsProjection } from './proposals.projection.js';

export type ProposalsReach = WingReach;

export const proposalsReach = (principal: { role: Principal['role']; grants: readonly Grant[] }): ProposalsReach => wingReach(principal, PROPOSALS_OFFICE);

/** Whether the holder may read this proposal. */
export function proposalVisible(reach: ProposalsReach, row: ProposalRow): boolean {
  if (reach.everything || reach.office) return true;
  if (reach.unitId && row.assignments.some((a) => a.unitId === reach.unitId)) return true;
  if (reach.memberId && (row.proposerId === reach.memberId || row.coSigners.some((c) => c.memberId === reach.memberId))) return true;
  return false;
}

/** Whether the holder reads the whole board (figures of every unit): leaders, auditors, the office. */
export const readsEveryProposal = (reach: ProposalsReach): boolean => reach.everything || reach.office;

/** A contact as the proposals rule sees it. */
export interface ProposalContactShape {
  participantIds: readonly string[];
  linkIds: readonly string[];
  liaisonGroupId: string | null;
  proposalIds: readonly string[];
}

/**
 * Who may record a contact that serves proposals: the proposals office any; a leader any (督办);
 * a handling unit only for proposals its unit holds an assignment on, with the unit taking part
 * (its consultation with the proposer). Such a contact serves no liaison links and names no group:
 * those are the liaison clerks' work. Returns why not, or null when allowed. A proposal not on
 * record is left to the decider (NOT_FOUND).
 */
export function proposalContactRefusal(reach: ProposalsReach, proposals: ProposalsProjection, contact: ProposalContactShape): string | null {
  if (contact.linkIds.length > 0 || contact.liaisonGroupId) return 'a contact that serves proposals serves no liaison links and names no liaison group';
  if (reach.everything || reach.office) return null;
  if (!reach.unitId) return 'a contact that serves proposals is recorded by the proposals office, a handling unit or a leader';
  if (!contact.participantIds.includes(reach.unitId)) return `handling unit ${reach.unitId} takes part in the consultations it records`;
  for (const id of contact.proposalIds) {
    const row = proposals.proposals.get(id);
    if (row && !row.assignments.some((a) => a.unitId === reach.unitId && !a.returned)) return `proposal ${id} is not assigned to handling unit ${reach.unitId}`;
  }
  return null;
}
