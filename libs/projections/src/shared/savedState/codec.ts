/**
 * Saved state (issue 14, item 4): the state of a whole projection set as bytes, and back, so a
 * restart reads only the tail of the log. ("Snapshot" already names time travel's copies.)
 *
 * What is saved is every projection's own fields, generically, as replay's diff walks them
 * (diff.ts): not its name, its event types or `omittedFromCopies` (constants), not a field that
 * holds another projection of the set or a function (the wiring, which a fresh set built by
 * `createProjections` has already), and nothing else is left out. All projections go into ONE
 * `v8.serialize` call, so an object two projections share (the trail's lists of the contacts'
 * rows, the opinions' report rows held by their index) is one object again after the restore.
 *
 * v8.serialize keeps Maps, Sets, arrays, typed arrays and plain objects, but not prototypes: an
 * instance of a class comes back as a plain object. So the walk before serializing lists every
 * object whose prototype is not a built-in one, and each must be of a class in SAVED_CLASSES (by
 * an explicit name); the restore gives each its prototype back. An object of any other class, a
 * function, a symbol or a projection found inside the state makes the set unsavable: `capture`
 * throws `UnsavableStateError` and nothing is written (the start then folds the whole log, as
 * before). Nothing is ever restored half: `restoreInto` decodes and checks everything before it
 * touches the live set, and the set is either wholly restored at the saved position or untouched.
 *
 * Which code a saved state is valid for: `codeVersion` is a SHA-256 over the sources the
 * projections' state follows from (the files of libs/projections, libs/domain — the deciders'
 * evolve functions and the upcasters — and libs/event-store, which parses what is read), as the
 * running process has them (.ts under jest, the compiled .js in dist), plus every projection's
 * name and `stateVersion` (Projection.stateVersion, 1 when absent). Any change to those files
 * forces a rebuild; bumping a projection's `stateVersion` does so explicitly.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { types } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { SortedTimes } from '../../liaison/network/sortedTimes.js';
import { RoundIndex } from '../../proposals/roundIndex.js';
import { ReportIndex } from '../../opinions/opinions.projection.js';
import { TrailLog } from '../../trail/trail.projection.js';
import type { Projection, ProjectionSet } from '../projection.js';

/** Classes whose instances may appear in a projection's state, by a name that never changes with a rename. */
export const SAVED_CLASSES: ReadonlyMap<string, abstract new (...args: never[]) => unknown> = new Map<string, abstract new (...args: never[]) => unknown>([
  ['SortedTimes', SortedTimes],
  ['RoundIndex', RoundIndex],
  ['ReportIndex', ReportIndex],
  ['TrailLog', TrailLog],
]);

/** The set holds state this codec cannot save faithfully; the message says where. */
export class UnsavableStateError extends Error {}

/** A saved state that cannot be restored into this set; the message says why. */
export class UnrestorableStateError extends Error {}

const NOT_STATE = new Set(['name', 'handles', 'omittedFromCopies']);

const BUILT_IN = new Set<object | null>([
  null,
  Object.prototype,
  Array.prototype,
  Map.prototype,
  Set.prototype,
  Date.prototype,
  ArrayBuffer.prototype,
  ...[Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array].map((t) => t.prototype),
]);

const TYPED = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array].map((t) => t.name);

/**
 * A built-in container (not a subclass), of this realm or another: v8.deserialize makes its
 * objects in Node's main realm, which under jest is not the test's, so a prototype is told by
 * the value's brand and its constructor's name rather than by identity alone.
 */
function isBuiltIn(value: object, proto: object | null): boolean {
  if (BUILT_IN.has(proto)) return true;
  const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  const base = Object.getPrototypeOf(proto) as object | null;
  switch (name) {
    case 'Object':
      return base === null;
    case 'Array':
      return Array.isArray(value);
    case 'Map':
      return types.isMap(value);
    case 'Set':
      return types.isSet(value);
    case 'Date':
      return types.isDate(value);
    case 'ArrayBuffer':
      return types.isArrayBuffer(value);
    default:
      return typeof name === 'string' && TYPED.includes(name) && types.isTypedArray(value) && (value as { constructor: { name: string } }).constructor.name === name;
  }
}

const isProjection = (value: unknown): value is Projection =>
  typeof value === 'object' && value !== null && typeof (value as Projection).apply === 'function' && (value as Projection).handles instanceof Set;

/** A plain object whose every value is a projection (a constructor's `sources`): wiring, not state. */
const isWiring = (value: unknown): boolean =>
  isProjection(value) ||
  (typeof value === 'object' && value !== null && !Array.isArray(value) && !types.isMap(value) && !types.isSet(value) && Object.values(value).length > 0 && Object.values(value).every(isProjection));

interface Payload {
  names: string[];
  position: number;
  unhandled: number;
  fields: Array<Record<string, unknown>>;
  /** Objects whose prototype the restore gives back, and the SAVED_CLASSES name of each. */
  tagged: object[];
  tags: string[];
}

/** The state of every projection of `set` as bytes (v8 serialization). Throws UnsavableStateError. */
export function captureState(set: ProjectionSet): Buffer {
  const classNames = new Map<unknown, string>([...SAVED_CLASSES].map(([name, type]) => [type.prototype, name]));
  const projections = new Set<unknown>(set.projections);
  const seen = new Set<object>();
  const tagged: object[] = [];
  const tags: string[] = [];
  const fields: Array<Record<string, unknown>> = [];
  // Iterative, so a deep structure cannot overflow the stack; the path is built only for an error.
  const walk = (root: unknown, rootPath: string) => {
    const stack: Array<[unknown, string]> = [[root, rootPath]];
    while (stack.length > 0) {
      const [value, path] = stack.pop()!;
      if (typeof value === 'function') throw new UnsavableStateError(`${path} is a function`);
      if (typeof value === 'symbol') throw new UnsavableStateError(`${path} is a symbol`);
      if (typeof value !== 'object' || value === null || seen.has(value)) continue;
      seen.add(value);
      if (projections.has(value)) throw new UnsavableStateError(`${path} holds a projection of the set`);
      const proto = Object.getPrototypeOf(value) as object | null;
      if (!isBuiltIn(value, proto)) {
        const name = classNames.get(proto);
        if (name === undefined) throw new UnsavableStateError(`${path} is an instance of ${(proto as { constructor?: { name?: string } }).constructor?.name ?? 'an unknown class'}, which is not in SAVED_CLASSES`);
        tagged.push(value);
        tags.push(name);
      }
      if (ArrayBuffer.isView(value) || types.isDate(value) || types.isArrayBuffer(value)) continue;
      if (types.isMap(value)) {
        for (const [k, v] of value as Map<unknown, unknown>) {
          stack.push([k, `${path}<key>`]);
          stack.push([v, `${path}/${String(k)}`]);
        }
        continue;
      }
      if (types.isSet(value)) {
        for (const v of value as Set<unknown>) stack.push([v, `${path}{}`]);
        continue;
      }
      if (Object.getOwnPropertySymbols(value).length > 0) throw new UnsavableStateError(`${path} has symbol keys`);
      for (const key of Object.keys(value)) stack.push([(value as Record<string, unknown>)[key], `${path}.${key}`]);
    }
  };
  for (const projection of set.projections) {
    const state: Record<string, unknown> = {};
    for (const key of Object.keys(projection)) {
      const value = (projection as unknown as Record<string, unknown>)[key];
      if (NOT_STATE.has(key) || typeof value === 'function' || isWiring(value)) continue;
      walk(value, `${projection.name}.${key}`);
      state[key] = value;
    }
    fields.push(state);
  }
  const payload: Payload = { names: set.projections.map((p) => p.name), position: set.position, unhandled: set.unhandled, fields, tagged, tags };
  try {
    return serialize(payload);
  } catch (error) {
    throw new UnsavableStateError(`v8.serialize refused the state: ${(error as Error).message}`);
  }
}

/**
 * Puts a saved state into `set`, which must be fresh (position 0) and of the same projections.
 * Decodes and checks everything first; throws UnrestorableStateError without touching `set`.
 * Returns the position restored.
 */
export function restoreInto(set: ProjectionSet, bytes: Buffer): number {
  if (set.position !== 0) throw new UnrestorableStateError(`the set has already folded events (position ${set.position})`);
  let payload: Payload;
  try {
    payload = deserialize(bytes) as Payload;
  } catch (error) {
    throw new UnrestorableStateError(`the bytes do not decode: ${(error as Error).message}`);
  }
  const names = set.projections.map((p) => p.name);
  if (typeof payload !== 'object' || payload === null || !Array.isArray(payload.names) || !Array.isArray(payload.fields) || !Array.isArray(payload.tagged) || !Array.isArray(payload.tags)) {
    throw new UnrestorableStateError('the decoded state is not a saved projection set');
  }
  if (payload.names.join('\n') !== names.join('\n')) throw new UnrestorableStateError(`it holds projections ${payload.names.join(', ')}, not ${names.join(', ')}`);
  if (payload.fields.length !== names.length || payload.tagged.length !== payload.tags.length) throw new UnrestorableStateError('the decoded state is incomplete');
  if (!Number.isSafeInteger(payload.position) || payload.position < 0 || !Number.isSafeInteger(payload.unhandled)) throw new UnrestorableStateError('its position is not a whole number');
  const types = payload.tags.map((tag) => {
    const type = SAVED_CLASSES.get(tag);
    if (!type) throw new UnrestorableStateError(`it holds an instance of ${tag}, which this code does not know`);
    return type;
  });
  for (let i = 0; i < names.length; i++) {
    const projection = set.projections[i] as unknown as Record<string, unknown>;
    const state = payload.fields[i]!;
    for (const key of Object.keys(state)) {
      const current = projection[key];
      if (!(key in projection) || typeof current === 'function' || NOT_STATE.has(key) || isWiring(current)) throw new UnrestorableStateError(`${names[i]}.${key} is not a field of state in this code`);
    }
    for (const key of Object.keys(projection)) {
      const current = projection[key];
      if (!NOT_STATE.has(key) && typeof current !== 'function' && !isWiring(current) && !(key in state)) throw new UnrestorableStateError(`${names[i]}.${key} is missing from the saved state`);
    }
  }
  // Checked: from here on nothing throws.
  for (let i = 0; i < payload.tagged.length; i++) Object.setPrototypeOf(payload.tagged[i]!, types[i]!.prototype);
  for (let i = 0; i < names.length; i++) Object.assign(set.projections[i]!, payload.fields[i]);
  set.position = payload.position;
  set.unhandled = payload.unhandled;
  return payload.position;
}

let sourcesDigest: string | undefined;

/**
 * The version of the code a saved state is valid for (see the top of this file): the sources of
 * libs/projections, libs/domain and libs/event-store as this process runs them, and each
 * projection's declared `stateVersion`.
 */
export function codeVersion(set: ProjectionSet): string {
  sourcesDigest ??= digestSources();
  const hash = createHash('sha256').update(sourcesDigest);
  for (const p of set.projections) hash.update(`\n${p.name}@${p.stateVersion ?? 1}`);
  return hash.digest('hex');
}

function digestSources(): string {
  // This file is libs/projections/src/shared/savedState/codec.{ts,js}; libs/ is five levels up (also under dist/).
  const libs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
  const hash = createHash('sha256');
  for (const lib of ['projections', 'domain', 'event-store']) {
    const files: string[] = [];
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir).sort()) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) visit(path);
        else if (/\.(ts|js)$/.test(entry) && !/\.spec\.|\.d\.ts$/.test(entry)) files.push(path);
      }
    };
    visit(join(libs, lib, 'src'));
    for (const file of files) hash.update(`${file.slice(libs.length)}\n`).update(readFileSync(file));
  }
  return hash.digest('hex');
}
