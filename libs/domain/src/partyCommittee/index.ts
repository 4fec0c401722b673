/** The Party-committee wing (向市委汇报): the Party group's reports to the city Party committee, and the committee's studies of CPPCC work. */
import { defineSystem } from '../shared/system.js';
import type { AccessRole } from '../shared/roles.js';
import { PartyCommitteeEvent, PartyReportCommand, PartyStudyCommand, partyCommitteeReport, partyCommitteeStudy } from './partyCommittee.js';

export * from './partyCommittee.js';

export type PartyCommitteeCommand = PartyReportCommand | PartyStudyCommand;

/** The office records both (a RECORDER with COMMITTEE_OFFICE: projections partyCommittee/commandAccess.ts). */
const RECORDER: readonly AccessRole[] = ['RECORDER'];
const REPORT = ['party-report', 'reportId'] as const;
const STUDY = ['party-study', 'studyId'] as const;

export const partyCommitteeSystem = defineSystem<PartyCommitteeCommand, PartyCommitteeEvent>()({
  name: 'partyCommittee',
  commands: {
    RecordPartyCommitteeReport: { decider: partyCommitteeReport, roles: RECORDER },
    CorrectPartyCommitteeReport: { decider: partyCommitteeReport, roles: RECORDER },
    RecordPartyCommitteeStudy: { decider: partyCommitteeStudy, roles: RECORDER },
    CorrectPartyCommitteeStudy: { decider: partyCommitteeStudy, roles: RECORDER },
  },
  events: {
    PartyCommitteeReportRecorded: { stream: REPORT, facts: (d) => ({ occurredAt: d.reportedOn }) },
    PartyCommitteeReportCorrected: { stream: REPORT, facts: (d) => ({ occurredAt: d.reportedOn, reason: d.reason }) },
    PartyCommitteeStudyRecorded: { stream: STUDY, facts: (d) => ({ occurredAt: d.studiedOn }) },
    PartyCommitteeStudyCorrected: { stream: STUDY, facts: (d) => ({ occurredAt: d.studiedOn, reason: d.reason }) },
  },
});
