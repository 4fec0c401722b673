/**
 * Puts the calling thread (a worker doing background work: verify, saving state) behind every
 * thread that serves requests. On Linux the thread's policy becomes SCHED_IDLE: the kernel then
 * runs it only on a core no normal thread wants, and a waking request thread preempts it at once.
 * A nice value of 19 alone did not do that: under the abuse load (test/abuse-load.e2e-spec.ts) a
 * looping verify at nice 19 still took a third of a core and cost the writers 40% of their rate,
 * because the scheduler let it finish its slice before a woken writer ran.
 *
 * Node has no call for the policy, so `chrt` (util-linux, present on every Debian and Ubuntu) is
 * run on this thread's id; where it is missing or refused, the nice value is lowered instead, and
 * where even that is refused the thread keeps the normal priority. Linux gives every thread its own
 * nice value and policy; elsewhere either would reach the whole process, so nothing is changed.
 * Answers what was set, for the log.
 */
import { spawnSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

export type BackgroundPriority = 'idle' | 'nice' | 'normal';

export function runInBackground(): BackgroundPriority {
  if (process.platform !== 'linux') return 'normal';
  let set: BackgroundPriority = 'normal';
  try {
    setPriority(constants.priority.PRIORITY_LOW);
    set = 'nice';
  } catch {
    // a sandbox that refuses it
  }
  try {
    // "/proc/thread-self" names this thread: "<pid>/task/<tid>".
    const tid = readlinkSync('/proc/thread-self').split('/').pop()!;
    const chrt = spawnSync('chrt', ['--idle', '--pid', '0', tid], { stdio: 'ignore', timeout: 5000 });
    if (chrt.status === 0) set = 'idle';
  } catch {
    // no /proc: keep what was set
  }
  return set;
}
