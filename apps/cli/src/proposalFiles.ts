/**
 * The proposals office's files (创新提案办理): its rules, the reasons it declines to file, the
 * non-working days, the proposals as submitted, and each proposal's later history one step a row.
 *
 * A proposal's rows are decided at the moment they record (`submitted_at`, a step's `date`), so a
 * deadline counted in days starts on the day of its assignment and "replied on time" compares the
 * day of the reply, as the office recorded them, not the day of the import. Numbers are never
 * read from the file: FILE takes the next serial of the proposal's term and session, so filing
 * rows in the order the office numbered them reproduces its numbers.
 */
import { DEFAULT_RULES, DomainCommand, committeeDate, invalid, parseInstant, toMs } from '#domain';
import { Cell, FileSpec, integer, list, yesNo } from './fileSpec.js';

export const PROPOSAL_RULES: FileSpec = {
  file: 'proposal_rules.csv',
  required: ['number_format', 'reason'],
  optional: ['lead_days', 'assist_days', 'day_kind', 'due_soon_days', 'invitation_days'],
  columnOf: {},
  // A blank cell keeps the default a committee starts with (3 months for the lead unit, 1 for assisting units).
  commands: (c) => [
    {
      type: 'SetProposalRules',
      numberFormat: c('number_format')!,
      leadDays: (integer(c('lead_days')) ?? DEFAULT_RULES.leadDays) as number,
      assistDays: (integer(c('assist_days')) ?? DEFAULT_RULES.assistDays) as number,
      dayKind: (c('day_kind') ?? DEFAULT_RULES.dayKind) as 'CALENDAR',
      dueSoonDays: (integer(c('due_soon_days')) ?? DEFAULT_RULES.dueSoonDays) as number,
      invitationDays: (integer(c('invitation_days')) ?? DEFAULT_RULES.invitationDays) as number,
      reason: c('reason')!,
    },
  ],
};

export const NOT_FILED_REASONS: FileSpec = {
  file: 'not_filed_reasons.csv',
  required: ['code', 'label'],
  optional: [],
  columnOf: {},
  commands: (c) => [{ type: 'DefineNotFiledReason', code: c('code')!, label: c('label')! }],
};

export const NON_WORKING_DAYS: FileSpec = {
  file: 'non_working_days.csv',
  required: ['date', 'reason'],
  optional: [],
  columnOf: { dates: 'date' },
  commands: (c) => [{ type: 'MarkNonWorkingDays', dates: [c('date')!], reason: c('reason')! }],
};

export const PROPOSALS: FileSpec = {
  file: 'proposals.csv',
  required: ['id', 'session_id', 'proposer_id', 'title', 'reasons', 'suggestions', 'submitted_at'],
  optional: ['co_signer_ids', 'invitation_days', 'topic_id', 'source_contact_id', 'source_issue_id'],
  columnOf: { proposalId: 'id' },
  at: (c) => parseInstant(c('submitted_at'), 'submittedAt'),
  thread: { key: (c) => c('id'), column: 'submitted_at' },
  commands: (c) => [
    {
      type: 'SubmitProposal',
      proposalId: c('id')!,
      sessionId: c('session_id')!,
      proposerId: c('proposer_id')!,
      title: c('title')!,
      reasons: c('reasons')!,
      suggestions: c('suggestions')!,
      coSignerIds: list(c('co_signer_ids')),
      invitationDays: integer(c('invitation_days')) as number | undefined,
      topicId: c('topic_id'),
      sourceContactId: c('source_contact_id'),
      sourceIssueId: c('source_issue_id'),
    },
  ],
};

/** The committee day of the row's date: the default of a reply letter's date and of a promise's delivery. */
const dayOf = (c: Cell) => committeeDate(toMs(parseInstant(c('date'), 'date')));

type Step = { columns: readonly string[]; command(c: Cell, proposalId: string): DomainCommand };

/** Each step of a proposal's life after submission, with the columns it reads; any other non-blank cell is refused. */
const STEPS: Readonly<Record<string, Step>> = {
  INVITE: { columns: ['member_id', 'expires_on'], command: (c, proposalId) => ({ type: 'InviteCoSigner', proposalId, memberId: c('member_id')!, expiresOn: c('expires_on') }) },
  CO_SIGN: { columns: ['member_id'], command: (c, proposalId) => ({ type: 'CoSignProposal', proposalId, memberId: c('member_id')! }) },
  WITHDRAW: { columns: ['reason'], command: (c, proposalId) => ({ type: 'WithdrawProposal', proposalId, reason: c('reason')! }) },
  RETURN_FOR_REVISION: { columns: ['reason'], command: (c, proposalId) => ({ type: 'ReturnProposalForRevision', proposalId, reason: c('reason')! }) },
  RESUBMIT: { columns: ['title', 'reasons', 'suggestions'], command: (c, proposalId) => ({ type: 'ResubmitProposal', proposalId, title: c('title'), reasons: c('reasons'), suggestions: c('suggestions') }) },
  FILE: { columns: [], command: (_c, proposalId) => ({ type: 'FileProposal', proposalId }) },
  NOT_FILED: {
    columns: ['reason_code', 'note', 'to_opinion_report'],
    command: (c, proposalId) => ({ type: 'DeclineToFileProposal', proposalId, reasonCode: c('reason_code')!, note: c('note'), toOpinionReport: yesNo(c('to_opinion_report'), 'to_opinion_report', 'toOpinionReport') }),
  },
  MERGE: { columns: ['into_proposal_id', 'reason'], command: (c, proposalId) => ({ type: 'MergeProposal', proposalId, intoProposalId: c('into_proposal_id')!, reason: c('reason')! }) },
  ASSIGN: {
    columns: ['assignment_id', 'unit_id', 'role', 'due_on', 'days'],
    command: (c, proposalId) => ({ type: 'AssignProposal', proposalId, assignmentId: c('assignment_id')!, unitId: c('unit_id')!, role: c('role')!, dueOn: c('due_on'), days: integer(c('days')) as number | undefined }),
  },
  RETURN_ASSIGNMENT: {
    columns: ['assignment_id', 'reason', 'suggested_unit_id'],
    command: (c, proposalId) => ({ type: 'ReturnAssignment', proposalId, assignmentId: c('assignment_id')!, reason: c('reason')!, suggestedUnitId: c('suggested_unit_id') }),
  },
  EXTEND: { columns: ['assignment_id', 'due_on', 'reason'], command: (c, proposalId) => ({ type: 'ExtendDeadline', proposalId, assignmentId: c('assignment_id')!, dueOn: c('due_on')!, reason: c('reason')! }) },
  KEY: { columns: ['supervisor_id', 'reason'], command: (c, proposalId) => ({ type: 'MarkKeyProposal', proposalId, supervisorId: c('supervisor_id')!, reason: c('reason') }) },
  REPLY: {
    columns: ['assignment_id', 'result', 'text', 'letter_date', 'planned_on', 'reason'],
    command: (c, proposalId) => ({
      type: 'ReplyToProposal',
      proposalId,
      assignmentId: c('assignment_id')!,
      result: c('result')!,
      text: c('text')!,
      letterDate: c('letter_date') ?? dayOf(c),
      plannedOn: c('planned_on'),
      referenceReason: c('reason'),
    }),
  },
  SEND_BACK: { columns: ['assignment_id', 'reason'], command: (c, proposalId) => ({ type: 'SendBackReply', proposalId, assignmentId: c('assignment_id')!, reason: c('reason')! }) },
  RELEASE: { columns: ['assignment_id'], command: (c, proposalId) => ({ type: 'ReleaseReply', proposalId, assignmentId: c('assignment_id')! }) },
  RATE: {
    columns: ['assignment_id', 'attitude', 'result', 'comment'],
    command: (c, proposalId) => ({ type: 'RateReply', proposalId, assignmentId: c('assignment_id')!, attitude: c('attitude')!, result: c('result')!, comment: c('comment') }),
  },
  REQUEST_REHANDLING: { columns: ['reason'], command: (c, proposalId) => ({ type: 'RequestRehandling', proposalId, reason: c('reason')! }) },
  REOPEN: {
    columns: ['assignment_ids', 'due_on', 'days', 'reason'],
    command: (c, proposalId) => ({ type: 'ReopenProposal', proposalId, assignmentIds: list(c('assignment_ids')), dueOn: c('due_on'), days: integer(c('days')) as number | undefined, reason: c('reason')! }),
  },
  CLOSE: { columns: ['reason'], command: (c, proposalId) => ({ type: 'CloseProposal', proposalId, reason: c('reason')! }) },
  PROMISE_DELIVERED: {
    columns: ['assignment_id', 'reporter', 'delivered_on', 'note'],
    command: (c, proposalId) => ({ type: 'ReportPromiseDelivered', proposalId, assignmentId: c('assignment_id')!, reporter: c('reporter')!, deliveredOn: c('delivered_on') ?? dayOf(c), note: c('note') }),
  },
};

export const STEP_NAMES = Object.keys(STEPS);

const STEP_COLUMNS = [...new Set(Object.values(STEPS).flatMap((s) => s.columns))];

export const PROPOSAL_STEPS: FileSpec = {
  file: 'proposal_steps.csv',
  required: ['proposal_id', 'step', 'date'],
  optional: STEP_COLUMNS,
  columnOf: { referenceReason: 'reason' },
  at: (c) => parseInstant(c('date'), 'date'),
  thread: { key: (c) => c('proposal_id'), column: 'date' },
  commands(c) {
    const name = c('step');
    const step = name === undefined ? undefined : STEPS[name.toUpperCase()];
    if (!step) throw invalid(`${name === undefined ? 'step is blank; give one of' : `step "${name}" is not one of`} ${STEP_NAMES.join(', ')}`, 'step');
    // A cell the step does not read would be dropped silently: refuse it, as an unknown column is.
    for (const column of STEP_COLUMNS) {
      if (!step.columns.includes(column) && c(column) !== undefined) throw invalid(`${column} has no meaning for a ${name!.toUpperCase()} step; clear the cell (a ${name!.toUpperCase()} row reads ${step.columns.length ? step.columns.join(', ') : 'no other column'})`, column);
    }
    return [step.command(c, c('proposal_id')!)];
  },
};

export const PROPOSAL_FILES: readonly FileSpec[] = [PROPOSAL_RULES, NOT_FILED_REASONS, NON_WORKING_DAYS, PROPOSALS, PROPOSAL_STEPS];
