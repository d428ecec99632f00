import { open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from '../document-store.js';
import { FILE_MODE } from './file-modes.js';
import { bootId, processStartedAtMs, processStartTicks } from './process-start.js';

/** Another live process (the running service, or the staff CLI) has the embedded store's folder open. */
export class StoreLockedError extends StoreError {
  override name = 'StoreLockedError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the data folder ${dataDir} is in use by process ${pid}`);
  }
}

const LOCK_FILE = '.kosi-lock';

/** What the lock file holds (JSON). Earlier versions wrote the pid alone. */
interface LockOwner {
  pid: number;
  /** /proc start time of the owner: a live process with the same pid but another start time is not the owner. */
  startTime?: string | undefined;
  bootId?: string | undefined;
}

// A lock file is created empty and written right after: one that is still empty this soon is being written.
const BEING_WRITTEN_MS = 5_000;
// Dating a process is exact to about a second (boot time is whole seconds); a clock step adds more.
const CLOCK_SLACK_MS = 60_000;

/**
 * The embedded store belongs to one process: two processes on the same files would overwrite each
 * other's writes at the next compaction. The lock file names the owner by pid, start time and boot;
 * a lock whose owner is gone (a crash, kill -9, a reboot) is taken over, also when its pid now
 * belongs to another process. Without /proc (macOS, Windows) a live pid is taken as the owner.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE);
  if (heldHere.has(path)) throw new StoreLockedError(dataDir, process.pid);
  const me: LockOwner = { pid: process.pid, startTime: await processStartTicks(process.pid), bootId: await bootId() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx', FILE_MODE);
      try {
        await handle.writeFile(JSON.stringify(me));
      } finally {
        await handle.close();
      }
      heldHere.add(path);
      return async () => {
        heldHere.delete(path);
        await unlink(path).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const found = await readLock(path);
      if (found === 'being-written') throw new StoreLockedError(dataDir, 0);
      if (found && (await ownerIsAlive(found.owner, found.writtenAtMs, me))) throw new StoreLockedError(dataDir, found.owner.pid);
      await unlink(path).catch(() => undefined);
    }
  }
  throw new StoreLockedError(dataDir, 0);
}

/** Folders this process holds (a second open in the same process is refused too). */
const heldHere = new Set<string>();

async function readLock(path: string): Promise<{ owner: LockOwner; writtenAtMs: number } | 'being-written' | undefined> {
  const [text, info] = await Promise.all([readFile(path, 'utf8').catch(() => ''), stat(path).catch(() => undefined)]);
  const owner = parseOwner(text.trim());
  if (owner && info) return { owner, writtenAtMs: info.mtimeMs };
  // Empty or garbled: a crash between creating and writing it, unless that is happening right now.
  if (info && text.trim() === '' && Date.now() - info.mtimeMs < BEING_WRITTEN_MS) return 'being-written';
  return undefined;
}

function parseOwner(text: string): LockOwner | undefined {
  if (/^\d+$/.test(text)) return { pid: Number(text) };
  try {
    const parsed = JSON.parse(text) as Partial<Record<keyof LockOwner, unknown>>;
    if (!Number.isSafeInteger(parsed.pid) || (parsed.pid as number) <= 0) return undefined;
    const optional = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return { pid: parsed.pid as number, startTime: optional(parsed.startTime), bootId: optional(parsed.bootId) };
  } catch {
    return undefined;
  }
}

async function ownerIsAlive(owner: LockOwner, writtenAtMs: number, me: LockOwner): Promise<boolean> {
  // Our own pid is a lock left by an earlier run: in a container, every run is PID 1.
  if (owner.pid === me.pid) return false;
  if (owner.bootId && me.bootId && owner.bootId !== me.bootId) return false;
  if (!isAlive(owner.pid)) return false;
  const startTime = await processStartTicks(owner.pid);
  if (owner.startTime !== undefined && startTime !== undefined) return owner.startTime === startTime;
  if (owner.startTime === undefined) {
    // A pid-only lock (earlier versions): its owner was running when it wrote the lock.
    const startedAt = await processStartedAtMs(owner.pid);
    if (startedAt !== undefined && startedAt > writtenAtMs + CLOCK_SLACK_MS) return false;
  }
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
