import { SortedTimes } from '../../liaison/network/sortedTimes.js';

/**
 * Sorted times as of an earlier point plus what changed since: a base that is never changed (the
 * times of a copy time travel keeps) with the times inserted and removed since kept beside it.
 * Every question SortedTimes answers is answered as SortedTimes would over base + inserted −
 * removed, without copying the base, so a model built for `asOf` costs the events folded onto
 * the copy, not the size of the copy (and leaves little garbage for a large heap to collect).
 *
 * Times are epoch milliseconds in whole numbers (`toMs`), so the next time after t is t + 1.
 */
export class OverlayTimes extends SortedTimes {
  private readonly added = new SortedTimes();
  /** Occurrences of base times removed since (a multiset, as the base is). */
  private readonly removed = new SortedTimes();

  constructor(private readonly base: SortedTimes) {
    super();
  }

  override get size(): number {
    return this.base.size + this.added.size - this.removed.size;
  }

  override clone(): SortedTimes {
    const copy = new SortedTimes();
    for (const t of this.between(-Infinity, Infinity)) copy.insert(t);
    return copy;
  }

  override insert(t: number): void {
    // Re-inserting a base time that was removed cancels the removal: the multiset is the same.
    if (!this.removed.remove(t)) this.added.insert(t);
  }

  override remove(t: number): boolean {
    if (this.added.remove(t)) return true;
    if (this.inBase(t) === 0) return false;
    this.removed.insert(t);
    return true;
  }

  override countBetween(from: number, to: number): number {
    return this.base.countBetween(from, to) + this.added.countBetween(from, to) - this.removed.countBetween(from, to);
  }

  override lastBefore(before: number): number | undefined {
    let b = this.base.lastBefore(before);
    while (b !== undefined && this.inBase(b) === 0) b = this.base.lastBefore(b);
    const a = this.added.lastBefore(before);
    return a === undefined ? b : b === undefined ? a : Math.max(a, b);
  }

  override firstAtOrAfter(from: number): number | undefined {
    let b = this.base.firstAtOrAfter(from);
    while (b !== undefined && this.inBase(b) === 0) b = this.base.firstAtOrAfter(b + 1);
    const a = this.added.firstAtOrAfter(from);
    return a === undefined ? b : b === undefined ? a : Math.min(a, b);
  }

  override between(from: number, to: number): number[] {
    const base = this.base.between(from, to);
    const removed = this.removed.between(from, to);
    const kept: number[] = [];
    for (let i = 0, r = 0; i < base.length; i++) {
      if (r < removed.length && removed[r] === base[i]) r++;
      else kept.push(base[i]!);
    }
    const added = this.added.between(from, to);
    const out: number[] = [];
    for (let i = 0, j = 0; i < kept.length || j < added.length; ) out.push(j >= added.length || (i < kept.length && kept[i]! <= added[j]!) ? kept[i++]! : added[j++]!);
    return out;
  }

  /** Occurrences of `t` still in the base (base count less removals). */
  private inBase(t: number): number {
    return this.base.countBetween(t, t + 1) - this.removed.countBetween(t, t + 1);
  }
}
