/**
 * verify: recompute the chain from the ordered log and report where the record disagrees with
 * its seals, with its own structure, or with a hash the auditor kept outside the system.
 *
 * It reads nothing but `readAll`, so it checks any adapter's log, EventStoreDB's included (pass
 * `gapless: false` for a store whose positions may skip; every adapter here numbers 1, 2, 3 …).
 * What each kind of tampering looks like, and the position reported:
 *
 * - an event's data or metadata changed at P: its running hash, and every later one, changes; the
 *   next seal's fingerprints first differ at P                                 → CHAIN_MISMATCH at P
 * - an event removed at P: in a gap-free store position P is missing          → MISSING_POSITION at P
 *   (elsewhere the next seal's fingerprints first differ at the event after it)
 * - two events swapped at P and P+1: the fingerprints differ at P (and a stream whose revisions
 *   now run backwards is reported there too)                  → CHAIN_MISMATCH / REVISION_ORDER at P
 * - an event inserted at P (later ones renumbered): the fingerprints differ at P → CHAIN_MISMATCH at P
 * - a seal altered: its hash or fingerprints disagree with the chain, or the next seal's
 *   fingerprint of it differs                                                   → SEAL_ALTERED at the seal
 * - the tail after the last seal removed: the remaining record is self-consistent, and only a hash
 *   kept outside (`expect`: e.g. the last seal's, or the head's at the last audit) can show it; the
 *   chain never reaches that hash                          → EXPECTED_HASH_NOT_REACHED at head + 1
 * - an event's recorded-at shifted at P, in form 2 (after the seal that switched to it, chain.ts):
 *   as for its data                                                              → CHAIN_MISMATCH at P
 *   (in form 1, before that seal, recorded-at is not covered: such a shift passes, as it always did)
 * - the switch to form 2 stripped from its seal S: S's bytes change, so the next seal's fingerprint
 *   of it differs (CHAIN_MISMATCH at S); a later seal without `form: 2`     → FORM_DOWNGRADE at it
 * - a data or metadata cell that is not JSON at P: the store cannot read it, so the chain stops
 *   there (the head hash is the one before it); positions and revisions are checked on past it
 *                                                                              → UNREADABLE_EVENT at P
 *
 * The report's first problem is the one at the lowest position. After the first disagreement
 * with a seal, later seals are not compared (they all inherit it), but structural checks go on.
 */
import { EventStore, RecordedEvent, START, UnreadableEventError, isUnreadableEventError } from '#event-store/eventStore';
import { ChainWindow, LATEST_FORM, RunningHash, isHash } from './chain.js';
import { Seal, SealData, isSealEvent, sealDataProblem, sealOf } from './seal.js';

export type ProblemKind =
  | 'MISSING_POSITION'
  | 'REVISION_ORDER'
  | 'CHAIN_MISMATCH'
  | 'SEAL_ALTERED'
  | 'SEAL_OUT_OF_SEQUENCE'
  | 'SEAL_MALFORMED'
  | 'EXPECTED_HASH_NOT_REACHED'
  | 'FORM_DOWNGRADE'
  | 'UNREADABLE_EVENT';

export interface VerifyProblem {
  /** The first position where the record disagrees (for a removed tail: the first position missing). */
  position: number;
  kind: ProblemKind;
  message: string;
}

export interface VerifyOptions {
  /** A running hash kept outside the system: the chain must pass through it. */
  expect?: string;
  /** True (default) when positions run 1, 2, 3 … without gaps, so a gap is a removed event. */
  gapless?: boolean;
  /** Problems kept in the report (the first is always there); default 20. */
  maxProblems?: number;
  /**
   * The share of its thread's time verify may work, in (0, 1]; default 1. After each page it rests
   * for as long as the page's work, scaled: at 0.5 it rests as long as it worked. A background job
   * then leaves the cores to the requests even when the scheduler would not.
   */
  pace?: number;
}

export interface VerifyReport {
  ok: boolean;
  /** Events read. */
  events: number;
  headPosition: number;
  /** The running hash after the last event: keep it to check the record later (`expect`). */
  headHash: string;
  /** The position `headHash` is after: `headPosition`, unless an event could not be read (then the one before it). */
  hashedThrough: number;
  /** The first position hashed in form 2 (with recorded-at, chain.ts), or null while the log is in form 1. */
  form2From: number | null;
  /** Seals whose hash the recomputed chain matched. */
  sealsVerified: number;
  /** The last matching seal: every event up to its `count` is as sealed. */
  lastSeal: Seal | null;
  /** Events after the last matching seal's `count`, that seal's own event included (a seal never covers itself). */
  unsealed: number;
  expect: { hash: string; reachedAtPosition: number | null } | null;
  problems: VerifyProblem[];
  /** Problems found, including those beyond `maxProblems`. */
  problemCount: number;
}

const PAGE = 1_000;

export async function verify(store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  if (options.expect !== undefined && !isHash(options.expect)) throw new TypeError(`expect must be 64 lowercase hex digits, not "${options.expect}"`);
  const gapless = options.gapless ?? true;
  const expected = options.expect === undefined ? undefined : Buffer.from(options.expect, 'hex');
  const problems: VerifyProblem[] = [];
  const revisions = new Map<string, number>();
  const window = new ChainWindow(0);
  const running = new RunningHash();
  let hashedThrough = START;
  let unreadable = false;
  let form2From: number | null = null;
  /** Position of the seal that switched the log to form 2. */
  let switchedAt: number | null = null;
  let ordinal = 0;
  let lastPosition = START;
  let sealsVerified = 0;
  let lastSeal: Seal | null = null;
  let reachedAt: number | null = null;
  let chainBroken = false;

  const checkSeal = (event: RecordedEvent): void => {
    const problem = (kind: ProblemKind, message: string) => {
      problems.push({ position: event.position, kind, message: `seal at position ${event.position}: ${message}` });
      chainBroken = true;
    };
    const malformed = sealDataProblem(event.data);
    if (malformed) return problem('SEAL_MALFORMED', malformed);
    const d = event.data as SealData;
    if (d.previousCount !== window.base) {
      return problem('SEAL_OUT_OF_SEQUENCE', `it covers from event #${d.previousCount + 1}, but the seals before it cover up to #${window.base}: a seal is missing or was added`);
    }
    if (d.count < ordinal && window.hashAt(d.count).toString('hex') === d.hash) {
      // The full hash matches, so every event up to `count` is as sealed and the chain goes on
      // from here; anything else that disagrees is in the seal's own bookkeeping.
      const altered = (message: string) => problems.push({ position: event.position, kind: 'SEAL_ALTERED', message: `seal at position ${event.position}: ${message}` });
      if (window.fingerprints(d.count) !== d.fingerprints) altered('its hash matches the chain but its fingerprints do not: the seal was altered');
      else if (gapless && window.positionAt(d.count) !== d.position) altered(`it names position ${d.position} for event #${d.count}, which is at ${window.positionAt(d.count)}`);
      sealsVerified++;
      lastSeal = sealOf(event);
      window.dropThrough(d.count);
      return;
    }
    // The chain disagrees: the first fingerprint that differs names the event. Events the seal
    // covers may also be gone, so compare only as far as the record reaches before the seal.
    for (let n = window.base + 1; n <= Math.min(d.count, ordinal - 1); n++) {
      const sealed = d.fingerprints.slice((n - window.base - 1) * 8, (n - window.base) * 8);
      if (window.fingerprintAt(n) !== sealed) {
        const position = window.positionAt(n);
        problems.push({
          position,
          kind: 'CHAIN_MISMATCH',
          message:
            `the event at position ${position} is not the one sealed at position ${event.position}: its running hash begins ${window.fingerprintAt(n)}, ` +
            `the seal recorded ${sealed} (an event was altered, inserted, removed or moved here)`,
        });
        chainBroken = true;
        return;
      }
    }
    if (d.count >= ordinal) return problem('SEAL_MALFORMED', `it claims to cover event #${d.count}, but it is itself event #${ordinal}: events it sealed are gone, or the seal is forged`);
    problem('SEAL_ALTERED', `its hash ${d.hash} is not the chain's ${window.hashAt(d.count).toString('hex')}, though every fingerprint matches: the seal was altered`);
  };

  /** Positions and revisions, for every event, readable or not. */
  const checkStructure = (position: number, streamId: string, revision: number): void => {
    if (gapless && position !== lastPosition + 1) {
      const missing = position - lastPosition - 1;
      problems.push({
        position: lastPosition + 1,
        kind: 'MISSING_POSITION',
        message: missing === 1 ? `position ${lastPosition + 1} is missing: an event was removed` : `positions ${lastPosition + 1} to ${position - 1} are missing: events were removed`,
      });
    }
    const previousRevision = revisions.get(streamId) ?? -1;
    if (revision !== previousRevision + 1) {
      problems.push({
        position,
        kind: 'REVISION_ORDER',
        message: `stream ${streamId} goes from revision ${previousRevision} to ${revision} at position ${position}: its events were removed, inserted or reordered`,
      });
    }
    revisions.set(streamId, revision);
  };

  const pace = options.pace ?? 1;
  if (!(pace > 0 && pace <= 1)) throw new TypeError(`pace must be above 0 and at most 1, not ${pace}`);
  for (let after = START; ; ) {
    const pageStarted = performance.now();
    const { events: page, unreadable: cannotRead } = await readPage(store, after);
    for (const event of page) {
      ordinal++;
      checkStructure(event.position, event.streamId, event.revision);
      if (isSealEvent(event) && running.form === LATEST_FORM && (event.data as Partial<SealData> | null)?.form !== LATEST_FORM) {
        problems.push({
          position: event.position,
          kind: 'FORM_DOWNGRADE',
          message:
            `seal at position ${event.position}: it does not declare form ${LATEST_FORM}, but the seal at position ${switchedAt} switched the chain to form ${LATEST_FORM} ` +
            'and the form never goes back: the declaration was stripped, or code from before form 2 wrote this seal',
        });
      }
      if (!unreadable) {
        const { form } = running.push(event);
        if (form === LATEST_FORM && form2From === null) form2From = event.position;
        if (running.form === LATEST_FORM && switchedAt === null) switchedAt = event.position;
        window.push(event.position, running.hash);
        hashedThrough = event.position;
        if (expected && reachedAt === null && running.hash.equals(expected)) reachedAt = event.position;
        if (isSealEvent(event) && !chainBroken) checkSeal(event);
      }
      lastPosition = event.position;
    }
    if (cannotRead) {
      ordinal++;
      checkStructure(cannotRead.position, cannotRead.streamId, cannotRead.revision);
      problems.push({
        position: cannotRead.position,
        kind: 'UNREADABLE_EVENT',
        message:
          `${cannotRead.message}: the log was edited behind the store's back, or the file is damaged` +
          (unreadable ? '' : `; the chain cannot be computed past it (the head hash is the one after position ${hashedThrough}), positions and revisions are checked on`),
      });
      unreadable = true;
      chainBroken = true;
      lastPosition = cannotRead.position;
      after = cannotRead.position;
      continue;
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.position;
    // A turn of the event loop between pages: a server running this inline keeps answering.
    const rest = pace === 1 ? 0 : ((performance.now() - pageStarted) * (1 - pace)) / pace;
    await new Promise<void>((resolve) => (rest >= 1 ? setTimeout(resolve, rest) : setImmediate(resolve)));
  }

  if (options.expect !== undefined && reachedAt === null) {
    problems.push({
      position: gapless ? lastPosition + 1 : lastPosition,
      kind: 'EXPECTED_HASH_NOT_REACHED',
      message:
        `the chain never reaches the expected hash ${options.expect}; ` +
        (problems.length > 0
          ? 'it departs from the record as sealed at the first problem above'
          : `the record ends at position ${lastPosition}: events after it were removed, or an event not yet covered by a seal was altered`),
    });
  }

  problems.sort((a, b) => a.position - b.position);
  return {
    ok: problems.length === 0,
    events: ordinal,
    headPosition: lastPosition,
    headHash: running.hash.toString('hex'),
    hashedThrough,
    form2From,
    sealsVerified,
    lastSeal,
    unsealed: window.length,
    expect: options.expect === undefined ? null : { hash: options.expect, reachedAtPosition: reachedAt },
    problems: problems.slice(0, options.maxProblems ?? 20),
    problemCount: problems.length,
  };
}

/**
 * One page of the log after `after`. A page that meets an event the store cannot read is read
 * again one event at a time up to it, so every event before it is still checked; the unreadable
 * one comes back as `unreadable` (the caller goes on after its position).
 */
async function readPage(store: EventStore, after: number): Promise<{ events: RecordedEvent[]; unreadable?: UnreadableEventError }> {
  try {
    return { events: await store.readAll({ after, maxCount: PAGE }) };
  } catch (error) {
    if (!isUnreadableEventError(error)) throw error;
  }
  const events: RecordedEvent[] = [];
  for (;;) {
    try {
      const [event] = await store.readAll({ after: events.at(-1)?.position ?? after, maxCount: 1 });
      if (event === undefined) return { events };
      events.push(event);
    } catch (error) {
      if (!isUnreadableEventError(error)) throw error;
      return { events, unreadable: error };
    }
  }
}
