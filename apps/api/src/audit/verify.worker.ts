/**
 * `verify` in a worker thread, so that recomputing the chain over a long log never holds up the
 * thread that answers requests (issue 15, finding 3). The worker opens the SQLite file on a
 * connection of its own (WAL lets it read while the server writes) and reports once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { verify, type VerifyOptions } from '#audit/verify';
import { SqliteEventStore } from '#event-store/sqlite';

const { file, options } = workerData as { file: string; options: VerifyOptions };
const store = new SqliteEventStore({ file });
try {
  parentPort!.postMessage({ report: await verify(store, options) });
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
} finally {
  await store.close();
}
