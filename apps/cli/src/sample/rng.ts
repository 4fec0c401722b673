/**
 * The one seeded generator behind both the committed sample (`generate-sample`) and the benchmark's
 * network (bench/network.ts). Never Math.random: the same seed must give the same draws, so the
 * sample can be regenerated and diffed and two bench runs write identical rows.
 *
 * The core is mulberry32 because the committed sample/golmud files were drawn from it; changing
 * the core or the arithmetic of any draw below changes every file. Its 2^32 period is ample for
 * the bench too (a million contacts take some tens of millions of draws).
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: a uniform 32-bit unsigned integer. */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  /** Fisher–Yates over a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** Knuth's method; fine for the small means used here. */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = this.next(); p > limit; p *= this.next()) k++;
    return k;
  }

  /** One value of a short [value, weight] list (a linear scan; see `weightedIndex` for long tables). */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    let r = this.next() * entries.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of entries) if ((r -= w) < 0) return value;
    return entries[entries.length - 1]![0];
  }

  /**
   * Index into `cumulative` (a running sum of weights) for a uniform draw in [0, total): a binary
   * search, for the bench's hot path, which draws among hundreds of links a million times.
   */
  weightedIndex(cumulative: Float64Array): number {
    const total = cumulative[cumulative.length - 1]!;
    const x = this.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A random (version 4) UUID drawn from this generator. */
  uuid(): string {
    const w0 = this.u32();
    const w1 = this.u32();
    const w2 = this.u32();
    const w3 = this.u32();
    return HEX8(w0) + '-' + HEX8(w1).slice(0, 4) + '-4' + HEX8(w1).slice(5, 8) + variantAndNode(w2, w3);
  }

  /** A time-ordered (version 7) UUID for the instant `ms`, its random bits drawn from this generator. */
  uuid7(ms: number): string {
    const t = Math.floor(ms).toString(16).padStart(12, '0');
    const w1 = this.u32();
    const w2 = this.u32();
    const w3 = this.u32();
    return t.slice(0, 8) + '-' + t.slice(8, 12) + '-7' + HEX8(w1).slice(0, 3) + variantAndNode(w2, w3);
  }
}

const HEX8 = (n: number): string => n.toString(16).padStart(8, '0');

/** Groups 4 and 5 of a UUID, shared by v4 and v7: the RFC 4122 variant bits, then 62 random bits. */
const variantAndNode = (w2: number, w3: number): string =>
  '-' + (8 | ((w2 >>> 28) & 3)).toString(16) + HEX8(w2).slice(1, 4) + '-' + HEX8(w2).slice(4, 8) + HEX8(w3);
