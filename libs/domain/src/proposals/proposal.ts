/**
 * A proposal (提案), from submission to the proposer's verdict: one decider, one stream per
 * proposal, each step an event with who (the store's actor), when (`now`) and why (a reason where
 * the step needs one). Nothing is updated in place: a reply sent back stays as a version, a merged
 * proposal stays and points to the one it joined, a reopened assignment starts a new round.
 *
 * Filing takes the next serial number of its term and session. The number is also claimed in a
 * counter stream (`ProposalNumberReserved`, at the revision the serial names), appended in the
 * same transaction, so two writers that pick the same serial cannot both be recorded.
 */
import { CommandContext, Decider, Event, sameData } from '../shared/decider.js';
import { LEADER_ROLES } from '../shared/vocabulary.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { CommitteeDate, committeeDate, committeeDayEnd, parseCommitteeDate, toMs } from '../shared/time.js';
import { LIMITS, distinct, requireId, requireOneOf, requireText } from '../shared/validation.js';
import { dueAfter } from './deadlines.js';
import { proposalsOf } from './directory.js';
import { checkDeclaredTopic } from '../topics/directory.js';
import { OPINIONS_WING } from '../opinions/directory.js';
import { formatNumber } from './rules.js';
import {
  ASSIGNMENT_ROLES,
  AssignmentRole,
  DeadlineRule,
  PROMISE_REPORTERS,
  PROPOSING_BODY_KINDS,
  PromiseReporter,
  ProposalOccasion,
  ProposalStage,
  REPLY_RESULTS,
  ReplyResult,
  SATISFACTION,
  Satisfaction,
} from './vocabulary.js';

/** Text limits of a proposal; a longer text is refused, not cut. */
export const PROPOSAL_LIMITS = { title: 200, reasons: 20_000, suggestions: 20_000, reply: 50_000, comment: 2000, coSigners: 50 } as const;

type ProposalText = { title: string; reasons: string; suggestions: string };

export type ProposalEvent =
  | Event<
      'ProposalSubmitted',
      ProposalText & {
        proposalId: string;
        termId: string;
        sessionId: string;
        occasion: ProposalOccasion;
        proposerKind: 'MEMBER' | 'BODY';
        proposerId: string;
        topicId: string | null;
        /** The contact and the issue raised in it that this proposal takes up, when one did. */
        sourceContactId: string | null;
        sourceIssueId: string | null;
        submittedAt: string;
      }
    >
  | Event<'CoSignerInvited', { proposalId: string; memberId: string; invitedAt: string; expiresAt: string }>
  | Event<'ProposalCoSigned', { proposalId: string; memberId: string; signedAt: string }>
  | Event<'ProposalWithdrawn', { proposalId: string; reason: string; withdrawnAt: string }>
  | Event<'ProposalReturned', { proposalId: string; reason: string; returnedAt: string }>
  | Event<'ProposalResubmitted', ProposalText & { proposalId: string; resubmittedAt: string }>
  | Event<'ProposalFiled', { proposalId: string; termId: string; sessionId: string; serial: number; number: string; filedAt: string }>
  | Event<'ProposalNumberReserved', { counter: string; serial: number; proposalId: string }>
  | Event<'ProposalNotFiled', { proposalId: string; reasonCode: string; note: string; toOpinionReport: boolean; decidedAt: string }>
  | Event<'ProposalMerged', { proposalId: string; intoProposalId: string; reason: string; mergedAt: string }>
  | Event<'ProposalAssigned', { proposalId: string; assignmentId: string; unitId: string; role: AssignmentRole; dueOn: CommitteeDate; deadlineRule: DeadlineRule; days: number | null; assignedAt: string }>
  | Event<'AssignmentReturned', { proposalId: string; assignmentId: string; reason: string; suggestedUnitId: string | null; returnedAt: string }>
  | Event<'DeadlineExtended', { proposalId: string; assignmentId: string; fromDueOn: CommitteeDate; dueOn: CommitteeDate; reason: string; extendedAt: string }>
  | Event<'ProposalMarkedKey', { proposalId: string; supervisorId: string; reason: string; markedAt: string }>
  | Event<
      'ReplySubmitted',
      { proposalId: string; assignmentId: string; version: number; round: number; result: ReplyResult; text: string; letterDate: CommitteeDate; plannedOn: CommitteeDate | null; referenceReason: string | null; submittedAt: string }
    >
  | Event<'ReplySentBack', { proposalId: string; assignmentId: string; version: number; reason: string; sentBackAt: string }>
  | Event<'ReplyReleased', { proposalId: string; assignmentId: string; version: number; releasedAt: string }>
  | Event<'ReplyRated', { proposalId: string; assignmentId: string; version: number; round: number; attitude: Satisfaction; result: Satisfaction; comment: string; ratedAt: string }>
  | Event<'RehandlingRequested', { proposalId: string; reason: string; requestedAt: string }>
  | Event<'ProposalReopened', { proposalId: string; reason: string; assignments: Array<{ assignmentId: string; dueOn: CommitteeDate }>; reopenedAt: string }>
  | Event<'ProposalClosed', { proposalId: string; reason: string; closedBy: 'OFFICE' | 'RATINGS'; closedAt: string }>
  | Event<'PromiseDeliveryReported', { proposalId: string; assignmentId: string; reporter: PromiseReporter; deliveredOn: CommitteeDate; note: string; reportedAt: string }>;

type Deadline = { dueOn?: string | null; days?: number | null };

export type ProposalCommand =
  | ({
      type: 'SubmitProposal';
      proposalId: string;
      sessionId: string;
      proposerId: string;
      coSignerIds?: string[] | null;
      invitationDays?: number | null;
      topicId?: string | null;
      sourceContactId?: string | null;
      sourceIssueId?: string | null;
    } & ProposalText)
  | { type: 'InviteCoSigner'; proposalId: string; memberId: string; expiresOn?: string | null }
  | { type: 'CoSignProposal'; proposalId: string; memberId: string }
  | { type: 'WithdrawProposal'; proposalId: string; reason: string }
  | { type: 'ReturnProposalForRevision'; proposalId: string; reason: string }
  | ({ type: 'ResubmitProposal'; proposalId: string } & Partial<ProposalText>)
  | { type: 'FileProposal'; proposalId: string }
  | { type: 'DeclineToFileProposal'; proposalId: string; reasonCode: string; note?: string | null; toOpinionReport?: boolean | null }
  | { type: 'MergeProposal'; proposalId: string; intoProposalId: string; reason: string }
  | ({ type: 'AssignProposal'; proposalId: string; assignmentId: string; unitId: string; role: string } & Deadline)
  | { type: 'ReturnAssignment'; proposalId: string; assignmentId: string; reason: string; suggestedUnitId?: string | null }
  | { type: 'ExtendDeadline'; proposalId: string; assignmentId: string; dueOn: string; reason: string }
  | { type: 'MarkKeyProposal'; proposalId: string; supervisorId: string; reason?: string | null }
  | { type: 'ReplyToProposal'; proposalId: string; assignmentId: string; result: string; text: string; letterDate: string; plannedOn?: string | null; referenceReason?: string | null }
  | { type: 'SendBackReply'; proposalId: string; assignmentId: string; reason: string }
  | { type: 'ReleaseReply'; proposalId: string; assignmentId: string }
  | { type: 'RateReply'; proposalId: string; assignmentId: string; attitude: string; result: string; comment?: string | null }
  | { type: 'RequestRehandling'; proposalId: string; reason: string }
  | ({ type: 'ReopenProposal'; proposalId: string; assignmentIds?: string[] | null; reason: string } & Deadline)
  | { type: 'CloseProposal'; proposalId: string; reason: string }
  | { type: 'ReportPromiseDelivered'; proposalId: string; assignmentId: string; reporter: string; deliveredOn: string; note?: string | null };

export interface ReplyVersion {
  version: number;
  round: number;
  result: ReplyResult;
  plannedOn: CommitteeDate | null;
  status: 'SUBMITTED' | 'SENT_BACK' | 'RELEASED';
}

export interface AssignmentState {
  id: string;
  unitId: string;
  role: AssignmentRole;
  dueOn: CommitteeDate;
  returned: boolean;
  /** 1, then one more for each reopening. */
  round: number;
  replies: ReplyVersion[];
  /** The round the proposer last rated, and how. */
  rated: { round: number; attitude: Satisfaction; result: Satisfaction } | null;
  promiseReports: PromiseReporter[];
}

export type ProposalState =
  | { stage: 'NONE' }
  | {
      stage: ProposalStage;
      submitted: Extract<ProposalEvent, { type: 'ProposalSubmitted' }>['data'];
      invitations: Record<string, { expiresAt: string; signedAt: string | null }>;
      keySupervisorId: string | null;
      mergedInto: string | null;
      assignments: Record<string, AssignmentState>;
      rehandlingRequested: boolean;
    };

type Live = Exclude<ProposalState, { stage: 'NONE' }>;

const streamOf = (proposalId: string) => `proposal-${proposalId}`;

/** The counter stream of a term and session's numbers; serial n is its revision n - 1. */
export const numberCounter = (termId: string, sessionId: string) => `${termId}.${sessionId}`;

/** The assignment's latest reply in its current round, if any. */
export const currentReply = (a: AssignmentState): ReplyVersion | undefined => {
  const last = a.replies.at(-1);
  return last && last.round === a.round ? last : undefined;
};

function evolve(state: ProposalState, event: ProposalEvent): ProposalState {
  if (event.type === 'ProposalSubmitted') return { stage: 'SUBMITTED', submitted: event.data, invitations: {}, keySupervisorId: null, mergedInto: null, assignments: {}, rehandlingRequested: false };
  if (state.stage === 'NONE') return state;
  const s: Live = state;
  const withAssignment = (id: string, change: (a: AssignmentState) => AssignmentState): Live => {
    const a = s.assignments[id];
    return a ? { ...s, assignments: { ...s.assignments, [id]: change(a) } } : s;
  };
  const withReply = (id: string, version: number, status: ReplyVersion['status']) =>
    withAssignment(id, (a) => ({ ...a, replies: a.replies.map((r) => (r.version === version ? { ...r, status } : r)) }));
  switch (event.type) {
    case 'CoSignerInvited':
      return { ...s, invitations: { ...s.invitations, [event.data.memberId]: { expiresAt: event.data.expiresAt, signedAt: null } } };
    case 'ProposalCoSigned': {
      const invitation = s.invitations[event.data.memberId];
      return invitation ? { ...s, invitations: { ...s.invitations, [event.data.memberId]: { ...invitation, signedAt: event.data.signedAt } } } : s;
    }
    case 'ProposalWithdrawn':
      return { ...s, stage: 'WITHDRAWN' };
    case 'ProposalReturned':
      return { ...s, stage: 'RETURNED' };
    case 'ProposalResubmitted': {
      const { title, reasons, suggestions } = event.data;
      return { ...s, stage: 'SUBMITTED', submitted: { ...s.submitted, title, reasons, suggestions } };
    }
    case 'ProposalFiled':
      return { ...s, stage: 'FILED' };
    case 'ProposalNumberReserved':
      return s;
    case 'ProposalNotFiled':
      return { ...s, stage: 'NOT_FILED' };
    case 'ProposalMerged':
      return { ...s, stage: 'MERGED', mergedInto: event.data.intoProposalId };
    case 'ProposalAssigned': {
      const d = event.data;
      const a: AssignmentState = { id: d.assignmentId, unitId: d.unitId, role: d.role, dueOn: d.dueOn, returned: false, round: 1, replies: [], rated: null, promiseReports: [] };
      return { ...s, assignments: { ...s.assignments, [d.assignmentId]: a } };
    }
    case 'AssignmentReturned':
      return withAssignment(event.data.assignmentId, (a) => ({ ...a, returned: true }));
    case 'DeadlineExtended':
      return withAssignment(event.data.assignmentId, (a) => ({ ...a, dueOn: event.data.dueOn }));
    case 'ProposalMarkedKey':
      return { ...s, keySupervisorId: event.data.supervisorId };
    case 'ReplySubmitted': {
      const d = event.data;
      return withAssignment(d.assignmentId, (a) => ({ ...a, replies: [...a.replies, { version: d.version, round: d.round, result: d.result, plannedOn: d.plannedOn, status: 'SUBMITTED' }] }));
    }
    case 'ReplySentBack':
      return withReply(event.data.assignmentId, event.data.version, 'SENT_BACK');
    case 'ReplyReleased':
      return withReply(event.data.assignmentId, event.data.version, 'RELEASED');
    case 'ReplyRated': {
      const d = event.data;
      return withAssignment(d.assignmentId, (a) => ({ ...a, rated: { round: d.round, attitude: d.attitude, result: d.result } }));
    }
    case 'RehandlingRequested':
      return { ...s, rehandlingRequested: true };
    case 'ProposalReopened': {
      let next: Live = { ...s, stage: 'FILED', rehandlingRequested: false };
      for (const r of event.data.assignments) {
        const a = next.assignments[r.assignmentId];
        if (a) next = { ...next, assignments: { ...next.assignments, [r.assignmentId]: { ...a, round: a.round + 1, dueOn: r.dueOn, promiseReports: [] } } };
      }
      return next;
    }
    case 'ProposalClosed':
      return { ...s, stage: 'CLOSED' };
    case 'PromiseDeliveryReported':
      return withAssignment(event.data.assignmentId, (a) => ({ ...a, promiseReports: distinct([...a.promiseReports, event.data.reporter]) }));
    default: {
      const never: never = event;
      return never;
    }
  }
}

export const proposal: Decider<ProposalCommand, ProposalEvent, ProposalState> = {
  streamId: (c) => streamOf(c.proposalId),
  initialState: { stage: 'NONE' },
  evolve,
  decide(command, state, context) {
    const proposalId = requireId(command.proposalId, 'proposalId');
    if (command.type === 'SubmitProposal') return submit(command, state, context);
    if (state.stage === 'NONE') throw notFound(`proposal ${proposalId} has not been submitted`, 'proposalId');
    return decideOn(command, state, context);
  },
};

// ---------------------------------------------------------------- submission

function submit(command: Extract<ProposalCommand, { type: 'SubmitProposal' }>, state: ProposalState, context: CommandContext): ProposalEvent[] {
  const { directory, now } = context;
  const proposalId = command.proposalId;
  const sessionId = requireId(command.sessionId, 'sessionId');
  const session = directory.plenarySession(sessionId);
  if (!session) throw notFound(`plenary session ${sessionId} is not scheduled`, 'sessionId');
  if (!session.termId) throw invalid(`plenary session ${sessionId} belongs to no term; proposals are numbered per term and session, so schedule the session in a term`, 'sessionId');
  const proposerId = requireId(command.proposerId, 'proposerId');
  let proposerKind: 'MEMBER' | 'BODY';
  const member = directory.member(proposerId);
  if (member) {
    if (member.status === 'LEFT') throw invalid(`member ${proposerId} has left the committee`, 'proposerId');
    proposerKind = 'MEMBER';
  } else {
    const body = directory.organization(proposerId);
    if (!body) throw notFound(`proposer ${proposerId} is neither a registered member nor a registered body`, 'proposerId');
    if (!(PROPOSING_BODY_KINDS as readonly string[]).includes(body.kind)) throw invalid(`${proposerId} is a ${body.kind}; a body's proposal comes from a ${PROPOSING_BODY_KINDS.join(', ')}`, 'proposerId');
    if (body.dissolved) throw invalid(`${proposerId} has been dissolved`, 'proposerId');
    proposerKind = 'BODY';
  }
  const coSignerIds = distinct((command.coSignerIds ?? []).map((id, i) => requireId(id, `coSignerIds[${i}]`)));
  if (coSignerIds.length > 0 && proposerKind === 'BODY') throw invalid('a body\'s proposal is the body\'s own; co-signers join a member\'s proposal', 'coSignerIds');
  if (coSignerIds.length > PROPOSAL_LIMITS.coSigners) throw invalid(`a proposal has at most ${PROPOSAL_LIMITS.coSigners} co-signers`, 'coSignerIds');
  coSignerIds.forEach((id, i) => invitable(context, id, proposerId, `coSignerIds[${i}]`));
  const sourceContactId = command.sourceContactId ? requireId(command.sourceContactId, 'sourceContactId') : null;
  const sourceIssueId = command.sourceIssueId ? requireId(command.sourceIssueId, 'sourceIssueId') : null;
  if (sourceIssueId && !sourceContactId) throw invalid('an issue is named with the contact that raised it: give sourceContactId too', 'sourceContactId');
  if (sourceContactId) {
    const contacts = directory.wing<{ contacts: ReadonlyMap<string, { retracted: boolean }> }>('contacts');
    const contact = contacts?.contacts.get(sourceContactId);
    if (!contact) throw notFound(`contact ${sourceContactId} is not on record`, 'sourceContactId');
    if (contact.retracted) throw invalid(`contact ${sourceContactId} was retracted`, 'sourceContactId');
    // The contact's raised issues as it now stands, which the opinions wing keeps; a composition
    // without that wing checks the contact alone.
    const raised = directory.wing<{ contactIssues(contactId: string): { issueIds: readonly string[] } | undefined }>(OPINIONS_WING);
    if (sourceIssueId && raised && !raised.contactIssues(sourceContactId)?.issueIds.includes(sourceIssueId)) {
      throw notFound(`contact ${sourceContactId} raised no issue ${sourceIssueId}`, 'sourceIssueId');
    }
  }
  const nowMs = toMs(now);
  const data = {
    proposalId,
    termId: session.termId,
    sessionId,
    occasion: (nowMs >= session.startMs && nowMs < session.endMs ? 'SESSION' : 'INTERIM') as ProposalOccasion,
    proposerKind,
    proposerId,
    ...text(command),
    topicId: command.topicId ? requireId(command.topicId, 'topicId') : null,
    sourceContactId,
    sourceIssueId,
    submittedAt: now,
  };
  if (state.stage !== 'NONE') {
    // A repeat of the same submission (a retried request, a re-run import) decides nothing.
    const { submittedAt: _a, occasion: _b, ...recorded } = state.submitted;
    const { submittedAt: _c, occasion: _d, ...given } = data;
    if (sameData(recorded, given)) return [];
    throw conflict(`proposal ${proposalId} was already submitted with other details`, 'proposalId');
  }
  checkDeclaredTopic(directory, data.topicId);
  const days = command.invitationDays ?? proposalsOf(directory).rules().rules.invitationDays;
  const expiresAt = invitationExpiry(now, days);
  return [{ type: 'ProposalSubmitted', data }, ...coSignerIds.map((memberId): ProposalEvent => ({ type: 'CoSignerInvited', data: { proposalId, memberId, invitedAt: now, expiresAt } }))];
}

function text(command: Partial<ProposalText>): ProposalText {
  return {
    title: requireText(command.title, 'title', PROPOSAL_LIMITS.title),
    reasons: requireText(command.reasons, 'reasons', PROPOSAL_LIMITS.reasons),
    suggestions: requireText(command.suggestions, 'suggestions', PROPOSAL_LIMITS.suggestions),
  };
}

function invitable({ directory }: CommandContext, memberId: string, proposerId: string, field: string): void {
  if (memberId === proposerId) throw invalid(`${memberId} is the proposer, not a co-signer`, field);
  const m = directory.member(memberId);
  if (!m) throw notFound(`co-signer ${memberId} is not a registered member`, field);
  if (m.status === 'LEFT') throw invalid(`member ${memberId} has left the committee`, field);
}

/** An invitation stays open to the end of the committee day `days` days after it was sent. */
const invitationExpiry = (now: string, days: number) => {
  if (!Number.isInteger(days) || days < 1 || days > 90) throw invalid(`invitationDays must be a whole number from 1 to 90, not ${String(days)}`, 'invitationDays');
  return new Date(committeeDayEnd(committeeDate(toMs(now))) + (days - 1) * 86_400_000).toISOString();
};

// ---------------------------------------------------------------- every later step

function decideOn(command: Exclude<ProposalCommand, { type: 'SubmitProposal' }>, s: Live, context: CommandContext): ProposalEvent[] {
  const { now, directory } = context;
  const proposalId = command.proposalId;
  const stageIs = (allowed: readonly ProposalStage[], what: string) => {
    if (!allowed.includes(s.stage)) throw conflict(`proposal ${proposalId} is ${s.stage}; ${what}`, 'proposalId');
  };
  const reason = (value: unknown, field = 'reason') => requireText(value, field, LIMITS.reason);
  const beforeFiling = ['SUBMITTED', 'RETURNED'] as const;

  switch (command.type) {
    case 'InviteCoSigner': {
      stageIs(beforeFiling, 'co-signers are invited before it is filed');
      if (s.submitted.proposerKind === 'BODY') throw invalid('a body\'s proposal is the body\'s own; co-signers join a member\'s proposal', 'memberId');
      const memberId = requireId(command.memberId, 'memberId');
      invitable(context, memberId, s.submitted.proposerId, 'memberId');
      if (s.invitations[memberId]?.signedAt) return [];
      const expiresAt = command.expiresOn ? new Date(committeeDayEnd(parseCommitteeDate(command.expiresOn, 'expiresOn'))).toISOString() : invitationExpiry(now, proposalsOf(directory).rules().rules.invitationDays);
      if (toMs(expiresAt) <= toMs(now)) throw invalid(`expiresOn ${command.expiresOn} has passed`, 'expiresOn');
      if (Object.keys(s.invitations).length >= PROPOSAL_LIMITS.coSigners && !s.invitations[memberId]) throw invalid(`a proposal has at most ${PROPOSAL_LIMITS.coSigners} co-signers`, 'memberId');
      return [{ type: 'CoSignerInvited', data: { proposalId, memberId, invitedAt: now, expiresAt } }];
    }
    case 'CoSignProposal': {
      const memberId = requireId(command.memberId, 'memberId');
      const invitation = s.invitations[memberId];
      if (!invitation) throw conflict(`member ${memberId} was not invited to co-sign proposal ${proposalId}`, 'memberId');
      if (invitation.signedAt) return [];
      stageIs(beforeFiling, 'co-signatures are taken before it is filed');
      if (toMs(now) >= toMs(invitation.expiresAt)) throw conflict(`the invitation to member ${memberId} expired at ${invitation.expiresAt}; the proposer may invite again`, 'memberId');
      return [{ type: 'ProposalCoSigned', data: { proposalId, memberId, signedAt: now } }];
    }
    case 'WithdrawProposal':
      if (s.stage === 'WITHDRAWN') return [];
      stageIs(beforeFiling, 'only a proposal not yet filed can be withdrawn');
      return [{ type: 'ProposalWithdrawn', data: { proposalId, reason: reason(command.reason), withdrawnAt: now } }];
    case 'ReturnProposalForRevision':
      stageIs(['SUBMITTED'], 'only a proposal waiting for review can be returned for revision');
      return [{ type: 'ProposalReturned', data: { proposalId, reason: reason(command.reason), returnedAt: now } }];
    case 'ResubmitProposal': {
      stageIs(['RETURNED'], 'only a proposal returned for revision can be resubmitted');
      const current = s.submitted;
      const revised = text({ title: command.title ?? current.title, reasons: command.reasons ?? current.reasons, suggestions: command.suggestions ?? current.suggestions });
      return [{ type: 'ProposalResubmitted', data: { proposalId, ...revised, resubmittedAt: now } }];
    }
    case 'FileProposal': {
      if (s.stage === 'FILED' || s.stage === 'CLOSED') return [];
      stageIs(['SUBMITTED'], 'only a proposal waiting for review can be filed');
      const { termId, sessionId } = s.submitted;
      const wing = proposalsOf(directory);
      const serial = wing.nextSerial(termId, sessionId);
      const term = directory.term(termId);
      const session = directory.plenarySession(sessionId);
      const number = formatNumber(wing.rules().rules.numberFormat, {
        year: Number(committeeDate(session?.startMs ?? toMs(now)).slice(0, 4)),
        term: term?.number ?? 0,
        session: session?.number ?? 0,
        n: serial,
      });
      return [
        { type: 'ProposalFiled', data: { proposalId, termId, sessionId, serial, number, filedAt: now } },
        { type: 'ProposalNumberReserved', data: { counter: numberCounter(termId, sessionId), serial, proposalId } },
      ];
    }
    case 'DeclineToFileProposal': {
      stageIs(['SUBMITTED'], 'only a proposal waiting for review can be declined');
      const reasonCode = requireId(command.reasonCode, 'reasonCode');
      const reasons = proposalsOf(directory).rules().reasons;
      if (reasons[reasonCode] === undefined) {
        const known = Object.keys(reasons);
        throw invalid(`reasonCode ${reasonCode} is not on the office's list (${known.length ? known.join(', ') : 'the list is empty: define reasons first'})`, 'reasonCode');
      }
      const note = requireText(command.note, 'note', LIMITS.reason, { optional: true });
      return [{ type: 'ProposalNotFiled', data: { proposalId, reasonCode, note, toOpinionReport: command.toOpinionReport === true, decidedAt: now } }];
    }
    case 'MergeProposal': {
      const intoProposalId = requireId(command.intoProposalId, 'intoProposalId');
      if (intoProposalId === proposalId) throw invalid('a proposal cannot be merged into itself', 'intoProposalId');
      // Merged into this one already (a retried request, a re-run import): whatever the target is now.
      if (s.mergedInto === intoProposalId) return [];
      stageIs(['SUBMITTED'], 'only a proposal waiting for review can be merged into another');
      const target = proposalsOf(directory).proposal(intoProposalId);
      if (!target) throw notFound(`proposal ${intoProposalId} has not been submitted`, 'intoProposalId');
      if (target.stage !== 'SUBMITTED' && target.stage !== 'FILED') throw conflict(`proposal ${intoProposalId} is ${target.stage}; merge into one waiting for review or filed`, 'intoProposalId');
      if (target.termId !== s.submitted.termId) throw invalid(`proposal ${intoProposalId} belongs to term ${target.termId}, not ${s.submitted.termId}`, 'intoProposalId');
      return [{ type: 'ProposalMerged', data: { proposalId, intoProposalId, reason: reason(command.reason), mergedAt: now } }];
    }
    case 'AssignProposal': {
      const assignmentId = requireId(command.assignmentId, 'assignmentId');
      const unitId = requireId(command.unitId, 'unitId');
      const role = requireOneOf(command.role, ASSIGNMENT_ROLES, 'role');
      const existing = s.assignments[assignmentId];
      if (existing) {
        if (existing.unitId === unitId && existing.role === role) return [];
        throw conflict(`assignment ${assignmentId} already assigns proposal ${proposalId} to ${existing.unitId} as ${existing.role}`, 'assignmentId');
      }
      stageIs(['FILED'], 'only a filed proposal is assigned');
      const unit = directory.organization(unitId);
      if (!unit) throw notFound(`handling unit ${unitId} is not registered`, 'unitId');
      if (unit.kind !== 'HANDLING_UNIT') throw invalid(`${unitId} is a ${unit.kind}, not a handling unit`, 'unitId');
      if (unit.dissolved) throw invalid(`handling unit ${unitId} has been dissolved`, 'unitId');
      const open = Object.values(s.assignments).filter((a) => !a.returned);
      if (open.some((a) => a.unitId === unitId)) throw conflict(`${unitId} already handles proposal ${proposalId}`, 'unitId');
      if (role === 'LEAD' && open.some((a) => a.role === 'LEAD')) throw conflict(`proposal ${proposalId} already has a lead unit; return that assignment first`, 'role');
      const rules = proposalsOf(directory).rules();
      const deadline = deadlineOf(command, now, role === 'LEAD' ? rules.rules.leadDays : rules.rules.assistDays, rules.rules.dayKind, rules.nonWorkingDays);
      return [{ type: 'ProposalAssigned', data: { proposalId, assignmentId, unitId, role, ...deadline, assignedAt: now } }];
    }
    case 'ReturnAssignment': {
      const a = assignment(s, command.assignmentId);
      if (a.returned) return [];
      notClosed(s);
      if (a.replies.some((r) => r.status === 'RELEASED')) throw conflict(`assignment ${a.id} has a released reply; it can no longer be returned`, 'assignmentId');
      const suggestedUnitId = command.suggestedUnitId ? requireId(command.suggestedUnitId, 'suggestedUnitId') : null;
      if (suggestedUnitId && directory.organization(suggestedUnitId)?.kind !== 'HANDLING_UNIT') throw notFound(`suggestedUnitId ${suggestedUnitId} is not a registered handling unit`, 'suggestedUnitId');
      return [{ type: 'AssignmentReturned', data: { proposalId, assignmentId: a.id, reason: reason(command.reason), suggestedUnitId, returnedAt: now } }];
    }
    case 'ExtendDeadline': {
      const a = openAssignment(s, command.assignmentId);
      if (currentReply(a)?.status === 'RELEASED') throw conflict(`assignment ${a.id} is replied; there is no deadline to extend`, 'assignmentId');
      const dueOn = parseCommitteeDate(command.dueOn, 'dueOn');
      if (dueOn === a.dueOn) return [];
      if (dueOn < a.dueOn) throw invalid(`dueOn ${dueOn} is before the current deadline ${a.dueOn}; an extension moves it later`, 'dueOn');
      return [{ type: 'DeadlineExtended', data: { proposalId, assignmentId: a.id, fromDueOn: a.dueOn, dueOn, reason: reason(command.reason), extendedAt: now } }];
    }
    case 'MarkKeyProposal': {
      const supervisorId = requireId(command.supervisorId, 'supervisorId');
      if (s.keySupervisorId === supervisorId) return [];
      stageIs(['FILED'], 'a key proposal is chosen among the filed ones');
      const m = directory.member(supervisorId);
      if (!m) throw notFound(`supervisor ${supervisorId} is not a registered member`, 'supervisorId');
      if (!m.roles.some((r) => LEADER_ROLES.includes(r.kind))) throw invalid(`member ${supervisorId} is not a committee leader (${LEADER_ROLES.join(', ')}); a leader supervises a key proposal`, 'supervisorId');
      return [{ type: 'ProposalMarkedKey', data: { proposalId, supervisorId, reason: requireText(command.reason, 'reason', LIMITS.reason, { optional: true }), markedAt: now } }];
    }
    case 'ReplyToProposal': {
      const a = openAssignment(s, command.assignmentId);
      const pending = currentReply(a);
      if (pending?.status === 'SUBMITTED') throw conflict(`assignment ${a.id} has reply version ${pending.version} waiting for the office; it is released or sent back first`, 'assignmentId');
      if (pending?.status === 'RELEASED') throw conflict(`assignment ${a.id} is replied in this round; the office reopens it for another reply`, 'assignmentId');
      const result = requireOneOf(command.result, REPLY_RESULTS, 'result');
      const plannedOn = command.plannedOn ? parseCommitteeDate(command.plannedOn, 'plannedOn') : null;
      if (result === 'B' && !plannedOn) throw invalid('a B reply (列入计划拟解决) gives its planned date: plannedOn', 'plannedOn');
      if (result !== 'B' && plannedOn) throw invalid(`plannedOn belongs to a B reply, not ${result}`, 'plannedOn');
      const referenceReason = command.referenceReason ? reason(command.referenceReason, 'referenceReason') : null;
      if (result === 'C' && !referenceReason) throw invalid('a C reply (留作参考) gives its reason: referenceReason', 'referenceReason');
      if (result !== 'C' && referenceReason) throw invalid(`referenceReason belongs to a C reply, not ${result}`, 'referenceReason');
      const letterDate = parseCommitteeDate(command.letterDate, 'letterDate');
      if (committeeDayEnd(letterDate) - 86_400_000 > toMs(now)) throw invalid(`letterDate ${letterDate} is in the future`, 'letterDate');
      const version = Math.max(0, ...Object.values(s.assignments).flatMap((x) => (x.id === a.id ? x.replies.map((r) => r.version) : []))) + 1;
      const body = requireText(command.text, 'text', PROPOSAL_LIMITS.reply);
      return [{ type: 'ReplySubmitted', data: { proposalId, assignmentId: a.id, version, round: a.round, result, text: body, letterDate, plannedOn, referenceReason, submittedAt: now } }];
    }
    case 'SendBackReply':
    case 'ReleaseReply': {
      const a = openAssignment(s, command.assignmentId);
      const pending = currentReply(a);
      if (command.type === 'ReleaseReply' && pending?.status === 'RELEASED') return [];
      if (!pending || pending.status !== 'SUBMITTED') throw conflict(`assignment ${a.id} has no reply waiting for the office`, 'assignmentId');
      return command.type === 'ReleaseReply'
        ? [{ type: 'ReplyReleased', data: { proposalId, assignmentId: a.id, version: pending.version, releasedAt: now } }]
        : [{ type: 'ReplySentBack', data: { proposalId, assignmentId: a.id, version: pending.version, reason: reason(command.reason), sentBackAt: now } }];
    }
    case 'RateReply': {
      const a = openAssignment(s, command.assignmentId);
      const released = currentReply(a);
      if (released?.status !== 'RELEASED') throw conflict(`assignment ${a.id} has no released reply to rate`, 'assignmentId');
      const attitude = requireOneOf(command.attitude, SATISFACTION, 'attitude');
      const result = requireOneOf(command.result, SATISFACTION, 'result');
      if (a.rated?.round === a.round) {
        if (a.rated.attitude === attitude && a.rated.result === result) return [];
        throw conflict(`the reply of assignment ${a.id} is already rated in this round`, 'assignmentId');
      }
      const rated: ProposalEvent = {
        type: 'ReplyRated',
        data: { proposalId, assignmentId: a.id, version: released.version, round: a.round, attitude, result, comment: requireText(command.comment, 'comment', PROPOSAL_LIMITS.comment, { optional: true }), ratedAt: now },
      };
      // Every reply released and rated, none unsatisfied: the proposal is done. An unsatisfied
      // rating leaves it open for the proposer to ask for rehandling and the office to decide; a
      // returned lead assignment leaves it open for the office to assign another lead.
      const after = evolve(s, rated) as Live;
      const open = Object.values(after.assignments).filter((x) => !x.returned);
      const done = open.some((x) => x.role === 'LEAD') && open.every((x) => currentReply(x)?.status === 'RELEASED' && x.rated?.round === x.round && x.rated.attitude !== 'UNSATISFIED' && x.rated.result !== 'UNSATISFIED');
      return done ? [rated, { type: 'ProposalClosed', data: { proposalId, reason: 'every reply released and rated', closedBy: 'RATINGS', closedAt: now } }] : [rated];
    }
    case 'RequestRehandling': {
      notClosed(s);
      if (s.rehandlingRequested) return [];
      const unsatisfied = Object.values(s.assignments).some((a) => !a.returned && a.rated?.round === a.round && (a.rated.attitude === 'UNSATISFIED' || a.rated.result === 'UNSATISFIED'));
      if (!unsatisfied) throw conflict(`proposal ${proposalId} has no reply rated unsatisfied in its current round`, 'proposalId');
      return [{ type: 'RehandlingRequested', data: { proposalId, reason: reason(command.reason), requestedAt: now } }];
    }
    case 'ReopenProposal': {
      stageIs(['FILED', 'CLOSED'], 'only a filed proposal is reopened');
      const open = Object.values(s.assignments).filter((a) => !a.returned);
      const named = command.assignmentIds?.length
        ? distinct(command.assignmentIds).map((id) => openAssignment(s, id))
        : open.filter((a) => a.rated?.round === a.round && (a.rated.attitude === 'UNSATISFIED' || a.rated.result === 'UNSATISFIED'));
      if (named.length === 0) throw invalid('name the assignments to handle again (no reply is rated unsatisfied)', 'assignmentIds');
      for (const a of named) if (currentReply(a)?.status !== 'RELEASED') throw conflict(`assignment ${a.id} has no released reply in this round; it is still being handled`, 'assignmentIds');
      const rules = proposalsOf(directory).rules();
      const assignments = named.map((a) => ({
        assignmentId: a.id,
        dueOn: deadlineOf(command, now, a.role === 'LEAD' ? rules.rules.leadDays : rules.rules.assistDays, rules.rules.dayKind, rules.nonWorkingDays).dueOn,
      }));
      return [{ type: 'ProposalReopened', data: { proposalId, reason: reason(command.reason), assignments, reopenedAt: now } }];
    }
    case 'CloseProposal':
      if (s.stage === 'CLOSED') return [];
      stageIs(['FILED'], 'only a filed proposal is closed');
      return [{ type: 'ProposalClosed', data: { proposalId, reason: reason(command.reason), closedBy: 'OFFICE', closedAt: now } }];
    case 'ReportPromiseDelivered': {
      const a = assignment(s, command.assignmentId);
      if (a.returned) throw conflict(`assignment ${a.id} was returned`, 'assignmentId');
      const reply = currentReply(a);
      if (reply?.status !== 'RELEASED' || reply.result !== 'B') throw conflict(`assignment ${a.id} has no released B reply; only a B reply promises a planned date`, 'assignmentId');
      const reporter = requireOneOf(command.reporter, PROMISE_REPORTERS, 'reporter');
      if (a.promiseReports.includes(reporter)) return [];
      const deliveredOn = parseCommitteeDate(command.deliveredOn, 'deliveredOn');
      if (committeeDayEnd(deliveredOn) - 86_400_000 > toMs(now)) throw invalid(`deliveredOn ${deliveredOn} is in the future; report a promise once it is kept`, 'deliveredOn');
      return [{ type: 'PromiseDeliveryReported', data: { proposalId, assignmentId: a.id, reporter, deliveredOn, note: requireText(command.note, 'note', LIMITS.reason, { optional: true }), reportedAt: now } }];
    }
    default: {
      const never: never = command;
      throw invalid(`unknown command ${(never as { type: string }).type}`);
    }
  }
}

function assignment(s: Live, id: unknown): AssignmentState {
  const assignmentId = requireId(id, 'assignmentId');
  const a = s.assignments[assignmentId];
  if (!a) throw notFound(`proposal ${s.submitted.proposalId} has no assignment ${assignmentId}`, 'assignmentId');
  return a;
}

function notClosed(s: Live): void {
  if (s.stage === 'CLOSED') throw conflict(`proposal ${s.submitted.proposalId} is closed; the office reopens it first`, 'proposalId');
}

/** An assignment still being handled: not returned, on a proposal not closed. */
function openAssignment(s: Live, id: unknown): AssignmentState {
  const a = assignment(s, id);
  if (a.returned) throw conflict(`assignment ${a.id} was returned by ${a.unitId}; the office reassigns the proposal`, 'assignmentId');
  notClosed(s);
  return a;
}

function deadlineOf(command: Deadline, now: string, defaultDays: number, kind: 'CALENDAR' | 'WORKING', nonWorkingDays: readonly CommitteeDate[]) {
  const today = committeeDate(toMs(now));
  if (command.dueOn && command.days) throw invalid('give the deadline as dueOn or as days, not both', 'dueOn');
  if (command.dueOn) {
    const dueOn = parseCommitteeDate(command.dueOn, 'dueOn');
    if (dueOn < today) throw invalid(`dueOn ${dueOn} has passed`, 'dueOn');
    return { dueOn, deadlineRule: 'DATE' as const, days: null };
  }
  const days = command.days ?? defaultDays;
  if (!Number.isInteger(days) || days < 1 || days > 730) throw invalid(`days must be a whole number from 1 to 730, not ${String(days)}`, 'days');
  return { dueOn: dueAfter(today, days, kind, nonWorkingDays), deadlineRule: kind === 'WORKING' ? ('WORKING_DAYS' as const) : ('CALENDAR_DAYS' as const), days };
}
