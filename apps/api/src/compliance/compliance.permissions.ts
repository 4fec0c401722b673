/**
 * The compliance wing's fragment. The board and its seals are read by leaders, auditors and the
 * committee office: a cell's evidence names members, groups, units and links across the whole
 * committee. Thresholds are set by an administrator or the office; a board is sealed by an
 * auditor (the write path checks both again).
 */
import { ADMIN, AUDIT, FIGURES, PermissionFragment, rule, holdsCommitteeOffice } from '../auth/permissions.js';

const BOARD_READERS = [...FIGURES, 'RECORDER'] as const;
const OFFICE_ONLY = 'a RECORDER only with COMMITTEE_OFFICE';

export const COMPLIANCE_PERMISSIONS: PermissionFragment = {
  Query: {
    complianceBoard: rule(BOARD_READERS, holdsCommitteeOffice, OFFICE_ONLY),
    complianceThresholds: rule(BOARD_READERS, holdsCommitteeOffice, OFFICE_ONLY),
    complianceSeals: rule(BOARD_READERS, holdsCommitteeOffice, OFFICE_ONLY),
    verifyComplianceSeal: rule(BOARD_READERS, holdsCommitteeOffice, OFFICE_ONLY),
  },
  Mutation: {
    setComplianceThreshold: rule([...ADMIN, 'RECORDER'], undefined, 'an administrator, or the committee office (checked by the write path)'),
    sealComplianceBoard: rule(AUDIT),
  },
};
