/**
 * The committee's thresholds for the compliance board, as they stand (or stood, asOf), and the
 * auditors' seals of the board, by year.
 */
import type { ComplianceEvent, ComplianceRule, ComplianceSealEvent, Threshold } from '#domain';
import { DEFAULT_THRESHOLD, DOMAIN, complianceThresholds, toMs, type ComplianceThresholdsState } from '#domain';
import type { RecordedEvent } from '#event-store/eventStore';
import type { Projection } from '../shared/projection.js';

export type SealRow = ComplianceSealEvent['data'] & { recordedMs: number; recordedPosition: number };

export class ComplianceProjection implements Projection {
  static readonly NAME = 'compliance';
  readonly name = ComplianceProjection.NAME;
  readonly handles: ReadonlySet<string> = new Set(DOMAIN.eventTypes('compliance'));
  skipped = 0;
  private state: ComplianceThresholdsState = complianceThresholds.initialState;
  readonly seals = new Map<string, SealRow>();

  apply(recorded: RecordedEvent): boolean {
    const event = recorded as unknown as ComplianceEvent;
    switch (event.type) {
      case 'ComplianceThresholdSet':
        this.state = complianceThresholds.evolve(this.state, event);
        return true;
      case 'ComplianceBoardSealed':
        if (this.seals.has(event.data.sealId)) return false;
        this.seals.set(event.data.sealId, { ...event.data, recordedMs: toMs(recorded.recordedAt), recordedPosition: recorded.position });
        return true;
      default: {
        const never: never = event;
        void never;
        return false;
      }
    }
  }

  threshold(rule: ComplianceRule): Threshold {
    return this.state.thresholds[rule] ?? DEFAULT_THRESHOLD;
  }

  /** Rows and the thresholds are replaced, never changed in place: a copy shares them. */
  copyForTimeTravel(): ComplianceProjection {
    const copy = new ComplianceProjection();
    copy.skipped = this.skipped;
    copy.state = this.state;
    for (const [k, v] of this.seals) copy.seals.set(k, v);
    return copy;
  }
}
