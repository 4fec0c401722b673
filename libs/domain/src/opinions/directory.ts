/**
 * What the report decider asks of the rest of the record: the office's rules, other reports (the
 * parts of a combined report, and whether a report is part of one), the next issue number of a
 * year, and the issues raised in contacts (a report's source). The opinions projection answers,
 * through the deciders' Directory (`directory.wing('opinions')`).
 */
import type { Directory } from '../shared/directory.js';
import { DomainError } from '../shared/errors.js';
import type { CommitteeDate } from '../shared/time.js';
import type { OpinionRulesState } from './rules.js';
import type { AuthorKind, ReportStage } from './vocabulary.js';

export interface OpinionReportFacts {
  id: string;
  stage: ReportStage;
  authorKind: AuthorKind;
  authorIds: readonly string[];
  submittedOn: CommitteeDate;
  /** The combined report (综合) this one is a part of, if any. */
  combinedInto: string | null;
  issued: boolean;
}

export interface RaisedIssues {
  retracted: boolean;
  issueIds: readonly string[];
}

export interface OpinionsDirectory {
  opinionRules(): OpinionRulesState;
  report(id: string): OpinionReportFacts | undefined;
  /** The serial the next report issued in this year gets: one more than the last, from 1. */
  nextIssueSerial(year: number): number;
  /** The issues raised in a contact as it now stands; undefined for a contact that raised none or is not on record. */
  contactIssues(contactId: string): RaisedIssues | undefined;
}

export const OPINIONS_WING = 'opinions';

export function opinionsOf(directory: Directory): OpinionsDirectory {
  const wing = directory.wing<OpinionsDirectory>(OPINIONS_WING);
  if (!wing) throw new DomainError('UNAVAILABLE', 'this server does not run the public-opinion reports system');
  return wing;
}
