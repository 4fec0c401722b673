/**
 * The public-opinion reports wing's fragment of the permission table. Reads: leaders and auditors
 * everything (auditors with every report's history); a RECORDER within its grants (the committee
 * office everything, a member its own reports and its own credit, a handling unit the reports
 * forwarded to a recipient it answers for), narrowed by the resolvers. Writes: every report
 * command is a RECORDER's, checked per command and against current state by the write path's
 * policy (projections opinions/commandAccess.ts); the office's rules are also an administrator's.
 */
import type { AccessRole } from '#domain';
import { OpinionsProjection } from '#projections/opinions/opinions.projection';
import { opinionsReach, readsEveryReport, reportVisible } from '#projections/opinions/scope.queries';
import { ADMIN, EVERYONE, FIGURES, GrantRequest, PermissionFragment, RECORDER, rule } from '../auth/permissions.js';

const READERS: readonly AccessRole[] = [...FIGURES, 'RECORDER'];
const reachOf = (request: GrantRequest) => opinionsReach({ role: 'RECORDER', grants: request.grants });
/** Office-wide figures: a RECORDER only with COMMITTEE_OFFICE. */
const officeWide = (request: GrantRequest) => readsEveryReport(reachOf(request));
/** One report by id: one the grants cover; an id that names nothing passes (null, as for anyone). */
const reportArgVisible = (request: GrantRequest) => {
  const row = request.projections.get<OpinionsProjection>(OpinionsProjection.NAME).reports.get(String(request.args.id));
  return !row || reportVisible(reachOf(request), row);
};
/** Credit: the office's for everyone, a member's for itself only. */
const ownCredit = (request: GrantRequest) => {
  const reach = reachOf(request);
  return readsEveryReport(reach) || (reach.memberId !== null && request.args.memberId === reach.memberId);
};
const COVERED = 'a RECORDER sees the reports its grants cover: all for COMMITTEE_OFFICE, those it is among the authors of for MEMBER, those forwarded to its unit for HANDLING_UNIT';
const PER_COMMAND = 'checked per command against the token\'s grants by the write path';

export const OPINIONS_PERMISSIONS: PermissionFragment = {
  Query: {
    opinionReports: rule(READERS, undefined, COVERED),
    opinionReport: rule(READERS, reportArgVisible, COVERED),
    opinionCounts: rule(READERS, officeWide),
    opinionLadder: rule(READERS, officeWide),
    opinionCredit: rule(READERS, ownCredit, 'a MEMBER token reads its own credit (memberId: itself)'),
    opinionRules: rule(EVERYONE),
  },
  Mutation: {
    submitOpinionReport: rule(RECORDER, undefined, PER_COMMAND),
    withdrawOpinionReport: rule(RECORDER, undefined, PER_COMMAND),
    editOpinionReport: rule(RECORDER, undefined, PER_COMMAND),
    adoptOpinionReport: rule(RECORDER, undefined, PER_COMMAND),
    declineOpinionReport: rule(RECORDER, undefined, PER_COMMAND),
    combineOpinionReports: rule(RECORDER, undefined, PER_COMMAND),
    issueOpinionReport: rule(RECORDER, undefined, PER_COMMAND),
    forwardOpinionReport: rule(RECORDER, undefined, PER_COMMAND),
    recordRecipientAdoption: rule(RECORDER, undefined, PER_COMMAND),
    recordLeaderInstruction: rule(RECORDER, undefined, PER_COMMAND),
    recordOpinionFeedback: rule(RECORDER, undefined, PER_COMMAND),
    recordOpinionMediaPickup: rule(RECORDER, undefined, PER_COMMAND),
    defineOpinionRecipient: rule([...ADMIN, 'RECORDER'], undefined, PER_COMMAND),
    defineOpinionNotAdoptedReason: rule([...ADMIN, 'RECORDER'], undefined, PER_COMMAND),
    setOpinionIssueFormat: rule([...ADMIN, 'RECORDER'], undefined, PER_COMMAND),
    setOpinionCreditRules: rule([...ADMIN, 'RECORDER'], undefined, PER_COMMAND),
  },
  OpinionReport: {
    authors: rule(READERS),
    text: rule(READERS),
    timeline: rule(READERS),
  },
};
