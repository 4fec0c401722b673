/**
 * A sorted multiset of epoch-millisecond times with O(log n) range counts, kept as sorted runs
 * ("chunks") of at most 2 × CHUNK times, every time of a run at or before every time of the next.
 *
 * Contacts arrive mostly in time order, so an insert is usually an append to the last run; a
 * late-logged contact shifts the tail of one run only. A copy (`clone`) shares the runs with the
 * original, and whichever changes a shared run first copies that run alone (copy on write): time
 * travel keeps a copy of every index every few thousand events, and between two copies a link's
 * times change in their last run only, so the copies hold one run each of their own instead of a
 * whole copy of the index.
 */
const CHUNK = 256;

export class SortedTimes {
  private chunks: number[][] = [];
  private count = 0;
  /**
   * owned[i]: this object alone holds chunks[i] and may change it in place. With `starts`,
   * bookkeeping rather than content: neither is enumerable, so comparing two indexes (replay, a
   * test's toEqual) compares their times, and a saved state leaves them out (see ownership).
   */
  declare private owned: boolean[] | undefined;
  /** starts[i]: how many times come before chunks[i]; null when it must be worked out again. */
  declare private starts: number[] | null | undefined;

  constructor() {
    Object.defineProperty(this, 'owned', { value: [], writable: true, enumerable: false });
    Object.defineProperty(this, 'starts', { value: [], writable: true, enumerable: false });
  }

  get size(): number {
    return this.count;
  }

  /** An independent copy: the runs are shared until either side changes one. */
  clone(): SortedTimes {
    const copy = new SortedTimes();
    copy.chunks = this.chunks.slice();
    copy.owned = this.chunks.map(() => false);
    this.ownership();
    this.owned = this.chunks.map(() => false);
    copy.count = this.count;
    copy.starts = this.starts ? this.starts.slice() : null;
    return copy;
  }

  insert(t: number): void {
    const chunks = this.chunks;
    const n = chunks.length;
    const last = chunks[n - 1];
    this.count++;
    if (last === undefined || last[last.length - 1]! <= t) {
      if (last !== undefined && last.length < CHUNK) {
        this.own(n - 1).push(t);
        return;
      }
      // A new last run; the full one before it is trimmed to its length (push leaves spare room).
      const owned = this.ownership();
      if (last !== undefined && owned[n - 1]) chunks[n - 1] = last.slice();
      this.starts?.push(this.count - 1);
      chunks.push([t]);
      owned.push(true);
      return;
    }
    // The last run whose first time is at or before t (or the first run): t fits between its neighbours.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (chunks[mid]![0]! <= t) lo = mid;
      else hi = mid - 1;
    }
    const run = this.own(lo);
    run.splice(lowerBound(run, t + 1), 0, t);
    if (run.length > 2 * CHUNK) {
      chunks.splice(lo, 1, run.slice(0, CHUNK), run.slice(CHUNK));
      this.ownership().splice(lo, 1, true, true);
    }
    this.starts = null;
  }

  /** Removes one occurrence of `t`; returns false when there was none. */
  remove(t: number): boolean {
    const j = this.chunkAtOrAfter(t);
    if (j === this.chunks.length) return false;
    const i = lowerBound(this.chunks[j]!, t);
    if (this.chunks[j]![i] !== t) return false;
    const run = this.own(j);
    run.splice(i, 1);
    if (run.length === 0) {
      this.chunks.splice(j, 1);
      this.ownership().splice(j, 1);
    }
    this.count--;
    this.starts = null;
    return true;
  }

  /** Number of times in [from, to). */
  countBetween(from: number, to: number): number {
    if (to <= from) return 0;
    return this.lowerBound(to) - this.lowerBound(from);
  }

  /** The latest time strictly before `before`, or undefined. */
  lastBefore(before: number): number | undefined {
    const j = this.chunkAtOrAfter(before);
    if (j < this.chunks.length) {
      const i = lowerBound(this.chunks[j]!, before);
      if (i > 0) return this.chunks[j]![i - 1];
    }
    const previous = this.chunks[j - 1];
    return previous?.[previous.length - 1];
  }

  /** The earliest time at or after `from`, or undefined. */
  firstAtOrAfter(from: number): number | undefined {
    const j = this.chunkAtOrAfter(from);
    if (j === this.chunks.length) return undefined;
    return this.chunks[j]![lowerBound(this.chunks[j]!, from)];
  }

  /** The times in [from, to), sorted (a copy). */
  between(from: number, to: number): number[] {
    const out: number[] = [];
    if (to <= from) return out;
    for (let j = this.chunkAtOrAfter(from); j < this.chunks.length; j++) {
      const run = this.chunks[j]!;
      const start = lowerBound(run, from);
      const end = lowerBound(run, to);
      for (let i = start; i < end; i++) out.push(run[i]!);
      if (end < run.length) break;
    }
    return out;
  }

  /** Index of the first time >= t across the runs (the size when there is none). */
  private lowerBound(t: number): number {
    const j = this.chunkAtOrAfter(t);
    if (j === this.chunks.length) return this.count;
    return this.startsOf()[j]! + lowerBound(this.chunks[j]!, t);
  }

  /** The first run whose last time is >= t (the number of runs when there is none). */
  private chunkAtOrAfter(t: number): number {
    const chunks = this.chunks;
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const run = chunks[mid]!;
      if (run[run.length - 1]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private startsOf(): number[] {
    this.ownership();
    if (this.starts == null) {
      const starts: number[] = new Array(this.chunks.length);
      let before = 0;
      for (let j = 0; j < this.chunks.length; j++) {
        starts[j] = before;
        before += this.chunks[j]!.length;
      }
      this.starts = starts;
    }
    return this.starts;
  }

  /**
   * The ownership flags. An index read back from a saved state has neither bookkeeping field (it
   * was not constructed, and they are not enumerable): it holds its runs alone, and both are
   * defined here, before anything assigns them, so they stay out of comparisons and saved states.
   */
  private ownership(): boolean[] {
    if (this.owned === undefined) {
      Object.defineProperty(this, 'owned', { value: this.chunks.map(() => true), writable: true, enumerable: false });
      Object.defineProperty(this, 'starts', { value: null, writable: true, enumerable: false });
    }
    return this.owned!;
  }

  /** chunks[i], made this object's own first if it is shared with a copy. */
  private own(i: number): number[] {
    const owned = this.ownership();
    if (!owned[i]) {
      this.chunks[i] = this.chunks[i]!.slice();
      owned[i] = true;
    }
    return this.chunks[i]!;
  }
}

/** Index of the first element >= t. */
function lowerBound(v: number[], t: number): number {
  let lo = 0;
  let hi = v.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
