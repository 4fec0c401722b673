/**
 * A sorted multiset of epoch-millisecond times with O(log n) range counts. Contacts arrive
 * mostly in time order, so an insert is usually an append; a late-logged contact costs one
 * shift of the tail.
 */
export class SortedTimes {
  private values: number[] = [];

  get size(): number {
    return this.values.length;
  }

  /** An independent copy (one array copy: cheap even for a long-used link). */
  clone(): SortedTimes {
    const copy = new SortedTimes();
    copy.values = this.values.slice();
    return copy;
  }

  insert(t: number): void {
    const v = this.values;
    if (v.length === 0 || v[v.length - 1] <= t) v.push(t);
    else v.splice(lowerBound(v, t + 1), 0, t);
  }

  /** Removes one occurrence of `t`; returns false when there was none. */
  remove(t: number): boolean {
    const i = lowerBound(this.values, t);
    if (this.values[i] !== t) return false;
    this.values.splice(i, 1);
    return true;
  }

  /** Number of times in [from, to). */
  countBetween(from: number, to: number): number {
    if (to <= from) return 0;
    return lowerBound(this.values, to) - lowerBound(this.values, from);
  }

  /** The latest time strictly before `before`, or undefined. */
  lastBefore(before: number): number | undefined {
    const i = lowerBound(this.values, before);
    return i > 0 ? this.values[i - 1] : undefined;
  }

  /** The earliest time at or after `from`, or undefined. */
  firstAtOrAfter(from: number): number | undefined {
    const i = lowerBound(this.values, from);
    return i < this.values.length ? this.values[i] : undefined;
  }

  /** The times in [from, to), sorted (a copy). */
  between(from: number, to: number): number[] {
    return this.values.slice(lowerBound(this.values, from), lowerBound(this.values, to));
  }
}

/** Index of the first element >= t. */
function lowerBound(v: number[], t: number): number {
  let lo = 0;
  let hi = v.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
