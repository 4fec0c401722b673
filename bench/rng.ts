/**
 * A small seeded PRNG, so that the generator produces the same events (ids included) every time
 * it runs with the same seed: the store and the raw baseline then write identical rows without
 * either keeping a million events in memory.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 to spread the seed over the state of sfc32.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** sfc32: a uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
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
    return (
      HEX8(w0) +
      '-' +
      HEX8(w1).slice(0, 4) +
      '-4' +
      HEX8(w1).slice(5, 8) +
      variantAndNode(w2, w3)
    );
  }

  /** A time-ordered (version 7) UUID for the instant `ms`, its random bits drawn from this generator. */
  uuid7(ms: number): string {
    const t = Math.floor(ms).toString(16).padStart(12, '0');
    const w1 = this.u32();
    const w2 = this.u32();
    const w3 = this.u32();
    return (
      t.slice(0, 8) +
      '-' +
      t.slice(8, 12) +
      '-7' +
      HEX8(w1).slice(0, 3) +
      variantAndNode(w2, w3)
    );
  }
}

const HEX8 = (n: number): string => n.toString(16).padStart(8, '0');

/** Groups 4 and 5 of a UUID, shared by v4 and v7: the RFC 4122 variant bits, then 62 random bits. */
const variantAndNode = (w2: number, w3: number): string =>
  '-' + (8 | ((w2 >>> 28) & 3)).toString(16) + HEX8(w2).slice(1, 4) + '-' + HEX8(w2).slice(4, 8) + HEX8(w3);



/** Index into `cumulative` (a running sum of weights) for a uniform draw in [0, total). */
export function pickWeighted(cumulative: Float64Array, rng: Rng): number {
  const total = cumulative[cumulative.length - 1]!;
  const x = rng.next() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
