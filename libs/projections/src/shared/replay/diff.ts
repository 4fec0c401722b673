/**
 * A structural diff of two projection sets, projection by projection, by map and key: what replay
 * prints when the projections rebuilt from the record are not the ones that serve the figures. It
 * walks each projection's own fields generically (maps, sets, arrays, rows, sorted times), so a
 * field added later is compared without anyone remembering to list it here. Fields that hold
 * another projection (a reference to what it reads) and constants are not state and are skipped.
 */
import type { Projection, ProjectionSet } from '../projection.js';
import { SortedTimes } from '../../liaison/network/sortedTimes.js';

export interface ModelDifference {
  /** Where: `members/m-001.name`, `links/l-0001.contactTimes`, `position`, `roster.skipped`. */
  key: string;
  /** The value in the live model, shortened; `(absent)` when only the other has the key. */
  live: string;
  scratch: string;
}

/** Fields that are not state: its name, its event types, and a string cache whose content depends on what it happened to read. */
const NOT_STATE = new Set(['name', 'handles', 'interned', 'omittedFromCopies']);

export interface DiffOptions {
  /** `live` is a time-travel copy: compare only the projections it holds, without the fields copies omit. */
  figuresOnly?: boolean;
  /** Stop after this many differences (default 1,000). */
  limit?: number;
}

const isProjection = (value: unknown): value is Projection =>
  typeof value === 'object' && value !== null && typeof (value as Projection).apply === 'function' && (value as Projection).handles instanceof Set;

export function diffProjections(live: ProjectionSet, scratch: ProjectionSet, options: DiffOptions = {}): ModelDifference[] {
  const out: ModelDifference[] = [];
  const limit = options.limit ?? 1_000;
  diff(live.position, scratch.position, 'position', out, limit);
  const names = options.figuresOnly ? live.projections.map((p) => p.name) : [...new Set([...live.projections, ...scratch.projections].map((p) => p.name))];
  for (const name of names) {
    if (!live.has(name) || !scratch.has(name)) {
      out.push({ key: name, live: live.has(name) ? 'a projection' : show(ABSENT), scratch: scratch.has(name) ? 'a projection' : show(ABSENT) });
      continue;
    }
    const [a, b] = [live.get(name), scratch.get(name)];
    const omitted = options.figuresOnly ? (a.omittedFromCopies ?? new Set<string>()) : new Set<string>();
    const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const field of fields) {
      if (NOT_STATE.has(field) || omitted.has(field)) continue;
      const [x, y] = [(a as unknown as Record<string, unknown>)[field], (b as unknown as Record<string, unknown>)[field]];
      if (typeof x === 'function' || typeof y === 'function' || isProjection(x) || isProjection(y)) continue;
      diff(x, y, field === 'skipped' ? `${name}.skipped` : field === 'activeLinkKeys' ? 'activeLinks' : field, out, limit);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

const ABSENT = Symbol('absent');

/**
 * Walks both values in the live one's order (maps and rows keep insertion order, which the log
 * fixes), then whatever only the scratch one has. It runs over every contact of a large model, so
 * it compares plain values inline and builds a key's path only on the way into an object.
 */
function diff(a: unknown, b: unknown, path: string, out: ModelDifference[], limit: number): void {
  if (out.length >= limit || Object.is(a, b)) return;
  const note = (): void => {
    out.push({ key: path, live: show(a), scratch: show(b) });
  };
  if (a instanceof SortedTimes && b instanceof SortedTimes) {
    // By the times they hold: how they are laid out in runs depends on how they were built.
    const [x, y] = [a.between(-Infinity, Infinity), b.between(-Infinity, Infinity)];
    if (x.length !== y.length || x.some((t, i) => t !== y[i])) out.push({ key: path, live: show(x), scratch: show(y) });
    return;
  }
  if (a instanceof Map && b instanceof Map) {
    const at = (key: unknown) => `${path}/${String(key).replace(/\u0000/g, '|')}`;
    for (const [key, value] of a) {
      if (out.length >= limit) return;
      if (!b.has(key)) out.push({ key: at(key), live: show(value), scratch: show(ABSENT) });
      else {
        const other = b.get(key);
        if (!Object.is(value, other)) diff(value, other, at(key), out, limit);
      }
    }
    for (const [key, value] of b) if (!a.has(key) && out.length < limit) out.push({ key: at(key), live: show(ABSENT), scratch: show(value) });
    return;
  }
  if (a instanceof Set && b instanceof Set) {
    const onlyLive = [...a].filter((x) => !b.has(x));
    const onlyScratch = [...b].filter((x) => !a.has(x));
    if (onlyLive.length || onlyScratch.length) out.push({ key: path, live: `also ${show(onlyLive)}`, scratch: `also ${show(onlyScratch)}` });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return note();
    for (let i = 0; i < a.length && out.length < limit; i++) {
      const [x, y] = [a[i], b[i]];
      if (Object.is(x, y)) continue;
      // Arrays of plain values (contact times, ids) are reported whole: one index alone says little.
      if (!isObject(x) || !isObject(y)) return note();
      diff(x, y, `${path}[${i}]`, out, limit);
    }
    return;
  }
  if (isObject(a) && isObject(b) && !(a instanceof Map) && !(b instanceof Map) && !(a instanceof Set) && !(b instanceof Set)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const key of Object.keys(ra)) {
      if (out.length >= limit) return;
      const [x, y] = [ra[key], key in rb ? rb[key] : ABSENT];
      if (Object.is(x, y)) continue;
      if (!isObject(x) || !isObject(y)) out.push({ key: `${path}.${key}`, live: show(x), scratch: show(y) });
      else diff(x, y, `${path}.${key}`, out, limit);
    }
    for (const key of Object.keys(rb)) if (!(key in ra) && out.length < limit) out.push({ key: `${path}.${key}`, live: show(ABSENT), scratch: show(rb[key]) });
    return;
  }
  note();
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

function show(value: unknown): string {
  if (value === ABSENT) return '(absent)';
  if (value instanceof Map) return `Map(${value.size})`;
  if (value instanceof Set) return show([...value]);
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
