/**
 * What the inspection decider (and the contact decider, for a contact that serves an inspection)
 * asks of the rest of the record: the office's rules and other inspections. The inspections
 * projection answers, through the deciders' Directory (`directory.wing('inspections')`).
 */
import type { Directory } from '../shared/directory.js';
import { DomainError } from '../shared/errors.js';
import type { CommitteeDate } from '../shared/time.js';
import type { InspectionRulesState } from './rules.js';
import type { InspectionStage } from './vocabulary.js';

export interface InspectionFacts {
  id: string;
  stage: InspectionStage;
  /** The planned first day (as last rescheduled), and the days it was held on, once held. */
  startsOn: CommitteeDate;
  heldFrom: CommitteeDate | null;
}

export interface InspectionsDirectory {
  inspectionRules(): InspectionRulesState;
  inspection(id: string): InspectionFacts | undefined;
}

export const INSPECTIONS_WING = 'inspections';

export function inspectionsOf(directory: Directory): InspectionsDirectory {
  const wing = directory.wing<InspectionsDirectory>(INSPECTIONS_WING);
  if (!wing) throw new DomainError('UNAVAILABLE', 'this server does not run the inspections system');
  return wing;
}
