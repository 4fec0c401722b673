/**
 * The worker thread that makes a saved state (saver.ts starts it): its own connection to the
 * SQLite file (a reader that never checkpoints on close, as the audit worker's), its own heap for
 * the second model, so the serving thread is not blocked while the state is folded, serialized
 * and written. It runs the default composition (every registered system), which is the only one
 * the saver starts it for. It runs behind the threads that serve requests (backgroundPriority.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '#event-store/sqlite';
import { Composition } from '../composition.js';
import { runInBackground } from '../backgroundPriority.js';
import { saveState } from './savedState.js';

interface SaveWork {
  file: string;
  dir: string;
  keep: number;
}

runInBackground();
const work = workerData as SaveWork;
const warnings: Array<{ details: object; message: string }> = [];
const store = new SqliteEventStore({ file: work.file, checkpointOnClose: false });
try {
  const composition = new Composition();
  const outcome = await saveState(store, () => composition.createProjections(), work.dir, {
    keep: work.keep,
    log: { info: () => undefined, warn: (details, message) => warnings.push({ details, message }) },
  });
  parentPort!.postMessage({ ok: true, outcome, warnings });
} catch (error) {
  parentPort!.postMessage({ ok: false, error: (error as Error).message, warnings });
} finally {
  await store.close();
}
