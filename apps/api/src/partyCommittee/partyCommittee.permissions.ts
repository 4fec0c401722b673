/**
 * The Party-committee wing's fragment: leaders and auditors read a year's reports and studies, and
 * so does the committee office, which records them (checked again by the write path).
 */
import { FIGURES, PermissionFragment, RECORDER, rule, holdsCommitteeOffice } from '../auth/permissions.js';

const OFFICE_WRITES = 'the committee office (COMMITTEE_OFFICE), checked by the write path';

export const PARTY_COMMITTEE_PERMISSIONS: PermissionFragment = {
  Query: {
    partyCommitteeYear: rule([...FIGURES, 'RECORDER'], holdsCommitteeOffice, 'a RECORDER reads it only with COMMITTEE_OFFICE'),
  },
  Mutation: {
    recordPartyCommitteeReport: rule(RECORDER, undefined, OFFICE_WRITES),
    correctPartyCommitteeReport: rule(RECORDER, undefined, OFFICE_WRITES),
    recordPartyCommitteeStudy: rule(RECORDER, undefined, OFFICE_WRITES),
    correctPartyCommitteeStudy: rule(RECORDER, undefined, OFFICE_WRITES),
  },
};
