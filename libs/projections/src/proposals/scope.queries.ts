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
import { HANDLING_UNIT, MEMBER, PROPOSALS_OFFICE, type Grant, type Principal } from '#domain';
import type { ProposalRow } from './proposals.projection.js';

export interface ProposalsReach {
  everything: boolean;
  office: boolean;
  unitId: string | null;
  memberId: string | null;
}

export function proposalsReach(principal: { role: Principal['role']; grants: readonly Grant[] }): ProposalsReach {
  const everything = principal.role === 'LEADER' || principal.role === 'AUDITOR';
  const reach: ProposalsReach = { everything, office: false, unitId: null, memberId: null };
  if (principal.role !== 'RECORDER') return reach;
  for (const g of principal.grants) {
    if (g.kind === PROPOSALS_OFFICE) reach.office = true;
    else if (g.kind === HANDLING_UNIT && g.id) reach.unitId = g.id;
    else if (g.kind === MEMBER && g.id) reach.memberId = g.id;
  }
  return reach;
}

/** Whether the holder may read this proposal. */
export function proposalVisible(reach: ProposalsReach, row: ProposalRow): boolean {
  if (reach.everything || reach.office) return true;
  if (reach.unitId && row.assignments.some((a) => a.unitId === reach.unitId)) return true;
  if (reach.memberId && (row.proposerId === reach.memberId || row.coSigners.some((c) => c.memberId === reach.memberId))) return true;
  return false;
}

/** Whether the holder reads the whole board (figures of every unit): leaders, auditors, the office. */
export const readsEveryProposal = (reach: ProposalsReach): boolean => reach.everything || reach.office;
