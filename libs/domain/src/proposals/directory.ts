/**
 * What the proposal decider asks of the rest of the record: the office's rules, other proposals
 * (a merge's target) and the next serial number of a term and session. The proposals projection
 * answers, through the deciders' Directory (`directory.wing('proposals')`).
 */
import type { Directory } from '../shared/directory.js';
import { DomainError } from '../shared/errors.js';
import type { ProposalRulesState } from './rules.js';
import type { ProposalStage } from './vocabulary.js';

export interface ProposalFacts {
  id: string;
  stage: ProposalStage;
  termId: string;
  sessionId: string;
  mergedInto: string | null;
}

export interface ProposalsDirectory {
  rules(): ProposalRulesState;
  proposal(id: string): ProposalFacts | undefined;
  /** The serial the next proposal filed in this term and session gets: one more than the last, from 1. */
  nextSerial(termId: string, sessionId: string): number;
}

export const PROPOSALS_WING = 'proposals';

export function proposalsOf(directory: Directory): ProposalsDirectory {
  const wing = directory.wing<ProposalsDirectory>(PROPOSALS_WING);
  if (!wing) throw new DomainError('UNAVAILABLE', 'this server does not run the proposals system');
  return wing;
}
