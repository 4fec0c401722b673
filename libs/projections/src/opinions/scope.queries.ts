/**
 * What a token's grants cover in the public-opinion reports wing, asked by the API's guard, the
 * resolvers' narrowing and the write path's policy alike:
 * - LEADER and AUDITOR read every report; a RECORDER with COMMITTEE_OFFICE reads and writes every one;
 * - a RECORDER with MEMBER reads the reports it is among the authors of (a combined report's
 *   authors are its parts' authors), and submits, edits and withdraws its own before the office decides;
 * - a RECORDER with HANDLING_UNIT reads the reports forwarded to a recipient its unit answers for,
 *   and records that recipient's adoption and feedback.
 * Any other grant covers nothing here.
 */
import { COMMITTEE_OFFICE, type Grant, type Principal } from '#domain';
import { wingReach, type WingReach } from '../shared/reach.js';
import type { ReportRow } from './opinions.projection.js';

export type OpinionsReach = WingReach;

export const opinionsReach = (principal: { role: Principal['role']; grants: readonly Grant[] }): OpinionsReach => wingReach(principal, COMMITTEE_OFFICE);

/** Whether the holder reads every report and the office-wide figures: leaders, auditors, the office. */
export const readsEveryReport = (reach: OpinionsReach): boolean => reach.everything || reach.office;

/** Whether the holder may read this report. */
export function reportVisible(reach: OpinionsReach, row: ReportRow): boolean {
  if (readsEveryReport(reach)) return true;
  if (reach.memberId && row.authorIds.includes(reach.memberId)) return true;
  if (reach.unitId && row.forwardedToOrgs.includes(reach.unitId)) return true;
  return false;
}
