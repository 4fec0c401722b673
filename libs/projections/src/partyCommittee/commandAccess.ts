/** The Party-committee wing's policy: its records are the committee office's (a COMMITTEE_OFFICE grant). */
import { officeOnlyPolicy } from '../shared/officePolicy.js';

export const partyCommitteeCommandPolicy = officeOnlyPolicy('reports to the Party committee and its studies of CPPCC work');
