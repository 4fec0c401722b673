/**
 * `verify` in a worker thread, so that recomputing the chain over a long log never holds up the
 * thread that answers requests (issue 15, finding 3). One worker per API process, started at the
 * first verify and kept (auditJobs.ts): its modules load once and its priority is lowered once,
 * instead of at every job. It opens the SQLite file on a connection of its own (WAL lets it read
 * while the server writes) and answers each job's message with one report; jobs come one at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { verify, type VerifyOptions } from '#audit/verify';
import { runInBackground } from '#platform/backgroundPriority';
import { SqliteEventStore } from '#event-store/sqlite';

const { file } = workerData as { file: string };
// Behind the threads that serve requests (SCHED_IDLE on Linux): on a busy machine an audit takes
// the cores the requests leave, and writes keep their pace (test/abuse-load.e2e-spec.ts).
runInBackground();
/**
 * At most half of this thread's time: an audit of a long log takes longer on an idle machine, and
 * on a busy one it leaves the requests the cores (measured in test/abuse-load.e2e-spec.ts).
 */
const AUDIT_PACE = 0.5;
// The server's own connection keeps the WAL checkpointed; this one only reads.
const store = new SqliteEventStore({ file, checkpointOnClose: false });
parentPort!.on('message', async ({ id, options }: { id: number; options: VerifyOptions }) => {
  try {
    parentPort!.postMessage({ id, report: await verify(store, { ...options, pace: AUDIT_PACE }) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
