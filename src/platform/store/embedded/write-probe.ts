import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FILE_MODE } from './file-modes.js';

const PROBE_FILE = '.kosi-write-probe';

/**
 * Writes a few bytes into the data folder: a full disk or a read-only mount turns readiness red
 * before the next person's message fails on it. Returns the error code, or undefined when it worked.
 */
export async function probeDataDir(dataDir: string): Promise<string | undefined> {
  const path = join(dataDir, PROBE_FILE);
  try {
    await writeFile(path, `${Date.now()}\n`, { mode: FILE_MODE });
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).name;
  }
  // A concurrent probe may have removed it already.
  await unlink(path).catch(() => undefined);
  return undefined;
}
