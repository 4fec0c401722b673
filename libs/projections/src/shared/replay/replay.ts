/**
 * Replay: do the live figures follow from the record? Every read model is rebuilt from zero into a
 * scratch set, straight from the ordered log, and compared, projection by projection, by map and
 * key, with the set that serves the figures, and with each time-travel copy it kept (the copies
 * `asOf` answers start from), at the position it was kept.
 */
import { START, type EventStore } from '#event-store/eventStore';
import { createProjections } from '../../systems.js';
import { ProjectionSet } from '../projection.js';
import { TimeTravel } from '../timeTravel/timeTravel.js';
import { ModelDifference, diffProjections } from './diff.js';

export interface ReadModelComparison {
  /** `network` for the live model; `network as of position N` for a time-travel copy. */
  readModel: string;
  position: number;
  identical: boolean;
  /** The first differences (at most `limit`). */
  differences: ModelDifference[];
}

export interface ReplayReport {
  /** Events folded into the scratch model. */
  events: number;
  /** Time spent reading and folding them (comparisons excluded). */
  seconds: number;
  eventsPerSecond: number;
  identical: boolean;
  readModels: ReadModelComparison[];
}

/** Small pages die in V8's young generation (see READ_PAGE_SIZE in sqlite.ts). */
const PAGE = 1_000;

/**
 * Folds the log into a fresh model up to the live model's position and compares them. The live
 * model may move on meanwhile (a running API): the scratch fold follows it, and the final
 * comparison runs in one synchronous step, when both stand at the same position.
 */
export async function replay(store: EventStore, live: ProjectionSet, options: { timeTravel?: TimeTravel; limit?: number; fresh?: () => ProjectionSet } = {}): Promise<ReplayReport> {
  const scratch = options.fresh?.() ?? createProjections();
  const limit = options.limit ?? 50;
  const kept = new Set(options.timeTravel?.snapshotPositions() ?? []);
  const copies: ReadModelComparison[] = [];
  let events = 0;
  let foldNs = 0n;
  const compare = (readModel: string, model: ProjectionSet, figuresOnly: boolean): ReadModelComparison => {
    const differences = diffProjections(model, scratch, { figuresOnly, limit });
    return { readModel, position: scratch.position, identical: differences.length === 0, differences };
  };
  while (scratch.position < live.position) {
    const started = process.hrtime.bigint();
    const page = await store.readAll({ after: scratch.position, maxCount: PAGE });
    let copyAt: number | undefined;
    for (const event of page) {
      if (event.position > live.position) break;
      scratch.apply(event);
      events++;
      if (kept.has(event.position)) {
        copyAt = event.position;
        break;
      }
    }
    foldNs += process.hrtime.bigint() - started;
    if (copyAt !== undefined) copies.push(compare(`network as of position ${copyAt}`, options.timeTravel!.snapshotAt(copyAt)!, true));
    if (page.length === 0) break;
    // A turn of the event loop between pages, so a server replaying keeps answering; the fold
    // follows the live model wherever it has moved meanwhile.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const readModels = [compare('network', live, false), ...copies];
  const seconds = Number(foldNs) / 1e9;
  return { events, seconds, eventsPerSecond: seconds > 0 ? events / seconds : 0, identical: readModels.every((r) => r.identical), readModels };
}
