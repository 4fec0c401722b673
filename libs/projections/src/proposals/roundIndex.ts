/**
 * Every handling round of every assignment, column by column: what the figures scan. The rows
 * (proposals.projection.ts) hold the same facts as objects for the pages; the figures read these
 * typed arrays instead, because a board or a unit's record scans every round of the year (300,000
 * at the bench's size) on every call, and a column of numbers is read an order of magnitude
 * faster than a tree of small objects. The projection writes both, in the same `apply`.
 *
 * Codes: results 0 none, 1 A, 2 B, 3 C; satisfaction 0 none, 1 SATISFIED, 2 BASICALLY_SATISFIED,
 * 3 UNSATISFIED. Instants are epoch ms; NaN for none.
 */
import type { ReplyResult, Satisfaction } from '#domain';

export const RESULT_CODES: Readonly<Record<ReplyResult, number>> = { A: 1, B: 2, C: 3 };
export const SATISFACTION_CODES: Readonly<Record<Satisfaction, number>> = { SATISFIED: 1, BASICALLY_SATISFIED: 2, UNSATISFIED: 3 };
export const UNSATISFIED = 3;

const INITIAL = 1024;

export class RoundIndex {
  size = 0;
  /** Interned handling units and terms: a round names them by ordinal. */
  readonly unitIds: string[] = [];
  readonly termIds: string[] = [];
  private readonly unitOrdinals = new Map<string, number>();
  private readonly termOrdinals = new Map<string, number>();

  unit = new Int32Array(INITIAL);
  term = new Int32Array(INITIAL);
  /** The proposal's ordinal (its place in the projection's order of submission). */
  proposal = new Int32Array(INITIAL);
  lead = new Uint8Array(INITIAL);
  /** 1 for an assignment's first round: counting these counts assignments. */
  first = new Uint8Array(INITIAL);
  /** 1 for an assignment's latest round: the one the deadline board shows. */
  current = new Uint8Array(INITIAL);
  /** 0 once the assignment was returned (退回): its rounds count only as a return. */
  held = new Uint8Array(INITIAL);
  started = new Float64Array(INITIAL);
  dueEnd = new Float64Array(INITIAL);
  /** When the released reply was submitted; NaN until the office releases one. */
  replied = new Float64Array(INITIAL);
  releasedAt = new Float64Array(INITIAL);
  released = new Uint8Array(INITIAL);
  /** The end of a released B reply's planned date. */
  plannedEnd = new Float64Array(INITIAL);
  /** The start of the day the office reported a B promise delivered. */
  officeDelivered = new Float64Array(INITIAL);
  attitude = new Uint8Array(INITIAL);
  result = new Uint8Array(INITIAL);
  ratedAt = new Float64Array(INITIAL);
  /** By proposal ordinal: 1 while the proposal is closed (its unreplied rounds wait for nothing). */
  closed = new Uint8Array(INITIAL);

  unitOrdinal(unitId: string): number {
    let n = this.unitOrdinals.get(unitId);
    if (n === undefined) this.unitOrdinals.set(unitId, (n = this.unitIds.push(unitId) - 1));
    return n;
  }
  /** The ordinal of a unit already interned, or -1. */
  knownUnit(unitId: string): number {
    return this.unitOrdinals.get(unitId) ?? -1;
  }
  termOrdinal(termId: string): number {
    let n = this.termOrdinals.get(termId);
    if (n === undefined) this.termOrdinals.set(termId, (n = this.termIds.push(termId) - 1));
    return n;
  }
  knownTerm(termId: string): number {
    return this.termOrdinals.get(termId) ?? -1;
  }

  /** A new round; returns its index. */
  add(round: { unitId: string; termId: string; proposal: number; lead: boolean; first: boolean; startedMs: number; dueEndMs: number }): number {
    if (this.size === this.unit.length) this.grow(this.size * 2);
    const i = this.size++;
    this.unit[i] = this.unitOrdinal(round.unitId);
    this.term[i] = this.termOrdinal(round.termId);
    this.proposal[i] = round.proposal;
    this.lead[i] = round.lead ? 1 : 0;
    this.first[i] = round.first ? 1 : 0;
    this.current[i] = 1;
    this.held[i] = 1;
    this.started[i] = round.startedMs;
    this.dueEnd[i] = round.dueEndMs;
    this.replied[i] = NaN;
    this.releasedAt[i] = NaN;
    this.released[i] = 0;
    this.plannedEnd[i] = NaN;
    this.officeDelivered[i] = NaN;
    this.attitude[i] = 0;
    this.result[i] = 0;
    this.ratedAt[i] = NaN;
    return i;
  }

  setClosed(proposal: number, closed: boolean): void {
    if (proposal >= this.closed.length) this.closed = grown(this.closed, Math.max(proposal + 1, this.closed.length * 2));
    this.closed[proposal] = closed ? 1 : 0;
  }

  /** A copy that answers as this one does now and changes apart from it (time travel). */
  copy(): RoundIndex {
    const copy = new RoundIndex();
    copy.size = this.size;
    for (const id of this.unitIds) copy.unitOrdinal(id);
    for (const id of this.termIds) copy.termOrdinal(id);
    for (const key of COLUMNS) (copy as unknown as Record<string, Column>)[key] = (this as unknown as Record<string, Column>)[key]!.slice();
    copy.closed = this.closed.slice();
    return copy;
  }

  private grow(capacity: number): void {
    for (const key of COLUMNS) (this as unknown as Record<string, Column>)[key] = grown((this as unknown as Record<string, Column>)[key]!, capacity);
  }
}

type Column = Int32Array | Uint8Array | Float64Array;
const COLUMNS = ['unit', 'term', 'proposal', 'lead', 'first', 'current', 'held', 'started', 'dueEnd', 'replied', 'releasedAt', 'released', 'plannedEnd', 'officeDelivered', 'attitude', 'result', 'ratedAt'] as const;

function grown<T extends Column>(column: T, capacity: number): T {
  const next = new (column.constructor as new (n: number) => T)(capacity);
  next.set(column);
  return next;
}

/** The k-th smallest (0-based) of values[from, to), rearranging that range (quickselect). */
export function kthSmallest(values: Float64Array, from: number, to: number, k: number): number {
  let lo = from;
  let hi = to - 1;
  const target = from + k;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target]!;
  }
  return values[target]!;
}

/** The median of values[from, to), or null for none. */
export function medianOf(values: Float64Array, from: number, to: number): number | null {
  const n = to - from;
  if (n === 0) return null;
  const upper = kthSmallest(values, from, to, n >> 1);
  if (n % 2) return upper;
  // The lower middle is the largest of the values quickselect left below the upper one.
  let lower = -Infinity;
  for (let i = from; i < from + (n >> 1); i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}
