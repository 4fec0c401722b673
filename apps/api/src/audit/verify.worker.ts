/**
 * `verify` in a worker thread, so that recomputing the chain over a long log never holds up the
 * thread that answers requests (issue 15, finding 3). One worker per API process, started at the
 * first verify and kept (auditJobs.ts): its modules load once and its priority is lowered once,
 * instead of at every job. It opens the SQLite file on a connection of its own (WAL lets it read
 * while the server writes) and answers each job's message with one report; jobs come one at a time.
 */
import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { verify, type VerifyOptions } from '#audit/verify';
import { SqliteEventStore } from '#event-store/sqlite';

const { file } = workerData as { file: string };
// The lowest CPU priority, for this thread only (Linux gives each thread a nice value of its own; on
// other systems it would lower the whole process, so it is left out there): on a busy machine an audit
// takes the cores the requests leave, and writes keep their pace (test/abuse-load.e2e-spec.ts).
if (process.platform === 'linux') {
  try {
    setPriority(constants.priority.PRIORITY_LOW);
  } catch {
    // a sandbox that refuses it: run at the normal priority
  }
}
// The server's own connection keeps the WAL checkpointed; this one only reads.
const store = new SqliteEventStore({ file, checkpointOnClose: false });
parentPort!.on('message', async ({ id, options }: { id: number; options: VerifyOptions }) => {
  try {
    parentPort!.postMessage({ id, report: await verify(store, options) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
