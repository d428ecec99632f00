import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../logging/logger.js';

/**
 * The data folder holds password hashes, the session-signing key and personal data: only the
 * service's own user may read it. NeDB takes these modes for the files it creates (`modes` option);
 * a process-wide umask would change the modes of everything else the process writes, too.
 */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** What the service itself keeps in the data folder; anything else (an operator's notes) is left alone. */
const OWN_FILE = /^(?:[A-Za-z0-9_-]+\.db~?|\.kosi-lock(?:\.takeover\.\d+)?|\.kosi-write-probe(?:\.[A-Za-z0-9_-]+~?)?|webchat-secret-.+)$/;

/** Creates the folder as DIR_MODE, and tightens a folder and files that earlier versions left readable (0755/0644). */
export async function prepareDataDir(dataDir: string, logger?: Logger): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: DIR_MODE });
  await tighten(dataDir, DIR_MODE, logger);
  for (const entry of await readdir(dataDir, { withFileTypes: true })) {
    if (entry.isFile() && OWN_FILE.test(entry.name)) await tighten(join(dataDir, entry.name), FILE_MODE, logger);
    if (entry.isDirectory() && entry.name === DAMAGED_DIR) await tightenDamaged(join(dataDir, entry.name), logger);
  }
}

/** Where copies of damaged data files go (see damaged-file-check.ts). */
export const DAMAGED_DIR = 'damaged';

async function tightenDamaged(dir: string, logger?: Logger): Promise<void> {
  await tighten(dir, DIR_MODE, logger);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) await tighten(join(dir, entry.name), FILE_MODE, logger);
  }
}

async function tighten(path: string, mode: number, logger?: Logger): Promise<void> {
  try {
    if (((await stat(path)).mode & 0o777 & ~mode) === 0) return;
    await chmod(path, mode);
  } catch (error) {
    // A folder owned by another user (a mount point) cannot be changed: say so, the service still runs.
    logger?.warn({ path, mode: mode.toString(8), code: (error as NodeJS.ErrnoException).code }, 'embedded store: cannot restrict file permissions');
  }
}
