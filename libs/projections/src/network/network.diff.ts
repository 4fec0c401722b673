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

function diff(a: unknown, b: unknown, path: string, out: ModelDifference[], limit: number): void {
  if (out.length >= limit || Object.is(a, b)) return;
  const note = (): void => {
    out.push({ key: path, live: show(a), scratch: show(b) });
  };
  if (a instanceof Map && b instanceof Map) {
    for (const key of [...new Set([...a.keys(), ...b.keys()])].sort(compareKeys)) {
      diff(a.has(key) ? a.get(key) : ABSENT, b.has(key) ? b.get(key) : ABSENT, `${path}/${String(key).replace(/\u0000/g, '|')}`, out, limit);
    }
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
      // Arrays of plain values (contact times, ids) are reported whole: one index alone says little.
      if (!isObject(a[i]) && !Object.is(a[i], b[i])) return note();
      diff(a[i], b[i], `${path}[${i}]`, out, limit);
    }
    return;
  }
  if (isObject(a) && isObject(b) && !(a instanceof Map) && !(b instanceof Map) && !(a instanceof Set) && !(b instanceof Set)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const av = key in a ? (a as Record<string, unknown>)[key] : ABSENT;
      const bv = key in b ? (b as Record<string, unknown>)[key] : ABSENT;
      diff(av, bv, `${path}.${key}`, out, limit);
    }
    return;
  }
  note();
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;
const compareKeys = (x: unknown, y: unknown) => (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0);

function show(value: unknown): string {
  if (value === ABSENT) return '(absent)';
  if (value instanceof Map) return `Map(${value.size})`;
  if (value instanceof Set) return show([...value]);
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
