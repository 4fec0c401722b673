/**
 * A structural diff of two network read models, by map and key: what replay prints when the
 * model rebuilt from the record is not the one that serves the figures. It walks the models'
 * own fields generically (maps, sets, arrays, rows, sorted times), so a field added to the model
 * later is compared without anyone remembering to list it here.
 */
import { NetworkReadModel } from './network.projection.js';

export interface ModelDifference {
  /** Where: `members/m-001.name`, `links/l-0001.contactTimes.values`, `position`. */
  key: string;
  /** The value in the live model, shortened; `(absent)` when only the other has the key. */
  live: string;
  scratch: string;
}

/** The per-contact fields a figures-only copy (copyForFigures) leaves out. */
const CONTACT_DETAIL_FIELDS = new Set(['contacts', 'contactsByParty']);
/** Fields that are not state: a string cache whose content depends on what a model happened to read. */
const NOT_STATE = new Set(['interned']);

export interface DiffOptions {
  /** Compare only what figures read (for a time-travel copy). */
  figuresOnly?: boolean;
  /** Stop after this many differences (default 1,000). */
  limit?: number;
}

export function diffNetworkModels(live: NetworkReadModel, scratch: NetworkReadModel, options: DiffOptions = {}): ModelDifference[] {
  const out: ModelDifference[] = [];
  const limit = options.limit ?? 1_000;
  const fields = [...new Set([...Object.keys(live), ...Object.keys(scratch)])].sort();
  for (const field of fields) {
    if ((options.figuresOnly && CONTACT_DETAIL_FIELDS.has(field)) || NOT_STATE.has(field)) continue;
    const [a, b] = [(live as unknown as Record<string, unknown>)[field], (scratch as unknown as Record<string, unknown>)[field]];
    if (typeof a === 'function' || typeof b === 'function') continue;
    diff(a, b, field === 'activeLinkKeys' ? 'activeLinks' : field, out, limit);
    if (out.length >= limit) break;
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
