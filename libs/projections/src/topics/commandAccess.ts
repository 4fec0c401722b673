/**
 * The topics wing's policy in the write path, after the role check (every command is a
 * RECORDER's): only the liaison wing's COMMITTEE_OFFICE sets, revises and withdraws key topics and
 * tags work to them. The standing committee decides the topics; the office types them in.
 */
import { officeOnlyPolicy } from '../shared/officePolicy.js';

export const topicsCommandPolicy = officeOnlyPolicy('key topics and their tags');
