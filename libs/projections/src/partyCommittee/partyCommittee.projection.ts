/**
 * The Party group's reports to the city Party committee and the committee's studies of CPPCC work,
 * by year of the day they happened (as last corrected): what the compliance board's yearly rule
 * and the office's list read. It is also the deciders' directory for this wing (a study names the
 * reports it took up).
 */
import type { CommitteeDate, PartyCommitteeDirectory, PartyCommitteeEvent, PartyReportDetails, PartyStudyDetails } from '#domain';
import { DOMAIN, PARTY_COMMITTEE_WING, toMs } from '#domain';
import type { RecordedEvent } from '#event-store/eventStore';
import type { Projection } from '../shared/projection.js';

interface Corrections {
  /** Each correction's reason and store time, oldest first. */
  corrections: ReadonlyArray<{ reason: string; atMs: number }>;
  recordedMs: number;
  /** The position of the event holding the details as they now stand. */
  position: number;
}
export interface PartyReportRow extends PartyReportDetails, Corrections {
  id: string;
}
export interface PartyStudyRow extends PartyStudyDetails, Corrections {
  id: string;
}

const HANDLED: ReadonlySet<string> = new Set(DOMAIN.eventTypes('partyCommittee'));
const yearOf = (date: CommitteeDate) => Number(date.slice(0, 4));

export class PartyCommitteeProjection implements Projection, PartyCommitteeDirectory {
  static readonly NAME = PARTY_COMMITTEE_WING;
  readonly name = PartyCommitteeProjection.NAME;
  readonly handles = HANDLED;
  skipped = 0;
  readonly reports = new Map<string, PartyReportRow>();
  readonly studies = new Map<string, PartyStudyRow>();

  apply(recorded: RecordedEvent): boolean {
    const event = recorded as unknown as PartyCommitteeEvent;
    const ms = toMs(recorded.recordedAt);
    switch (event.type) {
      case 'PartyCommitteeReportRecorded': {
        const { reportId, recordedAt: _at, ...details } = event.data;
        if (this.reports.has(reportId)) return false;
        this.reports.set(reportId, { id: reportId, ...details, corrections: [], recordedMs: ms, position: recorded.position });
        return true;
      }
      case 'PartyCommitteeReportCorrected': {
        const { reportId, reason, correctedAt: _at, ...details } = event.data;
        const row = this.reports.get(reportId);
        if (!row) return false;
        this.reports.set(reportId, { ...row, ...details, corrections: [...row.corrections, { reason, atMs: ms }], position: recorded.position });
        return true;
      }
      case 'PartyCommitteeStudyRecorded': {
        const { studyId, recordedAt: _at, ...details } = event.data;
        if (this.studies.has(studyId)) return false;
        this.studies.set(studyId, { id: studyId, ...details, corrections: [], recordedMs: ms, position: recorded.position });
        return true;
      }
      case 'PartyCommitteeStudyCorrected': {
        const { studyId, reason, correctedAt: _at, ...details } = event.data;
        const row = this.studies.get(studyId);
        if (!row) return false;
        this.studies.set(studyId, { ...row, ...details, corrections: [...row.corrections, { reason, atMs: ms }], position: recorded.position });
        return true;
      }
      default: {
        const never: never = event;
        void never;
        return false;
      }
    }
  }

  /** A year's reports and studies, by date. There are a handful a year: a scan is the index. */
  year(year: number): { reports: PartyReportRow[]; studies: PartyStudyRow[] } {
    const byDate = <R extends { id: string }>(date: (r: R) => CommitteeDate) => (a: R, b: R) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : a.id < b.id ? -1 : 1);
    return {
      reports: [...this.reports.values()].filter((r) => yearOf(r.reportedOn) === year).sort(byDate((r) => r.reportedOn)),
      studies: [...this.studies.values()].filter((s) => yearOf(s.studiedOn) === year).sort(byDate((s) => s.studiedOn)),
    };
  }

  partyReport(id: string): { reportedOn: CommitteeDate } | undefined {
    const row = this.reports.get(id);
    return row && { reportedOn: row.reportedOn };
  }

  /** Rows are replaced, never changed in place: a copy shares them. */
  copyForTimeTravel(): PartyCommitteeProjection {
    const copy = new PartyCommitteeProjection();
    copy.skipped = this.skipped;
    for (const [k, v] of this.reports) copy.reports.set(k, v);
    for (const [k, v] of this.studies) copy.studies.set(k, v);
    return copy;
  }
}
