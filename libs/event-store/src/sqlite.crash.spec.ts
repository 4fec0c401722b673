import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import ts from 'typescript';
import { SqliteEventStore } from './sqlite.js';

/**
 * Durability under SIGKILL: a child process appends through the real SqliteEventStore and reports
 * each acknowledged append; the parent kills it at a random moment, reopens the file and checks that
 * every acknowledged event is there, revisions are gap-free per stream and positions gap-free overall.
 *
 * The child has to run as plain Node, outside Jest, so it needs JavaScript. It is compiled here,
 * file by file with `ts.transpileModule` (no type check, ~100 ms), from the current sources:
 * following relative imports from `test-support/crashWriter.ts` into a temporary directory whose
 * `node_modules` links to the repository's. Taking `dist/` from `npm run build` instead would test
 * whatever was built last (possibly stale) and would fail whenever any other part of the monorepo
 * does not compile; a loader hook in the child would load the TypeScript compiler into every one of
 * the twenty children.
 */

const ROUNDS = 20;
/** The kill lands this long (uniformly random) after the child's first acknowledgement. */
const MAX_KILL_DELAY_MS = 80;

const libraryRoot = fileURLToPath(new URL('..', import.meta.url));
const repositoryRoot = resolve(libraryRoot, '../..');

interface Ack {
  streamId: string;
  revision: number;
  position: number;
}

describe('SqliteEventStore under SIGKILL', () => {
  let workDir: string;
  let writerScript: string;

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'event-store-crash-'));
    writerScript = compileForNode(join(libraryRoot, 'test-support/crashWriter.ts'), join(workDir, 'build'));
  }, 20_000);

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it(`keeps every acknowledged append, gap-free, through ${ROUNDS} kills of the writer at random moments`, async () => {
    const file = join(workDir, 'crash.db');
    const acknowledged: Ack[] = [];

    for (let round = 1; round <= ROUNDS; round++) {
      acknowledged.push(...(await runWriterUntilKilled(writerScript, file)));

      expect({ round, problems: await problemsIn(file, acknowledged) }).toEqual({ round, problems: [] });
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS);
  }, 30_000);
});

/** Starts the writer, SIGKILLs it a random moment after its first acknowledgement, returns what it acknowledged. */
function runWriterUntilKilled(script: string, file: string): Promise<Ack[]> {
  return new Promise((resolvePromise, reject) => {
    // Without the parent's NODE_OPTIONS the child does not inherit Jest's --experimental-vm-modules.
    const child = spawn(process.execPath, [script, file], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    let stdout = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (killTimer === undefined && stdout.includes('\n')) {
        killTimer = setTimeout(() => child.kill('SIGKILL'), Math.random() * MAX_KILL_DELAY_MS);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(giveUp);
      clearTimeout(killTimer);
      if (killTimer === undefined || signal !== 'SIGKILL') {
        reject(new Error(`the writer ended (${signal ?? `exit ${code}`}) without being killed after an acknowledgement:\n${stderr}`));
        return;
      }
      // Only whole lines count; a line is one write(2) under PIPE_BUF, so a kill cannot split it anyway.
      const lines = stdout.slice(0, stdout.lastIndexOf('\n')).split('\n');
      resolvePromise(
        lines.map((line) => {
          const [streamId, revision, position] = line.split(' ');
          return { streamId: streamId!, revision: Number(revision), position: Number(position) };
        }),
      );
    });
  });
}

/** Everything wrong with the file, as readable sentences; an empty list means the round passed. */
async function problemsIn(file: string, acknowledged: Ack[]): Promise<string[]> {
  const problems: string[] = [];
  // Opening through the adapter runs SQLite's WAL recovery, as a restarted server would.
  const store = new SqliteEventStore({ file });
  try {
    const events = await store.readAll();
    const head = await store.headPosition();
    if (head !== events.length) problems.push(`head position ${head} but ${events.length} events`);
    const nextRevision = new Map<string, number>();
    const positionOf = new Map<string, number>();
    events.forEach((event, index) => {
      if (event.position !== index + 1) problems.push(`position ${event.position} where ${index + 1} was due`);
      const due = nextRevision.get(event.streamId) ?? 0;
      if (event.revision !== due) problems.push(`${event.streamId} has revision ${event.revision} where ${due} was due`);
      nextRevision.set(event.streamId, event.revision + 1);
      positionOf.set(`${event.streamId}@${event.revision}`, event.position);
    });
    for (const ack of acknowledged) {
      const found = positionOf.get(`${ack.streamId}@${ack.revision}`);
      if (found !== ack.position) {
        problems.push(`acknowledged ${ack.streamId}@${ack.revision} at position ${ack.position} is ${found === undefined ? 'missing' : `at ${found}`}`);
      }
    }
  } finally {
    await store.close();
  }

  // The streams table is what the next append trusts for versions, so it must agree with the events.
  const db = new Database(file);
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const disagreements = db
      .prepare('SELECT s.stream_id, s.revision, (SELECT max(e.revision) FROM events e WHERE e.stream_key = s.stream_key) AS last FROM streams s')
      .all() as Array<{ stream_id: string; revision: number; last: number | null }>;
    for (const row of disagreements) {
      if (row.revision !== row.last) problems.push(`streams says ${row.stream_id} is at ${row.revision}, its last event is at ${row.last}`);
    }
  } finally {
    db.close();
  }
  return problems;
}

/**
 * Transpiles `entry` and every module it reaches by relative import into `outRoot` (mirroring the
 * layout under the library root) as ES modules, and returns the path of the compiled entry.
 */
function compileForNode(entry: string, outRoot: string): string {
  const configured = ts.convertCompilerOptionsFromJson(
    ts.readConfigFile(join(repositoryRoot, 'tsconfig.json'), ts.sys.readFile).config.compilerOptions,
    repositoryRoot,
  ).options;
  const compilerOptions: ts.CompilerOptions = {
    ...configured,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    sourceMap: false,
    inlineSourceMap: true,
  };
  const outputOf = (source: string) => join(outRoot, relative(libraryRoot, source)).replace(/\.ts$/, '.js');
  const pending = [entry];
  const compiled = new Set<string>();
  while (pending.length > 0) {
    const source = pending.pop()!;
    if (compiled.has(source)) continue;
    compiled.add(source);
    const text = readFileSync(source, 'utf8');
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (fileName.startsWith('.')) pending.push(resolve(dirname(source), fileName.replace(/\.js$/, '.ts')));
    }
    mkdirSync(dirname(outputOf(source)), { recursive: true });
    writeFileSync(outputOf(source), ts.transpileModule(text, { compilerOptions, fileName: source }).outputText);
  }
  writeFileSync(join(outRoot, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(repositoryRoot, 'node_modules'), join(outRoot, 'node_modules'), 'dir');
  return outputOf(entry);
}
