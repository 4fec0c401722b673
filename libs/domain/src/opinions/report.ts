/**
 * A public-opinion report (社情民意信息), from submission to the feedback that came back: one
 * decider, one stream per report, each step an event with who (the store's actor), when (`now`,
 * and the date it happened, which the office may type in later) and why.
 *
 * - Nothing is edited in place: an edit (编辑/核稿) is a new version, every version stays in the log.
 * - A combined report (综合) is a report of its own, born adopted, whose stream names its parts.
 *   The write path appends to one stream per command (reservations aside), so a part's own
 *   stream is not touched: "part of" is derived by the projection and asked of the directory,
 *   and a part's later steps (withdraw, adopt, decline, issue, forward) are refused there.
 * - Issuing takes the next number of its year, also claimed in a counter stream
 *   (`OpinionIssueNumberReserved`, at the revision the serial names), appended in the same
 *   transaction, so two writers that pick the same number cannot both be recorded and no number
 *   is skipped.
 * - Every date a clerk gives is a committee date, not after today, and in a sensible order: no
 *   adoption before submission, no issue before adoption, no forwarding before the issue, no
 *   recipient's adoption before it was forwarded to, no instruction at a level before the report
 *   was forwarded to a recipient of that level or higher, no medium's pickup before the issue.
 */
import { CommandContext, Decider, Event, sameData } from '../shared/decider.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { CommitteeDate, committeeDate, parseCommitteeDate, toMs } from '../shared/time.js';
import { LEADER_ROLES } from '../shared/vocabulary.js';
import { LIMITS, distinct, requireId, requireOneOf, requireText } from '../shared/validation.js';
import { proposalsOf } from '../proposals/directory.js';
import { opinionsOf } from './directory.js';
import { formatIssueNumber } from './rules.js';
import { AUTHOR_BODY_KINDS, AuthorKind, OPINION_LEVELS, OpinionLevel, ReportSource, ReportStage, levelRank } from './vocabulary.js';

/** Text limits of a report; a longer text is refused, not cut. */
export const REPORT_LIMITS = { title: 200, situation: 20_000, suggestions: 20_000, instruction: 5000, feedback: 20_000, authors: 20, parts: 50, recipients: 20 } as const;

type ReportText = { title: string; situation: string; suggestions: string };

export type OpinionReportEvent =
  | Event<
      'OpinionReportSubmitted',
      ReportText & {
        reportId: string;
        authorKind: 'MEMBERS' | 'BODY';
        authorIds: string[];
        source: ReportSource;
        sourceContactId: string | null;
        sourceIssueId: string | null;
        sourceProposalId: string | null;
        submittedOn: CommitteeDate;
        submittedAt: string;
      }
    >
  | Event<'OpinionReportWithdrawn', { reportId: string; reason: string; withdrawnAt: string }>
  | Event<'OpinionReportEdited', ReportText & { reportId: string; version: number; note: string; editedBy: string; editedAt: string }>
  | Event<'OpinionReportAdopted', { reportId: string; adoptedOn: CommitteeDate; note: string; decidedAt: string }>
  | Event<'OpinionReportNotAdopted', { reportId: string; reasonCode: string; note: string; decidedOn: CommitteeDate; decidedAt: string }>
  | Event<
      'OpinionReportsCombined',
      ReportText & {
        reportId: string;
        partIds: string[];
        /** The parts that were still waiting for a decision: combining adopts them (综合采用). */
        adoptedPartIds: string[];
        /** Every part's authors, members and bodies, in the parts' order. */
        authorIds: string[];
        combinedOn: CommitteeDate;
        combinedAt: string;
      }
    >
  | Event<'OpinionReportIssued', { reportId: string; year: number; serial: number; number: string; signedBy: string; issuedOn: CommitteeDate; issuedAt: string }>
  | Event<'OpinionIssueNumberReserved', { counter: string; serial: number; reportId: string }>
  | Event<'OpinionReportForwarded', { reportId: string; recipients: Array<{ recipientId: string; level: OpinionLevel }>; forwardedOn: CommitteeDate; forwardedAt: string }>
  | Event<'OpinionRecipientAdopted', { reportId: string; recipientId: string; level: OpinionLevel; adoptedOn: CommitteeDate; note: string; recordedAt: string }>
  | Event<
      'OpinionInstructionRecorded',
      { reportId: string; instructionId: string; leaderName: string; leaderTitle: string; level: OpinionLevel; instructedOn: CommitteeDate; text: string; gist: boolean; recordedAt: string }
    >
  | Event<'OpinionFeedbackRecorded', { reportId: string; feedbackId: string; recipientId: string | null; from: string; text: string; receivedOn: CommitteeDate; recordedAt: string }>
  | Event<'OpinionMediaPickupRecorded', { reportId: string; pickupId: string; outlet: string; pickedUpOn: CommitteeDate; note: string; recordedAt: string }>;

type Dated<F extends string> = { [K in F]?: string | null };

export type OpinionReportCommand =
  | ({ type: 'SubmitOpinionReport'; reportId: string; authorIds: string[]; sourceContactId?: string | null; sourceIssueId?: string | null; sourceProposalId?: string | null } & ReportText & Dated<'submittedOn'>)
  | { type: 'WithdrawOpinionReport'; reportId: string; reason: string }
  | ({ type: 'EditOpinionReport'; reportId: string; note: string } & Partial<ReportText>)
  | ({ type: 'AdoptOpinionReport'; reportId: string; note?: string | null } & Dated<'adoptedOn'>)
  | ({ type: 'DeclineOpinionReport'; reportId: string; reasonCode: string; note?: string | null } & Dated<'decidedOn'>)
  | ({ type: 'CombineOpinionReports'; reportId: string; partIds: string[] } & ReportText & Dated<'combinedOn'>)
  | ({ type: 'IssueOpinionReport'; reportId: string; signedBy: string } & Dated<'issuedOn'>)
  | ({ type: 'ForwardOpinionReport'; reportId: string; recipientIds: string[] } & Dated<'forwardedOn'>)
  | { type: 'RecordRecipientAdoption'; reportId: string; recipientId: string; adoptedOn: string; note?: string | null }
  | { type: 'RecordLeaderInstruction'; reportId: string; instructionId?: string | null; leaderName: string; leaderTitle?: string | null; level: string; instructedOn: string; text: string; gist?: boolean | null }
  | { type: 'RecordOpinionFeedback'; reportId: string; feedbackId?: string | null; recipientId?: string | null; from?: string | null; text: string; receivedOn: string }
  | { type: 'RecordOpinionMediaPickup'; reportId: string; pickupId?: string | null; outlet: string; pickedUpOn: string; note?: string | null };

export interface ForwardState {
  level: OpinionLevel;
  forwardedOn: CommitteeDate;
}

export type OpinionReportState =
  | { stage: 'NONE' }
  | {
      stage: ReportStage;
      authorKind: AuthorKind;
      authorIds: string[];
      submittedOn: CommitteeDate;
      /** The submission as recorded, for recognising a repeat. */
      submitted: Record<string, unknown>;
      text: ReportText;
      version: number;
      adoptedOn: CommitteeDate | null;
      partIds: string[];
      issued: { serial: number; issuedOn: CommitteeDate } | null;
      forwards: Record<string, ForwardState>;
      adoptions: Record<string, { adoptedOn: CommitteeDate; note: string }>;
      instructions: Record<string, Record<string, unknown>>;
      feedback: Record<string, Record<string, unknown>>;
      mediaPickups: Record<string, Record<string, unknown>>;
    };

type Live = Exclude<OpinionReportState, { stage: 'NONE' }>;

export const reportStream = (reportId: string) => `opinion-report-${reportId}`;

/** The counter stream of a year's issue numbers; serial n is its revision n - 1. */
export const issueCounter = (year: number) => String(year);

const created = (authorKind: AuthorKind, authorIds: string[], submittedOn: CommitteeDate, text: ReportText, submitted: Record<string, unknown>): Live => ({
  stage: 'SUBMITTED',
  authorKind,
  authorIds,
  submittedOn,
  submitted,
  text,
  version: 1,
  adoptedOn: null,
  partIds: [],
  issued: null,
  forwards: {},
  adoptions: {},
  instructions: {},
  feedback: {},
  mediaPickups: {},
});

function evolve(state: OpinionReportState, event: OpinionReportEvent): OpinionReportState {
  if (event.type === 'OpinionReportSubmitted') {
    const { submittedAt: _at, ...submitted } = event.data;
    return created(event.data.authorKind, event.data.authorIds, event.data.submittedOn, textOf(event.data), submitted);
  }
  if (event.type === 'OpinionReportsCombined') {
    const { combinedAt: _at, ...submitted } = event.data;
    return { ...created('COMBINED', event.data.authorIds, event.data.combinedOn, textOf(event.data), submitted), stage: 'ADOPTED', adoptedOn: event.data.combinedOn, partIds: event.data.partIds };
  }
  if (state.stage === 'NONE') return state;
  const s: Live = state;
  switch (event.type) {
    case 'OpinionReportWithdrawn':
      return { ...s, stage: 'WITHDRAWN' };
    case 'OpinionReportEdited':
      return { ...s, text: textOf(event.data), version: event.data.version };
    case 'OpinionReportAdopted':
      return { ...s, stage: 'ADOPTED', adoptedOn: event.data.adoptedOn };
    case 'OpinionReportNotAdopted':
      return { ...s, stage: 'NOT_ADOPTED' };
    case 'OpinionReportIssued':
      return { ...s, issued: { serial: event.data.serial, issuedOn: event.data.issuedOn } };
    case 'OpinionIssueNumberReserved':
      return s;
    case 'OpinionReportForwarded': {
      const forwards = { ...s.forwards };
      for (const r of event.data.recipients) forwards[r.recipientId] = { level: r.level, forwardedOn: event.data.forwardedOn };
      return { ...s, forwards };
    }
    case 'OpinionRecipientAdopted':
      return { ...s, adoptions: { ...s.adoptions, [event.data.recipientId]: { adoptedOn: event.data.adoptedOn, note: event.data.note } } };
    case 'OpinionInstructionRecorded': {
      const { recordedAt: _at, ...kept } = event.data;
      return { ...s, instructions: { ...s.instructions, [event.data.instructionId]: kept } };
    }
    case 'OpinionFeedbackRecorded': {
      const { recordedAt: _at, ...kept } = event.data;
      return { ...s, feedback: { ...s.feedback, [event.data.feedbackId]: kept } };
    }
    case 'OpinionMediaPickupRecorded': {
      const { recordedAt: _at, ...kept } = event.data;
      return { ...s, mediaPickups: { ...s.mediaPickups, [event.data.pickupId]: kept } };
    }
    default: {
      const never: never = event;
      return never;
    }
  }
}

const textOf = (d: ReportText): ReportText => ({ title: d.title, situation: d.situation, suggestions: d.suggestions });

export const opinionReport: Decider<OpinionReportCommand, OpinionReportEvent, OpinionReportState> = {
  streamId: (c) => reportStream(c.reportId),
  initialState: { stage: 'NONE' },
  evolve,
  decide(command, state, context) {
    const reportId = requireId(command.reportId, 'reportId');
    if (command.type === 'SubmitOpinionReport') return submit(command, state, context);
    if (command.type === 'CombineOpinionReports') return combine(command, state, context);
    if (state.stage === 'NONE') throw notFound(`report ${reportId} has not been submitted`, 'reportId');
    return decideOn(command, state, context);
  },
};

// ---------------------------------------------------------------- dates

const today = (now: string): CommitteeDate => committeeDate(toMs(now));

/** A date a clerk gives (default: today), not after today. */
function pastDate(value: unknown, field: string, now: string, options: { optional?: boolean } = {}): CommitteeDate {
  if ((value === undefined || value === null || value === '') && options.optional) return today(now);
  const date = parseCommitteeDate(value, field);
  if (date > today(now)) throw invalid(`${field} ${date} is in the future; record what has happened (today is ${today(now)})`, field);
  return date;
}

function notBefore(date: CommitteeDate, earliest: CommitteeDate, field: string, what: string): void {
  if (date < earliest) throw invalid(`${field} ${date} is before ${what} (${earliest})`, field);
}

const text = (command: Partial<ReportText>): ReportText => ({
  title: requireText(command.title, 'title', REPORT_LIMITS.title),
  situation: requireText(command.situation, 'situation', REPORT_LIMITS.situation),
  suggestions: requireText(command.suggestions, 'suggestions', REPORT_LIMITS.suggestions),
});

// ---------------------------------------------------------------- submission

function submit(command: Extract<OpinionReportCommand, { type: 'SubmitOpinionReport' }>, state: OpinionReportState, context: CommandContext): OpinionReportEvent[] {
  const { directory, now } = context;
  const reportId = command.reportId;
  if (!Array.isArray(command.authorIds) || command.authorIds.length === 0) throw invalid('authorIds is required: one or more members, or one liaison group, sector or democratic party', 'authorIds');
  const authorIds = distinct(command.authorIds.map((id, i) => requireId(id, `authorIds[${i}]`)));
  if (authorIds.length > REPORT_LIMITS.authors) throw invalid(`a report has at most ${REPORT_LIMITS.authors} authors`, 'authorIds');
  let authorKind: 'MEMBERS' | 'BODY' = 'MEMBERS';
  authorIds.forEach((id, i) => {
    const field = `authorIds[${i}]`;
    const member = directory.member(id);
    if (member) {
      if (member.status === 'LEFT') throw invalid(`member ${id} has left the committee`, field);
      return;
    }
    const body = directory.organization(id);
    if (!body) throw notFound(`author ${id} is neither a registered member nor a registered body`, field);
    if (!(AUTHOR_BODY_KINDS as readonly string[]).includes(body.kind)) throw invalid(`${id} is a ${body.kind}; a body's report comes from a ${AUTHOR_BODY_KINDS.join(', ')}`, field);
    if (body.dissolved) throw invalid(`${id} has been dissolved`, field);
    if (authorIds.length > 1) throw invalid(`a body's report is the body's own: ${id} cannot be an author beside others`, field);
    authorKind = 'BODY';
  });
  const { raisedOn, ...source } = sourceOf(command, context);
  const submittedOn = pastDate(command.submittedOn, 'submittedOn', now, { optional: true });
  if (raisedOn) notBefore(submittedOn, raisedOn, 'submittedOn', `contact ${source.sourceContactId}, where the issue was raised`);
  const data = { reportId, authorKind, authorIds, ...text(command), ...source, submittedOn, submittedAt: now };
  if (state.stage !== 'NONE') {
    // A repeat of the same submission (a retried request, a re-run import) decides nothing.
    const { submittedAt: _a, ...given } = data;
    const recorded = { ...state.submitted };
    if (!command.submittedOn) (given as Partial<typeof given>).submittedOn = recorded.submittedOn as string;
    if (sameData(recorded, given)) return [];
    throw conflict(`report ${reportId} was already submitted with other details`, 'reportId');
  }
  return [{ type: 'OpinionReportSubmitted', data }];
}

function sourceOf(command: { sourceContactId?: string | null; sourceIssueId?: string | null; sourceProposalId?: string | null }, { directory }: CommandContext) {
  const sourceContactId = command.sourceContactId ? requireId(command.sourceContactId, 'sourceContactId') : null;
  const sourceIssueId = command.sourceIssueId ? requireId(command.sourceIssueId, 'sourceIssueId') : null;
  const sourceProposalId = command.sourceProposalId ? requireId(command.sourceProposalId, 'sourceProposalId') : null;
  if (sourceProposalId && (sourceContactId || sourceIssueId)) throw invalid('a report starts from a contact\'s issue or from a proposal, not both', 'sourceProposalId');
  if (sourceContactId || sourceIssueId) {
    if (!sourceContactId) throw invalid('an issue is named with the contact that raised it: give sourceContactId too', 'sourceContactId');
    if (!sourceIssueId) throw invalid('name the issue raised in the contact: sourceIssueId', 'sourceIssueId');
    const contact = opinionsOf(directory).contactIssues(sourceContactId);
    // Whether it is on record, retracted, and when it took place: the contacts' own answer.
    const logged = directory.wing<{ contacts: ReadonlyMap<string, { retracted: boolean; occurredMs: number }> }>('contacts')?.contacts.get(sourceContactId);
    if (!contact && !logged) throw notFound(`contact ${sourceContactId} is not on record`, 'sourceContactId');
    if (contact?.retracted || logged?.retracted) throw invalid(`contact ${sourceContactId} was retracted`, 'sourceContactId');
    if (!contact?.issueIds.includes(sourceIssueId)) throw notFound(`contact ${sourceContactId} raised no issue ${sourceIssueId}`, 'sourceIssueId');
    return { source: 'CONTACT_ISSUE' as const, sourceContactId, sourceIssueId, sourceProposalId: null, raisedOn: logged ? committeeDate(logged.occurredMs) : null };
  }
  if (sourceProposalId) {
    const proposal = proposalsOf(directory).proposal(sourceProposalId);
    if (!proposal) throw notFound(`proposal ${sourceProposalId} has not been submitted`, 'sourceProposalId');
    if (proposal.stage !== 'NOT_FILED') throw invalid(`proposal ${sourceProposalId} is ${proposal.stage}; a report takes up a proposal that was not filed (不立案)`, 'sourceProposalId');
    return { source: 'NOT_FILED_PROPOSAL' as const, sourceContactId: null, sourceIssueId: null, sourceProposalId, raisedOn: null };
  }
  return { source: 'NONE' as const, sourceContactId: null, sourceIssueId: null, sourceProposalId: null, raisedOn: null };
}

// ---------------------------------------------------------------- combination (综合)

function combine(command: Extract<OpinionReportCommand, { type: 'CombineOpinionReports' }>, state: OpinionReportState, { directory, now }: CommandContext): OpinionReportEvent[] {
  const reportId = command.reportId;
  if (!Array.isArray(command.partIds) || command.partIds.length < 2) throw invalid('partIds is required: two or more reports to combine', 'partIds');
  const partIds = distinct(command.partIds.map((id, i) => requireId(id, `partIds[${i}]`)));
  if (partIds.length < 2) throw invalid('a combined report joins two or more different reports', 'partIds');
  if (partIds.length > REPORT_LIMITS.parts) throw invalid(`a combined report has at most ${REPORT_LIMITS.parts} parts`, 'partIds');
  if (partIds.includes(reportId)) throw invalid(`${reportId} is the combined report, not one of its parts`, 'partIds');
  const body = text(command);
  const combinedOn = pastDate(command.combinedOn, 'combinedOn', now, { optional: true });
  if (state.stage !== 'NONE') {
    const recorded = state.submitted;
    if (state.authorKind === 'COMBINED' && sameData(recorded.partIds, partIds) && sameData(textOf(recorded as unknown as ReportText), body) && (!command.combinedOn || recorded.combinedOn === combinedOn)) return [];
    throw conflict(`${reportId} is already the id of a report`, 'reportId');
  }
  const wing = opinionsOf(directory);
  if (wing.report(reportId)) throw conflict(`${reportId} is already the id of a report`, 'reportId');
  const adoptedPartIds: string[] = [];
  const authorIds: string[] = [];
  partIds.forEach((id, i) => {
    const field = `partIds[${i}]`;
    const part = wing.report(id);
    if (!part) throw notFound(`report ${id} has not been submitted`, field);
    if (part.authorKind === 'COMBINED') throw conflict(`report ${id} is itself a combined report; combine its parts instead`, field);
    if (part.combinedInto) throw conflict(`report ${id} is already part of combined report ${part.combinedInto}`, field);
    if (part.stage !== 'SUBMITTED' && part.stage !== 'ADOPTED') throw conflict(`report ${id} is ${part.stage}; a combined report joins reports submitted or adopted`, field);
    if (part.issued) throw conflict(`report ${id} was issued on its own; an issued report is not combined again`, field);
    notBefore(combinedOn, part.submittedOn, 'combinedOn', `report ${id}'s submission`);
    if (part.stage === 'SUBMITTED') adoptedPartIds.push(id);
    for (const a of part.authorIds) if (!authorIds.includes(a)) authorIds.push(a);
  });
  return [{ type: 'OpinionReportsCombined', data: { reportId, partIds, adoptedPartIds, authorIds, ...body, combinedOn, combinedAt: now } }];
}

// ---------------------------------------------------------------- every later step

function decideOn(command: Exclude<OpinionReportCommand, { type: 'SubmitOpinionReport' | 'CombineOpinionReports' }>, s: Live, context: CommandContext): OpinionReportEvent[] {
  const { now, directory, newId } = context;
  const reportId = command.reportId;
  const stageIs = (allowed: readonly ReportStage[], what: string) => {
    if (!allowed.includes(s.stage)) throw conflict(`report ${reportId} is ${s.stage}; ${what}`, 'reportId');
  };
  /** A part of a combined report goes on as part of it. */
  const notAPart = (what: string) => {
    const combinedInto = opinionsOf(directory).report(reportId)?.combinedInto;
    if (combinedInto) throw conflict(`report ${reportId} is part of combined report ${combinedInto}; ${what}`, 'reportId');
  };
  const forwarded = () => {
    if (Object.keys(s.forwards).length === 0) throw conflict(`report ${reportId} has not been forwarded (报送) to anyone yet`, 'reportId');
  };

  switch (command.type) {
    case 'WithdrawOpinionReport':
      if (s.stage === 'WITHDRAWN') return [];
      if (s.authorKind === 'COMBINED') throw conflict(`report ${reportId} is a combined report (综合); it is the office's, not withdrawn by authors`, 'reportId');
      stageIs(['SUBMITTED'], 'a report is withdrawn before the office decides on it');
      notAPart('it is no longer withdrawn on its own');
      return [{ type: 'OpinionReportWithdrawn', data: { reportId, reason: requireText(command.reason, 'reason', LIMITS.reason), withdrawnAt: now } }];
    case 'EditOpinionReport': {
      stageIs(['SUBMITTED', 'ADOPTED'], 'only a report waiting for a decision or adopted is edited');
      if (s.issued) throw conflict(`report ${reportId} has been issued; its printed text is not edited`, 'reportId');
      const revised = text({ title: command.title ?? s.text.title, situation: command.situation ?? s.text.situation, suggestions: command.suggestions ?? s.text.suggestions });
      if (sameData(revised, s.text)) return [];
      const note = requireText(command.note, 'note', LIMITS.reason);
      return [{ type: 'OpinionReportEdited', data: { reportId, version: s.version + 1, ...revised, note, editedBy: context.actor, editedAt: now } }];
    }
    case 'AdoptOpinionReport': {
      if (s.stage === 'ADOPTED') return [];
      stageIs(['SUBMITTED'], 'only a report waiting for a decision is adopted');
      notAPart('it is adopted as part of it');
      const adoptedOn = pastDate(command.adoptedOn, 'adoptedOn', now, { optional: true });
      notBefore(adoptedOn, s.submittedOn, 'adoptedOn', 'its submission');
      return [{ type: 'OpinionReportAdopted', data: { reportId, adoptedOn, note: requireText(command.note, 'note', LIMITS.reason, { optional: true }), decidedAt: now } }];
    }
    case 'DeclineOpinionReport': {
      stageIs(['SUBMITTED'], 'only a report waiting for a decision is not adopted');
      notAPart('it is decided as part of it');
      const reasonCode = requireId(command.reasonCode, 'reasonCode');
      const reasons = opinionsOf(directory).opinionRules().reasons;
      if (reasons[reasonCode] === undefined) {
        const known = Object.keys(reasons);
        throw invalid(`reasonCode ${reasonCode} is not on the office's list (${known.length ? known.join(', ') : 'the list is empty: define reasons first'})`, 'reasonCode');
      }
      const decidedOn = pastDate(command.decidedOn, 'decidedOn', now, { optional: true });
      notBefore(decidedOn, s.submittedOn, 'decidedOn', 'its submission');
      return [{ type: 'OpinionReportNotAdopted', data: { reportId, reasonCode, note: requireText(command.note, 'note', LIMITS.reason, { optional: true }), decidedOn, decidedAt: now } }];
    }
    case 'IssueOpinionReport': {
      if (s.issued) return [];
      stageIs(['ADOPTED'], 'only an adopted report is issued');
      notAPart('the combined report is issued');
      const signedBy = requireId(command.signedBy, 'signedBy');
      const signer = directory.member(signedBy);
      if (!signer) throw notFound(`signer ${signedBy} is not a registered member`, 'signedBy');
      if (signer.status === 'LEFT') throw invalid(`member ${signedBy} has left the committee`, 'signedBy');
      if (!signer.roles.some((r) => LEADER_ROLES.includes(r.kind))) throw invalid(`member ${signedBy} is not a committee leader (${LEADER_ROLES.join(', ')}); a leader signs off (签发) a report`, 'signedBy');
      const issuedOn = pastDate(command.issuedOn, 'issuedOn', now, { optional: true });
      notBefore(issuedOn, s.adoptedOn!, 'issuedOn', 'its adoption');
      const year = Number(issuedOn.slice(0, 4));
      const wing = opinionsOf(directory);
      const serial = wing.nextIssueSerial(year);
      const number = formatIssueNumber(wing.opinionRules().issueFormat, year, serial);
      return [
        { type: 'OpinionReportIssued', data: { reportId, year, serial, number, signedBy, issuedOn, issuedAt: now } },
        { type: 'OpinionIssueNumberReserved', data: { counter: issueCounter(year), serial, reportId } },
      ];
    }
    case 'ForwardOpinionReport': {
      if (!s.issued) throw conflict(`report ${reportId} has not been issued; a report is forwarded (报送) once issued (签发)`, 'reportId');
      if (!Array.isArray(command.recipientIds) || command.recipientIds.length === 0) throw invalid('recipientIds is required: one or more recipients from the office\'s list', 'recipientIds');
      const ids = distinct(command.recipientIds.map((id, i) => requireId(id, `recipientIds[${i}]`)));
      if (ids.length > REPORT_LIMITS.recipients) throw invalid(`forward to at most ${REPORT_LIMITS.recipients} recipients at once`, 'recipientIds');
      const recipients = opinionsOf(directory).opinionRules().recipients;
      const known = ids.map((id, i) => {
        const r = recipients[id];
        if (!r) throw notFound(`recipient ${id} is not on the office's list (${Object.keys(recipients).join(', ') || 'the list is empty: define recipients first'})`, `recipientIds[${i}]`);
        return { recipientId: id, level: r.level };
      });
      const fresh = known.filter((r) => !s.forwards[r.recipientId]);
      if (fresh.length === 0) return [];
      const forwardedOn = pastDate(command.forwardedOn, 'forwardedOn', now, { optional: true });
      notBefore(forwardedOn, s.issued.issuedOn, 'forwardedOn', 'its issue');
      return [{ type: 'OpinionReportForwarded', data: { reportId, recipients: fresh, forwardedOn, forwardedAt: now } }];
    }
    case 'RecordRecipientAdoption': {
      const recipientId = requireId(command.recipientId, 'recipientId');
      const forward = s.forwards[recipientId];
      if (!forward) throw conflict(`report ${reportId} was not forwarded to ${recipientId}; a recipient adopts what it was sent`, 'recipientId');
      const adoptedOn = pastDate(command.adoptedOn, 'adoptedOn', now);
      const note = requireText(command.note, 'note', LIMITS.reason, { optional: true });
      const recorded = s.adoptions[recipientId];
      if (recorded) {
        if (recorded.adoptedOn === adoptedOn && recorded.note === note) return [];
        throw conflict(`${recipientId}'s adoption of report ${reportId} is recorded already (${recorded.adoptedOn})`, 'recipientId');
      }
      notBefore(adoptedOn, forward.forwardedOn, 'adoptedOn', `its forwarding to ${recipientId}`);
      return [{ type: 'OpinionRecipientAdopted', data: { reportId, recipientId, level: forward.level, adoptedOn, note, recordedAt: now } }];
    }
    case 'RecordLeaderInstruction': {
      forwarded();
      const level = requireOneOf(command.level, OPINION_LEVELS, 'level');
      const instructedOn = pastDate(command.instructedOn, 'instructedOn', now);
      const reaching = Object.values(s.forwards).filter((f) => levelRank(f.level) >= levelRank(level));
      if (reaching.length === 0) throw conflict(`report ${reportId} was not forwarded to a recipient at ${level} level or higher; a ${level} leader's instruction answers a report sent that far`, 'level');
      const earliest = reaching.map((f) => f.forwardedOn).sort()[0]!;
      notBefore(instructedOn, earliest, 'instructedOn', `its forwarding to the ${level} level`);
      const kept = {
        reportId,
        instructionId: command.instructionId ? requireId(command.instructionId, 'instructionId') : '',
        leaderName: requireText(command.leaderName, 'leaderName', LIMITS.name),
        leaderTitle: requireText(command.leaderTitle, 'leaderTitle', LIMITS.name, { optional: true }),
        level,
        instructedOn,
        text: requireText(command.text, 'text', REPORT_LIMITS.instruction),
        gist: command.gist === true,
      };
      if (kept.instructionId && s.instructions[kept.instructionId]) {
        if (sameData(s.instructions[kept.instructionId], kept)) return [];
        throw conflict(`instruction ${kept.instructionId} of report ${reportId} is recorded already with other details`, 'instructionId');
      }
      return [{ type: 'OpinionInstructionRecorded', data: { ...kept, instructionId: kept.instructionId || newId(), recordedAt: now } }];
    }
    case 'RecordOpinionFeedback': {
      forwarded();
      const recipientId = command.recipientId ? requireId(command.recipientId, 'recipientId') : null;
      const forward = recipientId ? s.forwards[recipientId] : undefined;
      if (recipientId && !forward) throw conflict(`report ${reportId} was not forwarded to ${recipientId}`, 'recipientId');
      const recipientName = recipientId ? opinionsOf(directory).opinionRules().recipients[recipientId]?.name : undefined;
      const from = requireText(command.from || recipientName, 'from', LIMITS.name);
      const receivedOn = pastDate(command.receivedOn, 'receivedOn', now);
      const earliest = forward?.forwardedOn ?? Object.values(s.forwards).map((f) => f.forwardedOn).sort()[0]!;
      notBefore(receivedOn, earliest, 'receivedOn', 'its forwarding');
      const kept = {
        reportId,
        feedbackId: command.feedbackId ? requireId(command.feedbackId, 'feedbackId') : '',
        recipientId,
        from,
        text: requireText(command.text, 'text', REPORT_LIMITS.feedback),
        receivedOn,
      };
      if (kept.feedbackId && s.feedback[kept.feedbackId]) {
        if (sameData(s.feedback[kept.feedbackId], kept)) return [];
        throw conflict(`feedback ${kept.feedbackId} of report ${reportId} is recorded already with other details`, 'feedbackId');
      }
      return [{ type: 'OpinionFeedbackRecorded', data: { ...kept, feedbackId: kept.feedbackId || newId(), recordedAt: now } }];
    }
    case 'RecordOpinionMediaPickup': {
      if (!s.issued) throw conflict(`report ${reportId} has not been issued; a medium takes up a report once it is issued`, 'reportId');
      const pickedUpOn = pastDate(command.pickedUpOn, 'pickedUpOn', now);
      notBefore(pickedUpOn, s.issued.issuedOn, 'pickedUpOn', 'its issue');
      const kept = {
        reportId,
        pickupId: command.pickupId ? requireId(command.pickupId, 'pickupId') : '',
        outlet: requireText(command.outlet, 'outlet', LIMITS.name),
        pickedUpOn,
        note: requireText(command.note, 'note', LIMITS.reason, { optional: true }),
      };
      if (kept.pickupId && s.mediaPickups[kept.pickupId]) {
        if (sameData(s.mediaPickups[kept.pickupId], kept)) return [];
        throw conflict(`media pickup ${kept.pickupId} of report ${reportId} is recorded already with other details`, 'pickupId');
      }
      return [{ type: 'OpinionMediaPickupRecorded', data: { ...kept, pickupId: kept.pickupId || newId(), recordedAt: now } }];
    }
    default: {
      const never: never = command;
      throw invalid(`unknown command ${(never as { type: string }).type}`);
    }
  }
}
