import { readFile } from 'node:fs/promises';

/**
 * When a process started, to tell it apart from a later process that got the same pid (pids are
 * reused, soon on a busy machine and always in containers). Linux only (/proc); elsewhere every
 * function answers undefined and the lock falls back to the pid alone.
 */

/** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot, as text; undefined without /proc or process. */
export async function processStartTicks(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // Field 2 is the command name in parentheses and may itself hold spaces and ")": split after the last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so field 22 is fields[19].
  const ticks = fields[19];
  return ticks !== undefined && /^\d+$/.test(ticks) ? ticks : undefined;
}

/** The kernel's id of this boot: a lock written before a reboot names a process that is gone, whatever its pid. */
export async function bootId(): Promise<string | undefined> {
  const id = await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => undefined);
  return id?.trim() || undefined;
}

// USER_HZ, the unit of /proc start times, is 100 on every architecture Node runs on (x86, arm, ppc,
// s390); only alpha and ia64 differed. Used only to date a process, never to identify it.
const TICKS_PER_SECOND = 100;

/** When the process started, in ms since the epoch (to the second: the kernel's boot time is whole seconds). */
export async function processStartedAtMs(pid: number): Promise<number | undefined> {
  const ticks = await processStartTicks(pid);
  const stat = await readFile('/proc/stat', 'utf8').catch(() => undefined);
  const bootSeconds = stat && /^btime (\d+)$/m.exec(stat)?.[1];
  if (ticks === undefined || !bootSeconds) return undefined;
  return Number(bootSeconds) * 1000 + (Number(ticks) * 1000) / TICKS_PER_SECOND;
}
