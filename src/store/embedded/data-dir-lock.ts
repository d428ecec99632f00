import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from '../document-store.js';

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

/**
 * The embedded store belongs to one process: two processes on the same files would overwrite each
 * other's writes at the next compaction. The lock file holds the owner's pid; a lock whose process
 * is gone (a crash, kill -9) is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE);
  if (heldHere.has(path)) throw new StoreLockedError(dataDir, process.pid);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      heldHere.add(path);
      return async () => {
        heldHere.delete(path);
        await unlink(path).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      // Our own pid in the file is a lock left by an earlier run: in a container, every run is PID 1.
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) throw new StoreLockedError(dataDir, owner);
      await unlink(path).catch(() => undefined);
    }
  }
  throw new StoreLockedError(dataDir, 0);
}

/** Folders this process holds (a second open in the same process is refused too). */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
