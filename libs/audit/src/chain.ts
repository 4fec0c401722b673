/**
 * The running hash over the log: what makes the record tamper-evident.
 *
 *   canonical_n = the RFC 8785 (JCS) JSON of { data, id, metadata, revision, streamId, type } of
 *                 the n-th event of the log in global order (keys sorted by UTF-16 code units,
 *                 numbers and strings as ECMAScript serialises them), as UTF-8
 *   hash_0      = 32 zero bytes
 *   hash_n      = SHA-256(hash_{n-1} || canonical_n)
 *
 * `n` is the event's ordinal in the log (1 for the first event). Every adapter here numbers
 * positions 1, 2, 3 … (the EventStoreDB one by ordinal in `$all`, not by commit position), so the
 * two are equal; the chain is defined on ordinals all the same, so that a store numbering its log
 * with gaps is checked alike. Position and recorded-at are left out of the canonical bytes: they
 * are the store's numbering and clock, not what was recorded, and order is covered anyway, since
 * each hash folds in the one before it.
 *
 * Nothing here stores a hash: the chain is recomputed from the ordered log by whoever needs it,
 * and only seals (events in the log themselves, see seal.ts) record it.
 */
import { createHash } from 'node:crypto';

/** The fields of a recorded event that the chain covers. */
export interface ChainedEvent {
  id: string;
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: unknown;
}

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

/** The canonical text of one event; the chain hashes its UTF-8 bytes. */
export function canonicalEvent(event: ChainedEvent): string {
  return canonicalJson({ data: event.data, id: event.id, metadata: event.metadata, revision: event.revision, streamId: event.streamId, type: event.type });
}

/** hash_n from hash_{n-1} (raw bytes) and the n-th event. */
export function nextHash(previous: Buffer, event: ChainedEvent): Buffer {
  return createHash('sha256').update(previous).update(canonicalEvent(event), 'utf8').digest();
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
