/**
 * The raw better-sqlite3 baselines: the same schema (`EVENT_STORE_SCHEMA`), the same pragmas (WAL,
 * synchronous FULL) and the same rows as the store writes, with nothing but prepared statements in
 * between — what the hardware and SQLite allow, against which the store's overhead is measured.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { EVENT_STORE_SCHEMA } from '#event-store/sqlite';
import type { GenEvent } from './network.js';

type Stmt = Database.Statement<unknown[], unknown>;

export class RawWriter {
  private readonly db: Database.Database;
  private readonly insertStream: Stmt;
  private readonly selectStream: Stmt;
  private readonly updateRevision: Stmt;
  private readonly insertEvent: Stmt;
  /** A batch of events in one `BEGIN IMMEDIATE` transaction. */
  readonly writeBatch: Database.Transaction<(items: GenEvent[], recordedAt: string) => void>;
  /** One event in its own `BEGIN IMMEDIATE` transaction. */
  readonly writeOne: Database.Transaction<(item: GenEvent, recordedAt: string) => void>;

  constructor(file: string) {
    const db = new Database(file);
    this.db = db;
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(EVENT_STORE_SCHEMA);
    this.insertStream = db.prepare('INSERT INTO streams (stream_id, revision) VALUES (?, ?)');
    this.selectStream = db.prepare('SELECT stream_key, revision FROM streams WHERE stream_id = ?').raw();
    this.updateRevision = db.prepare('UPDATE streams SET revision = ? WHERE stream_key = ?');
    this.insertEvent = db.prepare(
      'INSERT INTO events (event_id, stream_key, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.writeBatch = db.transaction((items: GenEvent[], recordedAt: string) => {
      for (const item of items) this.write(item, recordedAt);
    });
    this.writeOne = db.transaction((item: GenEvent, recordedAt: string) => this.write(item, recordedAt));
  }

  /** A streams row (inserted, or its revision bumped) and an events row, JSON serialised here as the store does. */
  private write(item: GenEvent, recordedAt: string): void {
    let key: number;
    let revision: number;
    if (item.expectedVersion === 'NO_STREAM') {
      key = Number(this.insertStream.run(item.streamId, 0).lastInsertRowid);
      revision = 0;
    } else {
      const row = this.selectStream.get(item.streamId) as [number, number];
      key = row[0];
      revision = row[1] + 1;
      this.updateRevision.run(revision, key);
    }
    const e = item.event;
    this.insertEvent.run(e.id, key, revision, e.type, JSON.stringify(e.data), e.metadata === undefined ? '{}' : JSON.stringify(e.metadata), recordedAt);
  }

  close(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}

/** A digest of both tables, to show the store and the baseline wrote the same rows. */
export function digestOf(file: string): { events: number; streams: number; sha256: string } {
  const db = new Database(file, { fileMustExist: true });
  try {
    const hash = createHash('sha256');
    let events = 0;
    let streams = 0;
    for (const row of db.prepare('SELECT position, event_id, stream_key, revision, type, data, metadata, recorded_at FROM events ORDER BY position').raw().iterate() as Iterable<unknown[]>) {
      hash.update(row.join('\u0001'));
      hash.update('\u0002');
      events++;
    }
    for (const row of db.prepare('SELECT stream_key, stream_id, revision FROM streams ORDER BY stream_key').raw().iterate() as Iterable<unknown[]>) {
      hash.update(row.join('\u0001'));
      hash.update('\u0002');
      streams++;
    }
    return { events, streams, sha256: hash.digest('hex') };
  } finally {
    db.close();
  }
}

export interface ScanResult {
  events: number;
  seconds: number;
  /** The trivial fold: count per type, and participants summed over logged and corrected contacts. */
  perType: Record<string, number>;
  participants: number;
}

/**
 * The rebuild baseline: one `SELECT … ORDER BY position` over the whole log (the same columns the
 * store's readAll returns, stream id included), `JSON.parse` of data and metadata, and a trivial fold.
 */
export function rawScan(file: string): ScanResult {
  const db = new Database(file, { fileMustExist: true });
  try {
    const stmt = db
      .prepare('SELECT e.position, e.event_id, s.stream_id, e.revision, e.type, e.data, e.metadata, e.recorded_at FROM events e JOIN streams s ON s.stream_key = e.stream_key ORDER BY e.position')
      .raw();
    const perType = new Map<string, number>();
    let participants = 0;
    let events = 0;
    const start = process.hrtime.bigint();
    for (const row of stmt.iterate() as Iterable<[number, string, string, number, string, string, string, string]>) {
      const data = JSON.parse(row[5]) as { participantIds?: string[] };
      const metadata = JSON.parse(row[6]) as Record<string, unknown>;
      perType.set(row[4], (perType.get(row[4]) ?? 0) + 1);
      if (data.participantIds) participants += data.participantIds.length;
      if (metadata === null) throw new Error('unreachable');
      events++;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { events, seconds, perType: Object.fromEntries(perType), participants };
  } finally {
    db.close();
  }
}
