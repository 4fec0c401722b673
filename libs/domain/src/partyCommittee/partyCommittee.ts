/**
 * The Party group's reports to the city Party committee (向市委汇报: work reports and requests for
 * instructions, 请示报告) and the Party committee's studies of CPPCC work (市委研究政协工作), which
 * the seed asks for at least once a year. Each is recorded by the office once it has happened,
 * with its date, and corrected with a reason; one stream per report (`party-report-<id>`) and per
 * study (`party-study-<id>`), so a correction's history reads in order.
 */
import { CommandContext, Decider, Event, sameData } from '../shared/decider.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { CommitteeDate, committeeDate, parseCommitteeDate, toMs } from '../shared/time.js';
import { partyKind } from '../shared/directory.js';
import { LIMITS, distinct, requireId, requireOneOf, requireText } from '../shared/validation.js';

/** 工作报告 (a report of work done) or 请示报告 (a request for instructions). */
export const PARTY_REPORT_KINDS = ['WORK_REPORT', 'REQUEST_FOR_INSTRUCTIONS'] as const;
export type PartyReportKind = (typeof PARTY_REPORT_KINDS)[number];

export const PARTY_COMMITTEE_LIMITS = { subject: LIMITS.topic, recipient: LIMITS.name, summary: 20_000, reporters: 50, meeting: LIMITS.name, matters: 50, matter: 2000 } as const;

export interface PartyReportDetails {
  kind: PartyReportKind;
  subject: string;
  /** To whom: 中共格尔木市委, its standing committee, its secretary … as the office writes it. */
  recipient: string;
  reportedOn: CommitteeDate;
  /** Who reported: members (the Party group's) or registered persons; one or more. */
  reporterIds: string[];
  summary: string;
}

export interface PartyStudyDetails {
  studiedOn: CommitteeDate;
  /** The meeting that studied CPPCC work: 市委常委会会议, 市委全会 … */
  meeting: string;
  /** The matters decided, one entry each. */
  matters: string[];
  /** The reports of the Party group it took up, if any. */
  reportIds: string[];
}

export type PartyCommitteeEvent =
  | Event<'PartyCommitteeReportRecorded', { reportId: string; recordedAt: string } & PartyReportDetails>
  | Event<'PartyCommitteeReportCorrected', { reportId: string; reason: string; correctedAt: string } & PartyReportDetails>
  | Event<'PartyCommitteeStudyRecorded', { studyId: string; recordedAt: string } & PartyStudyDetails>
  | Event<'PartyCommitteeStudyCorrected', { studyId: string; reason: string; correctedAt: string } & PartyStudyDetails>;

interface ReportInput {
  kind: string;
  subject: string;
  recipient: string;
  reportedOn: string;
  reporterIds: string[];
  summary?: string | null;
}
interface StudyInput {
  studiedOn: string;
  meeting: string;
  matters: string[];
  reportIds?: string[] | null;
}

export type PartyReportCommand = ({ type: 'RecordPartyCommitteeReport'; reportId: string } & ReportInput) | ({ type: 'CorrectPartyCommitteeReport'; reportId: string; reason: string } & ReportInput);
export type PartyStudyCommand = ({ type: 'RecordPartyCommitteeStudy'; studyId: string } & StudyInput) | ({ type: 'CorrectPartyCommitteeStudy'; studyId: string; reason: string } & StudyInput);

export type PartyReportState = { details: PartyReportDetails | null };
export type PartyStudyState = { details: PartyStudyDetails | null };

/** Facts of the record the study decider asks for: whether a report it names is on record. */
export interface PartyCommitteeDirectory {
  partyReport(id: string): { reportedOn: CommitteeDate } | undefined;
}
export const PARTY_COMMITTEE_WING = 'partyCommittee';

const pastDate = (value: unknown, field: string, now: string): CommitteeDate => {
  const date = parseCommitteeDate(value, field);
  const today = committeeDate(toMs(now));
  if (date > today) throw invalid(`${field} ${date} is in the future (today is ${today}); record it once it has happened`, field);
  return date;
};

/** The same record or correction sent again decides nothing; a different one is a correction, with its reason. */
function recordOrCorrect<D, E>(
  command: { type: string; reason?: unknown },
  isRecord: boolean,
  before: D | null,
  details: D,
  what: string,
  events: { recorded: () => E; corrected: (reason: string) => E },
): E[] {
  if (isRecord) {
    if (before === null) return [events.recorded()];
    if (sameData(before, details)) return [];
    throw conflict(`${what} is already recorded with other details; correct it instead (with a reason)`, 'id');
  }
  if (before === null) throw notFound(`${what} is not recorded`, 'id');
  if (sameData(before, details)) throw invalid(`the correction of ${what} changes nothing`, 'reason');
  return [events.corrected(requireText(command.reason, 'reason', LIMITS.reason))];
}

function reportDetails(c: ReportInput, { now, directory }: CommandContext): PartyReportDetails {
  if (!Array.isArray(c.reporterIds) || c.reporterIds.length === 0) throw invalid('reporterIds is required: who reported (members or registered persons)', 'reporterIds');
  const reporterIds = distinct(c.reporterIds.map((id, i) => requireId(id, `reporterIds[${i}]`)));
  if (reporterIds.length > PARTY_COMMITTEE_LIMITS.reporters) throw invalid(`list at most ${PARTY_COMMITTEE_LIMITS.reporters} reporters`, 'reporterIds');
  reporterIds.forEach((id, i) => {
    const kind = partyKind(directory, id);
    if (kind !== 'MEMBER' && kind !== 'PERSON') throw notFound(`reporterIds[${i}]: ${id} is not a registered member or person`, `reporterIds[${i}]`);
  });
  return {
    kind: requireOneOf(c.kind, PARTY_REPORT_KINDS, 'kind'),
    subject: requireText(c.subject, 'subject', PARTY_COMMITTEE_LIMITS.subject),
    recipient: requireText(c.recipient, 'recipient', PARTY_COMMITTEE_LIMITS.recipient),
    reportedOn: pastDate(c.reportedOn, 'reportedOn', now),
    reporterIds,
    summary: requireText(c.summary, 'summary', PARTY_COMMITTEE_LIMITS.summary, { optional: true }),
  };
}

function studyDetails(c: StudyInput, { now, directory }: CommandContext): PartyStudyDetails {
  if (!Array.isArray(c.matters) || c.matters.length === 0) throw invalid('matters is required: the matters the meeting decided, one entry each', 'matters');
  if (c.matters.length > PARTY_COMMITTEE_LIMITS.matters) throw invalid(`list at most ${PARTY_COMMITTEE_LIMITS.matters} matters`, 'matters');
  const studiedOn = pastDate(c.studiedOn, 'studiedOn', now);
  const reportIds = distinct((c.reportIds ?? []).map((id, i) => requireId(id, `reportIds[${i}]`)));
  const reports = directory.wing<PartyCommitteeDirectory>(PARTY_COMMITTEE_WING);
  reportIds.forEach((id, i) => {
    const report = reports?.partyReport(id);
    if (!report) throw notFound(`reportIds[${i}]: report ${id} to the Party committee is not recorded`, `reportIds[${i}]`);
    if (report.reportedOn > studiedOn) throw invalid(`reportIds[${i}]: report ${id} of ${report.reportedOn} is after the study (${studiedOn})`, `reportIds[${i}]`);
  });
  return {
    studiedOn,
    meeting: requireText(c.meeting, 'meeting', PARTY_COMMITTEE_LIMITS.meeting),
    matters: c.matters.map((m, i) => requireText(m, `matters[${i}]`, PARTY_COMMITTEE_LIMITS.matter)),
    reportIds,
  };
}

export const partyCommitteeReport: Decider<PartyReportCommand, PartyCommitteeEvent, PartyReportState> = {
  streamId: (c) => `party-report-${c.reportId}`,
  initialState: { details: null },
  evolve(state, event) {
    if (event.type === 'PartyCommitteeReportRecorded' || event.type === 'PartyCommitteeReportCorrected') {
      const { kind, subject, recipient, reportedOn, reporterIds, summary } = event.data;
      return { details: { kind, subject, recipient, reportedOn, reporterIds, summary } };
    }
    return state;
  },
  decide(command, state, context) {
    const reportId = requireId(command.reportId, 'reportId');
    const details = reportDetails(command, context);
    return recordOrCorrect<PartyReportDetails, PartyCommitteeEvent>(command, command.type === 'RecordPartyCommitteeReport', state.details, details, `report ${reportId} to the Party committee`, {
      recorded: () => ({ type: 'PartyCommitteeReportRecorded', data: { reportId, ...details, recordedAt: context.now } }),
      corrected: (reason) => ({ type: 'PartyCommitteeReportCorrected', data: { reportId, ...details, reason, correctedAt: context.now } }),
    });
  },
};

export const partyCommitteeStudy: Decider<PartyStudyCommand, PartyCommitteeEvent, PartyStudyState> = {
  streamId: (c) => `party-study-${c.studyId}`,
  initialState: { details: null },
  evolve(state, event) {
    if (event.type === 'PartyCommitteeStudyRecorded' || event.type === 'PartyCommitteeStudyCorrected') {
      const { studiedOn, meeting, matters, reportIds } = event.data;
      return { details: { studiedOn, meeting, matters, reportIds } };
    }
    return state;
  },
  decide(command, state, context) {
    const studyId = requireId(command.studyId, 'studyId');
    const details = studyDetails(command, context);
    return recordOrCorrect<PartyStudyDetails, PartyCommitteeEvent>(command, command.type === 'RecordPartyCommitteeStudy', state.details, details, `study ${studyId} of CPPCC work`, {
      recorded: () => ({ type: 'PartyCommitteeStudyRecorded', data: { studyId, ...details, recordedAt: context.now } }),
      corrected: (reason) => ({ type: 'PartyCommitteeStudyCorrected', data: { studyId, ...details, reason, correctedAt: context.now } }),
    });
  },
};
