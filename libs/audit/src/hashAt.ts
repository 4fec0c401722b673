/**
 * The running hash of the log at a position (chain.ts), cheaply: from the last seal that covers
 * no more than that position, folding only the events after the seal's last covered one. A log
 * with no such seal is hashed from its first event. Like the sealer, this trusts the seal it
 * starts from (checking every seal is verify's job); what it tells apart is a log whose chain at
 * `position` differs from a hash kept earlier (another log, or one rewritten and resealed).
 *
 * Assumes a gap-free store (positions 1, 2, 3 …, as every adapter here numbers them): a seal is
 * used only when its `count` equals its `position`.
 */
import { START, type EventStore } from '#event-store/eventStore';
import { LATEST_FORM, RunningHash, SEAL_STREAM, declaresForm2, startsForm2 } from './chain.js';
import { sealDataProblem, type SealData } from './seal.js';

const PAGE = 1_000;

export interface HashAt {
  /** 64 hex digits. */
  hash: string;
  /** Events folded to get it (after the seal it started from). */
  folded: number;
  /** Position of the last event covered by the seal it started from; 0 when it started at the genesis hash. */
  fromSeal: number;
}

/** The running hash after the event at `position`; undefined when the log does not reach `position`. */
export async function runningHashAt(store: EventStore, position: number): Promise<HashAt | undefined> {
  if (!Number.isSafeInteger(position) || position < 1) return undefined;
  // The seal stream, newest first, until a seal that covers at most `position`; the one before it in the stream decides the form.
  let from: number | undefined;
  let seal: SealData | undefined;
  let before: { streamId: string; type: string; data: unknown } | undefined;
  let searching = true;
  while (searching) {
    const page = await store.readStream(SEAL_STREAM, { direction: 'backwards', maxCount: 100, ...(from !== undefined ? { from } : {}) });
    if (page.length === 0) break;
    for (let i = 0; i < page.length; i++) {
      const event = page[i]!;
      const data = event.data as SealData;
      if (seal === undefined) {
        if (sealDataProblem(data) === undefined && data.count === data.position && data.position <= position) seal = data;
        else continue;
      }
      if (i + 1 < page.length) before = page[i + 1];
      else {
        const [previous] = event.revision > 0 ? await store.readStream(SEAL_STREAM, { direction: 'backwards', from: event.revision - 1, maxCount: 1 }) : [];
        before = previous;
      }
      searching = false;
      break;
    }
    const last = page[page.length - 1]!;
    if (last.revision === 0) break;
    from = last.revision - 1;
  }
  let running: RunningHash;
  let after = START;
  if (seal) {
    let form: 1 | 2 = before !== undefined && declaresForm2(before) ? LATEST_FORM : 1;
    if (form === 1) {
      const [first] = await store.readAll({ after: START, maxCount: 1 });
      if (first !== undefined && startsForm2(first)) form = LATEST_FORM;
    }
    running = new RunningHash(Buffer.from(seal.hash, 'hex'), form);
    after = seal.position;
  } else running = new RunningHash();
  let folded = 0;
  while (after < position) {
    const page = await store.readAll({ after, maxCount: Math.min(PAGE, position - after) });
    if (page.length === 0) return undefined;
    for (const event of page) {
      if (event.position > position) break;
      running.push(event);
      after = event.position;
      folded++;
    }
  }
  return { hash: running.hash.toString('hex'), folded, fromSeal: seal?.position ?? 0 };
}
