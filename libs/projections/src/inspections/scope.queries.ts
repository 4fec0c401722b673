/**
 * What a token's grants cover in the inspections wing, asked by the API's guard, the resolvers'
 * narrowing and the write path's policy alike. The wing defines no grant kinds of its own:
 * - LEADER and AUDITOR read every inspection; a RECORDER with the liaison wing's COMMITTEE_OFFICE
 *   reads and writes every one;
 * - a RECORDER with MEMBER reads the inspections it was invited to or attended, and answers its
 *   own invitations;
 * - a RECORDER with the proposals wing's HANDLING_UNIT reads the inspections whose report
 *   addresses recommendations to its unit (those recommendations only), and follows them up.
 * Any other grant covers nothing here.
 */
import { COMMITTEE_OFFICE, type Grant, type Principal } from '#domain';
import { wingReach, type WingReach } from '../shared/reach.js';
import type { InspectionRow, RecommendationRow } from './inspections.projection.js';

export type InspectionsReach = WingReach;

export const inspectionsReach = (principal: { role: Principal['role']; grants: readonly Grant[] }): InspectionsReach => wingReach(principal, COMMITTEE_OFFICE);

/** Whether the holder reads every inspection and every figure: leaders, auditors, the committee office. */
export const readsEveryInspection = (reach: InspectionsReach): boolean => reach.everything || reach.office;

/** Whether the holder may read this inspection. */
export function inspectionVisible(reach: InspectionsReach, row: InspectionRow): boolean {
  if (readsEveryInspection(reach)) return true;
  if (reach.memberId && (row.invitations.some((i) => i.inviteeId === reach.memberId) || row.attendeeIds.includes(reach.memberId))) return true;
  if (reach.unitId && row.recommendations.some((r) => r.unitId === reach.unitId)) return true;
  return false;
}

/**
 * The recommendations of a visible inspection the holder reads: all of them, except for a unit
 * that reads only its own (another unit's follow-ups are not its record) unless it also holds a
 * wider grant.
 */
export function recommendationsVisible(reach: InspectionsReach, row: InspectionRow): RecommendationRow[] {
  if (readsEveryInspection(reach)) return row.recommendations;
  if (reach.memberId && (row.invitations.some((i) => i.inviteeId === reach.memberId) || row.attendeeIds.includes(reach.memberId))) return row.recommendations;
  return row.recommendations.filter((r) => r.unitId === reach.unitId);
}
