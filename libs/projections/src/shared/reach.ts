/**
 * What a token's grants reach in a wing that has an office, handling units and members (proposals,
 * opinion reports, inspections): every record for LEADER and AUDITOR; for a RECORDER, every record
 * with the wing's office grant, and a unit's or a member's own with HANDLING_UNIT or MEMBER. Each
 * wing's scope.queries.ts says what "own" means for its records.
 */
import { HANDLING_UNIT, MEMBER, type Grant, type Principal } from '#domain';

export interface WingReach {
  /** LEADER and AUDITOR: they read every record (and write none of a wing's own). */
  everything: boolean;
  /** The wing's office grant (PROPOSALS_OFFICE, or COMMITTEE_OFFICE for opinions and inspections). */
  office: boolean;
  unitId: string | null;
  memberId: string | null;
}

export function wingReach(principal: { role: Principal['role']; grants: readonly Grant[] }, officeKind: string): WingReach {
  const everything = principal.role === 'LEADER' || principal.role === 'AUDITOR';
  const reach: WingReach = { everything, office: false, unitId: null, memberId: null };
  if (principal.role !== 'RECORDER') return reach;
  for (const g of principal.grants) {
    if (g.kind === officeKind) reach.office = true;
    else if (g.kind === HANDLING_UNIT && g.id) reach.unitId = g.id;
    else if (g.kind === MEMBER && g.id) reach.memberId = g.id;
  }
  return reach;
}
