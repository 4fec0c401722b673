/**
 * The proposals wing's fragment of the permission table. Reads: leaders and auditors everything;
 * a RECORDER within its grants (the proposals office everything, a handling unit its own
 * assignments, a member its own proposals and co-signatures), narrowed by the resolvers. Writes:
 * every proposal command is a RECORDER's, checked per command and against current state by the
 * write path's policy (projections proposals/commandAccess.ts); the office's rules are also an
 * administrator's.
 */
import type { AccessRole } from '#domain';
import { ProposalsProjection } from '#projections/proposals/proposals.projection';
import { proposalVisible, proposalsReach, readsEveryProposal } from '#projections/proposals/scope.queries';
import { ADMIN, EVERYONE, FIGURES, GrantRequest, PermissionFragment, RECORDER, rule } from '../auth/permissions.js';

const READERS: readonly AccessRole[] = [...FIGURES, 'RECORDER'];
const reachOf = (request: GrantRequest) => proposalsReach({ role: 'RECORDER', grants: request.grants });
/** Office-wide figures: a RECORDER only with PROPOSALS_OFFICE. */
const officeWide = (request: GrantRequest) => readsEveryProposal(reachOf(request));
/** A unit's board or standing: the office, or a unit token (the resolver narrows it to its own unit). */
const officeOrUnit = (request: GrantRequest) => officeWide(request) || reachOf(request).unitId !== null;
/** One proposal by id: one the grants cover; an id that names nothing passes (null, as for anyone). */
const proposalArgVisible = (request: GrantRequest) => {
  const row = request.projections.get<ProposalsProjection>(ProposalsProjection.NAME).proposals.get(String(request.args.id));
  return !row || proposalVisible(reachOf(request), row);
};
const COVERED = 'a RECORDER sees the proposals its grants cover: all for PROPOSALS_OFFICE, its unit\'s assignments for HANDLING_UNIT, its own and co-signed for MEMBER';
const PER_COMMAND = 'checked per command against the token\'s grants by the write path';

export const PROPOSALS_PERMISSIONS: PermissionFragment = {
  Query: {
    proposals: rule(READERS, undefined, COVERED),
    proposal: rule(READERS, proposalArgVisible, COVERED),
    proposalCounts: rule(READERS, officeWide),
    unitStandings: rule(READERS, officeOrUnit, 'a HANDLING_UNIT token reads its own unit'),
    deadlineBoard: rule(READERS, officeOrUnit, 'a HANDLING_UNIT token reads its own unit'),
    overdueProposals: rule(READERS, officeWide),
    keyProposals: rule(READERS, officeWide),
    promiseLedger: rule(READERS, officeWide),
    aUnsatisfiedReplies: rule(READERS, officeWide),
    proposalRules: rule(EVERYONE),
  },
  Mutation: {
    submitProposal: rule(RECORDER, undefined, PER_COMMAND),
    inviteCoSigner: rule(RECORDER, undefined, PER_COMMAND),
    coSignProposal: rule(RECORDER, undefined, PER_COMMAND),
    withdrawProposal: rule(RECORDER, undefined, PER_COMMAND),
    returnProposalForRevision: rule(RECORDER, undefined, PER_COMMAND),
    resubmitProposal: rule(RECORDER, undefined, PER_COMMAND),
    fileProposal: rule(RECORDER, undefined, PER_COMMAND),
    declineToFileProposal: rule(RECORDER, undefined, PER_COMMAND),
    mergeProposal: rule(RECORDER, undefined, PER_COMMAND),
    assignProposal: rule(RECORDER, undefined, PER_COMMAND),
    returnAssignment: rule(RECORDER, undefined, PER_COMMAND),
    extendDeadline: rule(RECORDER, undefined, PER_COMMAND),
    markKeyProposal: rule(RECORDER, undefined, PER_COMMAND),
    replyToProposal: rule(RECORDER, undefined, PER_COMMAND),
    sendBackReply: rule(RECORDER, undefined, PER_COMMAND),
    releaseReply: rule(RECORDER, undefined, PER_COMMAND),
    rateReply: rule(RECORDER, undefined, PER_COMMAND),
    requestRehandling: rule(RECORDER, undefined, PER_COMMAND),
    reopenProposal: rule(RECORDER, undefined, PER_COMMAND),
    closeProposal: rule(RECORDER, undefined, PER_COMMAND),
    reportPromiseDelivered: rule(RECORDER, undefined, PER_COMMAND),
    setProposalRules: rule([...ADMIN, 'RECORDER'], undefined, PER_COMMAND),
    defineNotFiledReason: rule([...ADMIN, 'RECORDER'], undefined, PER_COMMAND),
    markNonWorkingDays: rule([...ADMIN, 'RECORDER'], undefined, PER_COMMAND),
  },
  Proposal: {
    proposer: rule(READERS),
    timeline: rule(READERS),
    text: rule(READERS),
  },
};
