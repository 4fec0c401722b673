/**
 * Saved states on disk (issue 14, item 4): a restart restores the projections from the newest
 * valid saved state and folds only the events after it.
 *
 * Where: a folder of their own beside the SQLite file (`<data file>.saved-state/`), never inside
 * the log's database, so `verify`, `export`, `import-log` and `backup` read exactly what they read
 * before. One file per saved state, `state-<position>.bin`, written to a temporary name, fsynced
 * and renamed, so a crash mid-write leaves no file under a name that is read; the newest `keep`
 * (2) are kept, so a damaged newest one still leaves the one before.
 *
 * A file: MAGIC, a 4-byte big-endian length, a JSON header, then the projections' bytes
 * (codec.ts) and time travel's index of times (v8.serialize). The header says:
 *   position     the last event folded in;
 *   hash         the log's running hash at that position (the audit chain, chain.ts);
 *   codeVersion  the version of the projections' code it was made by (codec.ts: codeVersion);
 *   projections  the names of the projections, in order;
 *   crc32        of everything after the header, and the lengths of both parts.
 *
 * Restoring checks, before anything is trusted: the magic and header, the code version and the
 * projection names against this process's set (stale: a change of code), that the log reaches the
 * position and its running hash there equals the recorded one (foreign: another log, or this one
 * rewritten; the hash is computed from the last seal at or before the position, audit/hashAt.ts),
 * the CRC (corrupt), and that the bytes decode into exactly this set's fields (codec.ts). A file
 * that fails any check is logged (warn, with the reason) and skipped; the next older one is tried,
 * and with none left the log is folded from its first event, as without saved states.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { types } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { START, type EventStore } from '#event-store/eventStore';
import { runningHashAt } from '#audit/hashAt';
import type { ProjectionSet } from '#projections/shared/projection';
import { captureState, codeVersion, restoreInto } from '#projections/shared/savedState/codec';
import { TimeTravel, type SavedTimeIndex } from '#projections/shared/timeTravel/timeTravel';

export const SAVED_STATE_MAGIC = Buffer.from('liaison-saved-state-1\n', 'latin1');
const FILE = /^state-(\d{1,16})\.bin$/;
const PAGE = 1_000;

export interface SavedStateHeader {
  format: 1;
  position: number;
  hash: string;
  codeVersion: string;
  projections: string[];
  savedAt: string;
  stateBytes: number;
  indexBytes: number;
  crc32: number;
}

export interface SavedStateLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

const silent: SavedStateLog = { info: () => undefined, warn: () => undefined };

/** The saved-state folder for a SQLite data file. */
export const savedStateDir = (dataFile: string): string => `${dataFile}.saved-state`;

/** The saved states in `dir`, newest (highest position) first. */
export function listSavedStates(dir: string): Array<{ file: string; position: number }> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, match: FILE.exec(name) }))
    .filter((e) => e.match)
    .map((e) => ({ file: join(dir, e.name), position: Number(e.match![1]) }))
    .sort((a, b) => b.position - a.position);
}

/** Writes one saved state atomically (temporary name, fsync, rename); returns its path. */
export function writeSavedState(dir: string, header: Omit<SavedStateHeader, 'format' | 'stateBytes' | 'indexBytes' | 'crc32'>, state: Buffer, index: Buffer): string {
  mkdirSync(dir, { recursive: true });
  const full: SavedStateHeader = { format: 1, ...header, stateBytes: state.length, indexBytes: index.length, crc32: crc32(index, crc32(state)) };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const file = join(dir, `state-${String(header.position).padStart(12, '0')}.bin`);
  const temporary = join(dir, `.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const fd = openSync(temporary, 'w', 0o600);
  try {
    for (const part of [SAVED_STATE_MAGIC, length, json, state, index]) {
      for (let at = 0; at < part.length; ) at += writeSync(fd, part, at, part.length - at);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  try {
    const dirFd = openSync(dir, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Not every file system lets a folder be fsynced; the rename stands either way.
  }
  return file;
}

/** Removes all but the newest `keep` saved states, and temporary files left by an interrupted write. */
export function pruneSavedStates(dir: string, keep: number): void {
  for (const old of listSavedStates(dir).slice(keep)) rmSync(old.file, { force: true });
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith('.tmp-') && !name.startsWith(`.tmp-${process.pid}-`)) rmSync(join(dir, name), { force: true });
}

class Refused extends Error {}

/** Reads and checks the header only (the cheap checks); throws Refused. */
function readHeader(file: string): { header: SavedStateHeader; bodyAt: number } {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SAVED_STATE_MAGIC.length + 4);
    if (readSync(fd, head, 0, head.length, 0) !== head.length || !head.subarray(0, SAVED_STATE_MAGIC.length).equals(SAVED_STATE_MAGIC)) throw new Refused('it is not a saved state (no magic)');
    const length = head.readUInt32BE(SAVED_STATE_MAGIC.length);
    if (length > 1 << 20) throw new Refused('its header is too long');
    const json = Buffer.alloc(length);
    if (readSync(fd, json, 0, length, head.length) !== length) throw new Refused('its header is cut short');
    let header: SavedStateHeader;
    try {
      header = JSON.parse(json.toString('utf8')) as SavedStateHeader;
    } catch {
      throw new Refused('its header is not JSON');
    }
    if (
      header?.format !== 1 ||
      !Number.isSafeInteger(header.position) ||
      header.position < 1 ||
      typeof header.hash !== 'string' ||
      !/^[0-9a-f]{64}$/.test(header.hash) ||
      typeof header.codeVersion !== 'string' ||
      !Array.isArray(header.projections) ||
      !Number.isSafeInteger(header.stateBytes) ||
      !Number.isSafeInteger(header.indexBytes) ||
      !Number.isSafeInteger(header.crc32)
    ) {
      throw new Refused('its header is malformed');
    }
    return { header, bodyAt: head.length + length };
  } finally {
    closeSync(fd);
  }
}

export type LoadOutcome =
  | { restored: true; file: string; position: number; ms: number; hashFolded: number }
  | { restored: false; refused: Array<{ file: string; reason: string }> };

/**
 * Restores `set` (fresh: position 0) and, when given, `timeTravel` (that has observed nothing)
 * from the newest saved state in `dir` that passes every check; each one refused is logged
 * (warn) with its reason. When none passes, both are left untouched.
 */
export async function loadSavedState(store: EventStore, dir: string, set: ProjectionSet, timeTravel: TimeTravel | undefined, log: SavedStateLog = silent): Promise<LoadOutcome> {
  const refused: Array<{ file: string; reason: string }> = [];
  const candidates = listSavedStates(dir);
  if (candidates.length === 0) return { restored: false, refused };
  const version = codeVersion(set);
  const names = set.projections.map((p) => p.name).join(',');
  const head = await store.headPosition();
  for (const { file } of candidates) {
    const started = Date.now();
    try {
      const { header, bodyAt } = readHeader(file);
      if (header.codeVersion !== version) throw new Refused(`it was made by other projection code (version ${header.codeVersion.slice(0, 12)}…, this code is ${version.slice(0, 12)}…): stale`);
      if (header.projections.join(',') !== names) throw new Refused(`it holds other projections (${header.projections.join(', ')})`);
      if (header.position > head) throw new Refused(`it is at position ${header.position}, beyond the head of the log (${head}): another log`);
      const chain = await runningHashAt(store, header.position);
      if (!chain) throw new Refused(`the log does not reach its position ${header.position}: another log`);
      if (chain.hash !== header.hash) throw new Refused(`the log's running hash at position ${header.position} is ${chain.hash.slice(0, 16)}…, not the ${header.hash.slice(0, 16)}… it recorded: another or altered log`);
      const bytes = readFileSync(file);
      if (bytes.length !== bodyAt + header.stateBytes + header.indexBytes) throw new Refused(`it is ${bytes.length} bytes, not the ${bodyAt + header.stateBytes + header.indexBytes} its header says: corrupt`);
      const state = bytes.subarray(bodyAt, bodyAt + header.stateBytes);
      const indexBytes = bytes.subarray(bodyAt + header.stateBytes);
      if (crc32(indexBytes, crc32(state)) !== header.crc32) throw new Refused('its checksum does not match: corrupt');
      let index: SavedTimeIndex | undefined;
      if (timeTravel) {
        try {
          index = deserialize(indexBytes) as SavedTimeIndex;
        } catch (error) {
          throw new Refused(`its index of times does not decode: ${(error as Error).message}`);
        }
        if (index?.lastPosition !== header.position || !types.isFloat64Array(index.times) || index.times.length !== index.positions?.length || index.times.length !== index.before?.length) {
          throw new Refused('its index of times does not match its position');
        }
      }
      let position: number;
      try {
        position = restoreInto(set, state);
      } catch (error) {
        throw new Refused((error as Error).message);
      }
      // restoreInto succeeded, so the set is at header.position (checked against the payload just below).
      if (position !== header.position) throw new Error(`a saved state's payload is at ${position}, its header at ${header.position}`);
      if (timeTravel && index) timeTravel.restoreIndex(index, set);
      const outcome = { restored: true as const, file, position, ms: Date.now() - started, hashFolded: chain.folded };
      log.info({ file, position, ms: outcome.ms, head, tail: head - position }, 'projections restored from a saved state; reading the tail of the log');
      return outcome;
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      refused.push({ file, reason: error.message });
      log.warn({ file, reason: error.message }, 'saved state ignored');
    }
  }
  return { restored: false, refused };
}

export type SaveOutcome =
  | { saved: true; file: string; position: number; bytes: number; ms: number; restoredFrom: number | null }
  | { saved: false; reason: string; position: number };

/**
 * Makes a saved state of the log as it stands: restores the newest valid one (or starts empty),
 * folds the events after it up to the head, and writes the result at that position. Meant for a
 * worker thread or process of its own (saveWorker.ts): it blocks its thread for the serialization
 * and holds a second model meanwhile. Writes continuing meanwhile are not waited for: the state
 * is of the prefix read, and is equal to a rebuild at its position.
 */
export async function saveState(store: EventStore, fresh: () => ProjectionSet, dir: string, options: { keep?: number; log?: SavedStateLog; upTo?: number } = {}): Promise<SaveOutcome> {
  const started = Date.now();
  const log = options.log ?? silent;
  const set = fresh();
  const timeTravel = new TimeTravel(store, { snapshotEvery: Number.MAX_SAFE_INTEGER, empty: fresh });
  const loaded = await loadSavedState(store, dir, set, timeTravel, log);
  const upTo = options.upTo ?? Number.MAX_SAFE_INTEGER;
  for (;;) {
    const page = await store.readAll({ after: set.position, maxCount: PAGE });
    for (const event of page) {
      if (event.position > upTo) break;
      set.apply(event);
      timeTravel.observe(event, set);
    }
    if (page.length < PAGE || set.position >= upTo) break;
    // A turn of the event loop between pages (the thread may have other work; a test writes meanwhile).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (set.position === START) return { saved: false, reason: 'the log is empty', position: 0 };
  if (loaded.restored && loaded.position === set.position) return { saved: false, reason: 'no event since the newest saved state', position: set.position };
  const chain = await runningHashAt(store, set.position);
  if (!chain) throw new Error(`the log does not reach position ${set.position}, which was just read`);
  const state = captureState(set);
  const index = serialize(timeTravel.savedIndex());
  const file = writeSavedState(dir, { position: set.position, hash: chain.hash, codeVersion: codeVersion(set), projections: set.projections.map((p) => p.name), savedAt: new Date().toISOString() }, state, index);
  pruneSavedStates(dir, options.keep ?? 2);
  return { saved: true, file, position: set.position, bytes: state.length + index.length, ms: Date.now() - started, restoredFrom: loaded.restored ? loaded.position : null };
}
