/**
 * The duty wing's policy in the write path, after the role check (meetings and attendance are a
 * RECORDER's; the rule table is also an ADMIN's): only the liaison wing's COMMITTEE_OFFICE
 * records meetings, attendance and its corrections, and keeps the rule table. A member does not
 * answer for its own attendance: the office's roll call is the record.
 */
import { officeOnlyPolicy } from '../shared/officePolicy.js';

export const dutyCommandPolicy = officeOnlyPolicy('meetings, attendance and the duty points table');
