import { open, readdir, unlink } from 'node:fs/promises';
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
/** `.kosi-lock.takeover.<n>`: whoever created one (and found those before it dead) may replace a stale lock. */
const TAKEOVER = `${LOCK_FILE}.takeover.`;
// More takeovers that crashed midway than this, one after the other, and the folder is left to an operator.
const MAX_TAKEOVERS = 16;

/** What the lock file holds (JSON). Earlier versions wrote the pid alone. */
interface LockOwner {
  pid: number;
  /** /proc start time of the owner: a live process with the same pid but another start time is not the owner. */
  startTime?: string | undefined;
  bootId?: string | undefined;
}

/** A lock (or takeover) file as read, with what tells this very file apart from one created in its place later. */
interface FoundLock {
  owner: LockOwner | undefined;
  text: string;
  writtenAtMs: number;
  identity: string;
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
 *
 * Taking over is remove-then-create, and two processes must never both do it on the same stale
 * lock (the second would remove the lock the first just created, and both would hold the folder):
 * see takeOver().
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE);
  if (heldHere.has(path)) throw new StoreLockedError(dataDir, process.pid);
  // Before the first await: two opens at once in this process are refused too.
  heldHere.add(path);
  const release = async () => {
    heldHere.delete(path);
    await unlink(path).catch(() => undefined);
  };
  try {
    const me: LockOwner = { pid: process.pid, startTime: await processStartTicks(process.pid), bootId: await bootId() };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await create(path, me)) return release;
      const found = await readLock(path);
      // Removed in between (its owner closed, or a takeover is midway): try again.
      if (!found) continue;
      if (isBeingWritten(found)) throw new StoreLockedError(dataDir, 0);
      if (found.owner && (await ownerIsAlive(found.owner, found.writtenAtMs, me))) throw new StoreLockedError(dataDir, found.owner.pid);
      if (await takeOver(dataDir, path, found, me)) return release;
    }
    throw new StoreLockedError(dataDir, 0);
  } catch (error) {
    heldHere.delete(path);
    throw error;
  }
}

/** Folders this process holds or is locking (a second open in the same process is refused too). */
const heldHere = new Set<string>();

/** Creates `path` naming `me`, unless it exists (false). */
async function create(path: string, me: LockOwner): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(me));
  } catch (error) {
    await handle.close();
    // An empty file would block the folder for BEING_WRITTEN_MS, and then be taken over anyway.
    await unlink(path).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return true;
}

/**
 * Replaces the stale lock `stale` with ours, if this process is the one to take it over: true when
 * we hold the folder now, false to look again (the lock changed, or a process that just started
 * created it first), StoreLockedError when another live process is taking it over right now.
 *
 * Only the process that created a takeover file may remove the lock, and it does so only while the
 * lock is still the very file it found stale; so no process ever removes a lock another one has
 * just created. A takeover file whose creator is gone (a crash midway) is passed over for the next.
 */
async function takeOver(dataDir: string, path: string, stale: FoundLock, me: LockOwner): Promise<boolean> {
  const takeover = await claimTakeover(dataDir, me);
  let holding = false;
  try {
    const now = await readLock(path);
    if (!now || now.identity !== stale.identity || now.text !== stale.text) return false;
    await unlink(path);
    holding = await create(path, me);
    return holding;
  } finally {
    if (holding) await removeTakeoverFiles(dataDir);
    else await unlink(takeover).catch(() => undefined);
  }
}

/** Creates the first free takeover file, if every one before it was left by a process that is gone. */
async function claimTakeover(dataDir: string, me: LockOwner): Promise<string> {
  for (let n = 0, retries = 0; n < MAX_TAKEOVERS; ) {
    const file = join(dataDir, `${TAKEOVER}${n}`);
    if (await create(file, me)) return file;
    const holder = await readLock(file);
    if (!holder) {
      // Its creator just finished: this one again (a few times at most).
      if ((retries += 1) > 3) break;
      continue;
    }
    if (isBeingWritten(holder)) throw new StoreLockedError(dataDir, 0);
    if (holder.owner && (await ownerIsAlive(holder.owner, holder.writtenAtMs, me))) throw new StoreLockedError(dataDir, holder.owner.pid);
    n += 1;
  }
  throw new StoreLockedError(dataDir, 0);
}

/**
 * Once we hold the folder, no takeover file matters any more: whoever still has one found a lock
 * that is gone now, and gives up when it looks at the lock again.
 */
async function removeTakeoverFiles(dataDir: string): Promise<void> {
  const files = await readdir(dataDir).catch(() => [] as string[]);
  await Promise.all(files.filter((file) => file.startsWith(TAKEOVER)).map((file) => unlink(join(dataDir, file)).catch(() => undefined)));
}

/** The file at `path` as it is now (read through one handle: content and identity of the same file), or undefined if there is none. */
async function readLock(path: string): Promise<FoundLock | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const [info, text] = await Promise.all([handle.stat({ bigint: true }), handle.readFile('utf8')]);
    return {
      owner: parseOwner(text.trim()),
      text,
      writtenAtMs: Number(info.mtimeMs),
      // A removed file's inode number is soon given to the next file; with its change time to the nanosecond it is not.
      identity: `${info.dev}:${info.ino}:${info.ctimeNs}:${info.size}`,
    };
  } finally {
    await handle.close();
  }
}

/** Empty: created and not yet written, unless that was a while ago (a crash between the two). */
function isBeingWritten(found: FoundLock): boolean {
  return found.text.trim() === '' && Date.now() - found.writtenAtMs < BEING_WRITTEN_MS;
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
