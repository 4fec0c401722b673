/**
 * The auditors' commands: seal, verify, export, import-log, replay. Each works on a SQLite file
 * (`--db`); verify, export and replay only read it. Exit codes as for every command: 0 done (and,
 * for verify and replay, the record checks out), 1 refused or a check failed, 2 bad usage.
 * Refusals print `error: CODE message`, CODE being the one the API would answer with.
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { isHash } from '#audit/chain';
import { ReplayClock, exportLines, exportRange, importLog } from '#audit/logFile';
import { Seal, Sealer } from '#audit/seal';
import { VerifyReport, verify } from '#audit/verify';
import { DomainError } from '#domain/shared/errors';
import { SqliteEventStore } from '#event-store/sqlite';
import { Composition } from '#platform/composition';
import { operator } from '#platform/writePath';
import { replay } from '#projections/shared/replay/replay';
import { ProjectionRunner } from '#projections/shared/runner';
import { TimeTravel } from '#projections/shared/timeTravel/timeTravel';
import type { Io } from './main.js';
import { NO_PROGRESS, countingReads, observed, type Progress } from './progress.js';

const n = (value: number) => value.toLocaleString('en-US');

/** A refusal with its code on stderr, exit 1; anything else is not a refusal and propagates. */
async function refusing(io: Io, work: () => Promise<number>, progress: Progress = NO_PROGRESS): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // A bar on screen ends first, so the refusal starts a line of its own.
    progress.abandon();
    io.err(`error: ${error.code} ${error.message}`);
    return 1;
  }
}

/** Opens an existing log; an auditor's read must not create an empty file where a log was expected. */
function existing(file: string, io: Io): SqliteEventStore | undefined {
  if (existsSync(file)) return new SqliteEventStore({ file });
  io.err(`error: NOT_FOUND there is no event log at ${file}`);
  return undefined;
}

const describeSeal = (s: Seal) =>
  `seal at position ${s.sealPosition} covers events ${s.previousCount + 1} to ${s.count} (up to position ${s.position}), sealed ${s.sealedAt}\n  hash ${s.hash}`;

export async function runSeal(file: string, actor: string, io: Io): Promise<number> {
  const store = existing(file, io);
  if (!store) return 1;
  try {
    // Sealing reads the chain, not the projections: the write path here never catches them up.
    const composition = new Composition();
    const writePath = composition.writePath(store, new ProjectionRunner(store, composition.createProjections()), { sealer: new Sealer(store, { every: 0 }) });
    const { written, last } = await writePath.seal(operator(actor));
    if (written.length === 0) {
      io.out(last ? `nothing to seal: the last ${describeSeal(last)}` : 'nothing to seal: the log is empty');
      return 0;
    }
    for (const seal of written) io.out(`sealed: ${describeSeal(seal)}`);
    io.out(`keep the last hash outside the system; later, \`verify --expect ${written[written.length - 1]!.hash}\` shows whether anything up to position ${written[written.length - 1]!.position} changed`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function runVerify(file: string, expect: string | undefined, io: Io, progress: Progress = NO_PROGRESS): Promise<number> {
  if (expect !== undefined && !isHash(expect)) {
    io.err('error: VALIDATION --expect must be a running hash: 64 lowercase hex digits');
    return 1;
  }
  const store = existing(file, io);
  if (!store) return 1;
  let report: VerifyReport;
  const started = performance.now();
  try {
    progress.step('verifying the chain', 'events', await store.headPosition());
    report = await verify(countingReads(store, progress), { expect });
  } finally {
    await store.close();
  }
  progress.end();
  const seconds = (performance.now() - started) / 1000;
  io.out(`verified ${file}: ${n(report.events)} events, head at position ${report.headPosition}, in ${seconds.toFixed(2)} s`);
  return printVerifyReport(report, io) ? 0 : 1;
}

/** verify's report after its first line: the head hash, the seals, the expected hash, OK or FAILED with the problems. True when OK. */
export function printVerifyReport(report: VerifyReport, io: Pick<Io, 'out'>): boolean {
  io.out(
    report.hashedThrough === report.headPosition
      ? `head hash: ${report.headHash}`
      : `head hash: ${report.headHash} (after position ${report.hashedThrough}: the chain stops at an event that cannot be read)`,
  );
  io.out(
    report.form2From !== null
      ? `recorded-at: in the chain from position ${report.form2From} on (form 2)`
      : report.hashedThrough !== report.headPosition
        ? `recorded-at: not in the chain up to position ${report.hashedThrough}, where the chain stops (form 1)`
        : 'recorded-at: not in the chain yet (form 1); the next seal puts it in for every event after it',
  );
  io.out(
    report.lastSeal
      ? `seals verified: ${report.sealsVerified}; the last ${describeSeal(report.lastSeal)}`
      : 'seals verified: 0',
  );
  io.out(
    report.lastSeal
      ? `not covered by a seal: ${n(report.unsealed)} event(s) after position ${report.lastSeal.position}, the last seal's own event included (a seal never covers itself)`
      : `not covered by a seal: all ${n(report.unsealed)} event(s)`,
  );
  if (report.expect) {
    io.out(
      report.expect.reachedAtPosition === null
        ? `expected hash ${report.expect.hash}: NOT reached`
        : `expected hash ${report.expect.hash}: reached at position ${report.expect.reachedAtPosition}`,
    );
  }
  if (report.ok) {
    const vouched = [report.sealsVerified > 0 ? 'its seals' : '', report.expect ? 'the expected hash' : ''].filter(Boolean);
    io.out(vouched.length > 0 ? `OK: the record agrees with ${vouched.join(' and with ')}` : 'OK: the chain is well formed, but nothing vouches for it yet: run `seal`, and keep its hash');
    return true;
  }
  const shown = report.problems.length < report.problemCount ? `, the first ${report.problems.length} shown` : '';
  io.out(`FAILED: the record disagrees from position ${report.problems[0]!.position}; ${report.problemCount} problem(s)${shown}:`);
  for (const p of report.problems) io.out(`  position ${p.position}: ${p.kind} ${p.message}`);
  return false;
}

export async function runExport(file: string, range: { from?: string; to?: string }, out: string | undefined, io: Io, progress: Progress = NO_PROGRESS): Promise<number> {
  const store = existing(file, io);
  if (!store) return 1;
  return refusing(io, async () => {
    try {
      const position = (value: string | undefined) => (value === undefined ? undefined : /^\d+$/.test(value) ? Number(value) : NaN);
      const checked = await exportRange(store, { from: position(range.from), to: position(range.to) });
      // The running hash needs every event from the first, so the events before --from are read too.
      progress.step('exporting', 'events read', checked.to);
      const reading = observed(store, { readAll: (page) => progress.set(Math.min(page.at(-1)?.position ?? checked.to, checked.to)) });
      let lines = 0;
      let last = '';
      if (out === undefined) {
        for await (const line of exportLines(reading, checked)) {
          io.out(line);
          lines++;
        }
        progress.end();
        return 0;
      }
      const sink = createWriteStream(out, { encoding: 'utf8' });
      for await (const line of exportLines(reading, checked)) {
        if (!sink.write(`${line}\n`)) await once(sink, 'drain');
        lines++;
        last = line;
      }
      sink.end();
      await once(sink, 'finish');
      progress.end();
      const tail = last ? (JSON.parse(last) as { position: number; hash: string }) : undefined;
      io.out(
        checked.empty
          ? `the log is empty: wrote ${out} with no events`
          : `exported positions ${checked.from} to ${checked.to} (${n(lines)} events) to ${out}; running hash after position ${tail!.position}: ${tail!.hash}`,
      );
      return 0;
    } finally {
      await store.close();
    }
  }, progress);
}

export async function runImportLog(source: string, file: string, io: Io, progress: Progress = NO_PROGRESS): Promise<number> {
  if (!existsSync(source)) {
    io.err(`error: NOT_FOUND there is no file ${source}`);
    return 1;
  }
  const clock = new ReplayClock();
  // NORMAL, not FULL: a restore commits once per original commit, and the file is checkpointed
  // on close; an interrupted restore leaves a consistent prefix, and a re-run is refused (not empty).
  const store = new SqliteEventStore({ file, clock: clock.now, synchronous: 'NORMAL' });
  return refusing(io, async () => {
    const started = performance.now();
    try {
      // importLog reads the file twice: to check every line, then to write the events.
      let passes = 0;
      let checkedLines = 0;
      const lines = () => {
        const pass = ++passes;
        if (pass === 1) progress.step('checking the file', 'lines');
        else progress.step('writing', 'lines', checkedLines);
        return counted(createInterface({ input: createReadStream(source, { encoding: 'utf8' }), crlfDelay: Infinity }), progress, (total) => {
          if (pass === 1) checkedLines = total;
        });
      };
      const report = await importLog(lines, store, { clock });
      progress.end();
      const seconds = (performance.now() - started) / 1000;
      io.out(`imported ${n(report.events)} events (${report.seals} of them seals) from ${source} into ${file} in ${report.commits} commits, ${seconds.toFixed(2)} s`);
      io.out(`head at position ${report.headPosition}; running hash ${report.headHash}, as in the file`);
      return 0;
    } finally {
      await store.close();
    }
  }, progress);
}

export async function runReplay(file: string, snapshotEvery: number, io: Io, progress: Progress = NO_PROGRESS): Promise<number> {
  const opened = existing(file, io);
  if (!opened) return 1;
  const store = countingReads(opened, progress);
  try {
    // The live model, built exactly as the API builds it: the runner's paged catch-up, with the
    // copies for asOf kept on the way.
    const composition = new Composition();
    const live = composition.createProjections();
    const runner = new ProjectionRunner(store, live);
    const timeTravel = new TimeTravel(store, { snapshotEvery, empty: () => composition.createProjections(), upcast: (event) => composition.registry.upcast(event) });
    timeTravel.attach(runner);
    const started = performance.now();
    progress.step('catching up the live model', 'events', await store.headPosition());
    await runner.catchUp();
    io.out(`live read model caught up by the runner: position ${live.position}, ${timeTravel.snapshotPositions().length} copies kept for asOf (every ${n(snapshotEvery)} events), ${((performance.now() - started) / 1000).toFixed(2)} s`);
    progress.step('replaying from zero', 'events', live.position);
    const report = await replay(store, live, { timeTravel, fresh: () => composition.createProjections() });
    progress.end();
    io.out(`replayed ${n(report.events)} events from zero into a scratch model in ${report.seconds.toFixed(3)} s: ${n(Math.round(report.eventsPerSecond))} events/s`);
    for (const r of report.readModels) {
      if (r.identical) {
        io.out(`  ${r.readModel}: identical`);
        continue;
      }
      io.out(`  ${r.readModel}: ${r.differences.length} difference(s) at position ${r.position}${r.differences.length >= 50 ? ' (the first 50)' : ''}`);
      for (const d of r.differences) io.out(`    ${d.key}: live ${d.live} / scratch ${d.scratch}`);
    }
    io.out(report.identical ? 'identical' : 'DIFFERENT: the live read models do not follow from the record');
    return report.identical ? 0 : 1;
  } finally {
    await store.close();
  }
}

/** The lines as they are read, counted into the current step in batches; `total` at the end. */
async function* counted(lines: AsyncIterable<string>, progress: Progress, total: (lines: number) => void): AsyncGenerator<string> {
  let count = 0;
  for await (const line of lines) {
    yield line;
    if (++count % 256 === 0) progress.set(count);
  }
  progress.set(count);
  total(count);
}
