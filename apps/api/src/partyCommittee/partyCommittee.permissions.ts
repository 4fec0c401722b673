/**
 * The Party-committee wing's fragment: leaders and auditors read a year's reports and studies, and
 * so does the committee office, which records them (checked again by the write path).
 */
import { COMMITTEE_OFFICE } from '#domain';
import { wingReach } from '#projections/shared/reach';
import { FIGURES, GrantRequest, PermissionFragment, RECORDER, rule } from '../auth/permissions.js';

const office = (request: GrantRequest) => wingReach({ role: 'RECORDER', grants: request.grants }, COMMITTEE_OFFICE).office;
const OFFICE_WRITES = 'the committee office (COMMITTEE_OFFICE), checked by the write path';

export const PARTY_COMMITTEE_PERMISSIONS: PermissionFragment = {
  Query: {
    partyCommitteeYear: rule([...FIGURES, 'RECORDER'], office, 'a RECORDER reads it only with COMMITTEE_OFFICE'),
  },
  Mutation: {
    recordPartyCommitteeReport: rule(RECORDER, undefined, OFFICE_WRITES),
    correctPartyCommitteeReport: rule(RECORDER, undefined, OFFICE_WRITES),
    recordPartyCommitteeStudy: rule(RECORDER, undefined, OFFICE_WRITES),
    correctPartyCommitteeStudy: rule(RECORDER, undefined, OFFICE_WRITES),
  },
};
