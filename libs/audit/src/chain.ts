/**
 * The running hash over the log: what makes the record tamper-evident.
 *
 *   canonical_n = the RFC 8785 (JCS) JSON of the n-th event of the log in global order (keys sorted
 *                 by UTF-16 code units, numbers and strings as ECMAScript serialises them), as UTF-8,
 *                 of these fields, by the form in effect at n:
 *                   form 1: { data, id, metadata, revision, streamId, type }
 *                   form 2: { data, id, metadata, recordedAt, revision, streamId, type }
 *   hash_0      = 32 zero bytes
 *   hash_n      = SHA-256(hash_{n-1} || canonical_n)
 *
 * `n` is the event's ordinal in the log (1 for the first event). Every adapter here numbers
 * positions 1, 2, 3 … (the EventStoreDB one by ordinal in `$all`, not by commit position), so the
 * two are equal; the chain is defined on ordinals all the same, so that a store numbering its log
 * with gaps is checked alike. Position is left out of the canonical bytes: it is the store's
 * numbering, and order is covered anyway, since each hash folds in the one before it.
 *
 * Forms. Form 1 left recorded-at out as well, so shifting it passed verify although time travel
 * (`asOf`) answers by it (issue 15, finding 5). Form 2 adds it, as the string the store reports
 * (SQLite: the `recorded_at` cell as written; EventStoreDB: see esdb.ts). Which form an event is
 * hashed in is read from the log itself, never from configuration: a log starts in form 1, and a
 * seal whose data says `form: 2` switches every event AFTER it to form 2 (the seal itself is
 * hashed in the form before it, as every other event). Every seal written by this code says so,
 * so the next seal written on an older log switches it; nothing already hashed changes, so a hash
 * kept from before (a seal's, `verify`'s head hash) still verifies. The form never goes back:
 * verify reports a later seal without `form: 2` (verify.ts). Stripping the switch from the seal
 * changes that seal's own bytes, so the next seal's fingerprint of it, or a hash kept outside
 * from at or after it, no longer matches.
 *
 * A new log does not wait for its first seal: the write path stamps `chainForm: 2` in the
 * metadata of the first event it writes to an empty log, and a log whose FIRST event says so is
 * in form 2 from that event on (its own bytes included). Only the first event decides: a flag
 * further on means nothing. Stripping it changes the first event's bytes, so the first seal's
 * fingerprint of it (or a hash kept outside) no longer matches, as for the seal's switch.
 *
 * Nothing here stores a hash: the chain is recomputed from the ordered log by whoever needs it,
 * and only seals (events in the log themselves, see seal.ts) record it.
 */
import { createHash } from 'node:crypto';

/** The fields of a recorded event that the chain covers (recordedAt from form 2 on). */
export interface ChainedEvent {
  id: string;
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
}

export type ChainForm = 1 | 2;
/** The form this code's seals switch to. */
export const LATEST_FORM = 2 as const;

/** The seal stream and event type (seal.ts); here because a seal's data decides the form of what follows it. */
export const SEAL_STREAM = 'audit-seals';
export const SEAL_EVENT = 'LogSealed';
export const isSealEvent = (event: { streamId: string; type: string }): boolean => event.streamId === SEAL_STREAM && event.type === SEAL_EVENT;

/** Whether this event, the first of its log, puts the whole log in form 2 (the write path's stamp on a new log). */
export const startsForm2 = (event: { metadata: unknown }): boolean =>
  typeof event.metadata === 'object' && event.metadata !== null && (event.metadata as { chainForm?: unknown }).chainForm === LATEST_FORM;

/** The metadata the write path adds to the first event of an empty log. */
export const NEW_LOG_METADATA = { chainForm: 2 } as const;

/** Whether this event is a seal that declares form 2 for the events after it. */
export const declaresForm2 = (event: { streamId: string; type: string; data: unknown }): boolean =>
  isSealEvent(event) && typeof event.data === 'object' && event.data !== null && (event.data as { form?: unknown }).form === LATEST_FORM;

export const HASH_BYTES = 32;
export const GENESIS_HASH = '0'.repeat(HASH_BYTES * 2);
/** Hex digits of a running hash that a seal keeps per covered event (see SealData.fingerprints). */
export const FINGERPRINT_HEX = 8;

/** RFC 8785 canonical JSON of a value parsed from JSON (no undefined, functions or non-finite numbers). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + (value[i] === undefined ? 'null' : canonicalJson(value[i]));
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined || typeof v === 'function') continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(v);
    first = false;
  }
  return out + '}';
}

/** The canonical text of one event in a form; the chain hashes its UTF-8 bytes. */
export function canonicalEvent(event: ChainedEvent, form: ChainForm): string {
  const { data, id, metadata, revision, streamId, type } = event;
  return canonicalJson(form === 1 ? { data, id, metadata, revision, streamId, type } : { data, id, metadata, recordedAt: event.recordedAt, revision, streamId, type });
}

/** hash_n from hash_{n-1} (raw bytes) and the n-th event, in the form in effect at n. */
export function nextHash(previous: Buffer, event: ChainedEvent, form: ChainForm): Buffer {
  return createHash('sha256').update(previous).update(canonicalEvent(event, form), 'utf8').digest();
}

/**
 * The running hash and the form in effect, advanced one event at a time in log order: the one
 * place that applies the switch to form 2, for the sealer, verify and the log file alike.
 */
export class RunningHash {
  /** Whether no event has been folded in since the genesis hash: the next one is the log's first. */
  private atStart: boolean;

  constructor(
    public hash: Buffer = genesis(),
    /** The form the next event is hashed in. */
    public form: ChainForm = 1,
  ) {
    this.atStart = hash.equals(genesis());
  }

  /** Folds in the next event; returns the new running hash and the form the event was hashed in. */
  push(event: ChainedEvent): { hash: Buffer; form: ChainForm } {
    if (this.atStart) {
      this.atStart = false;
      if (startsForm2(event)) this.form = LATEST_FORM;
    }
    const form = this.form;
    this.hash = nextHash(this.hash, event, form);
    if (declaresForm2(event)) this.form = LATEST_FORM;
    return { hash: this.hash, form };
  }
}

export const genesis = (): Buffer => Buffer.alloc(HASH_BYTES);

export const isHash = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

/**
 * The running hashes (and store positions) of a stretch of consecutive ordinals, kept compactly:
 * 32 bytes of one growing buffer per event plus its position. Both the sealer and verify hold the
 * events since the last seal in one of these.
 */
export class ChainWindow {
  private hashes = Buffer.alloc(HASH_BYTES * 1024);
  private positions: number[] = [];

  /** `base` is the ordinal just before the first entry (the last seal's count, or 0). */
  constructor(public base = 0) {}

  get length(): number {
    return this.positions.length;
  }

  /** Ordinal of the last entry (`base` when empty). */
  get last(): number {
    return this.base + this.positions.length;
  }

  push(position: number, hash: Buffer): void {
    const at = this.positions.length * HASH_BYTES;
    if (at + HASH_BYTES > this.hashes.length) {
      const grown = Buffer.alloc(this.hashes.length * 2);
      this.hashes.copy(grown, 0, 0, at);
      this.hashes = grown;
    }
    hash.copy(this.hashes, at);
    this.positions.push(position);
  }

  has(ordinal: number): boolean {
    return ordinal > this.base && ordinal <= this.last;
  }

  hashAt(ordinal: number): Buffer {
    const at = (ordinal - this.base - 1) * HASH_BYTES;
    return this.hashes.subarray(at, at + HASH_BYTES);
  }

  positionAt(ordinal: number): number {
    return this.positions[ordinal - this.base - 1]!;
  }

  fingerprintAt(ordinal: number): string {
    return this.hashAt(ordinal).toString('hex', 0, FINGERPRINT_HEX / 2);
  }

  /** The fingerprints of ordinals base+1 … upTo, concatenated. */
  fingerprints(upTo: number): string {
    let out = '';
    for (let n = this.base + 1; n <= upTo; n++) out += this.fingerprintAt(n);
    return out;
  }

  /** Forgets ordinals up to and including `ordinal`, which becomes the new base. */
  dropThrough(ordinal: number): void {
    const keep = this.last - ordinal;
    const from = (this.positions.length - keep) * HASH_BYTES;
    const hashes = Buffer.alloc(Math.max(HASH_BYTES * 1024, keep * HASH_BYTES * 2));
    this.hashes.copy(hashes, 0, from, from + keep * HASH_BYTES);
    this.hashes = hashes;
    this.positions = this.positions.slice(this.positions.length - keep);
    this.base = ordinal;
  }
}
