import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * A disk that is full for one folder, at the level where NeDB writes: its own storage module (the
 * embedded store's NeDB calls it for every append and every rewrite). An append writes part of its
 * data before it fails, as a real full disk does, so a torn line is left behind.
 */
interface NedbStorage {
  appendFileAsync(path: string, data: string, options: unknown): Promise<void>;
  /** The rewrite (compaction): `<file>~` written, then renamed over the file. */
  crashSafeWriteFileLinesAsync(path: string, lines: string[], modes?: unknown): Promise<void>;
}

const storage = createRequire(import.meta.url)('@seald-io/nedb/lib/storage.js') as NedbStorage;
const original = { appendFileAsync: storage.appendFileAsync, crashSafeWriteFileLinesAsync: storage.crashSafeWriteFileLinesAsync };
// A NeDB that renamed these would make every "full disk" test pass without a full disk.
if (typeof original.appendFileAsync !== 'function' || typeof original.crashSafeWriteFileLinesAsync !== 'function') {
  throw new Error('NeDB storage module changed: the full-disk simulation needs appendFileAsync and crashSafeWriteFileLinesAsync');
}

function noSpace(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC', errno: -28, syscall: 'write', path });
}

export interface FullDisk {
  /** Writes that failed since the disk filled up. */
  readonly failedWrites: number;
  /** Makes room again: writes succeed from now on. */
  free(): void;
}

/** Makes every NeDB write into `dataDir` fail with ENOSPC until `free()`. */
export function fillDisk(dataDir: string): FullDisk {
  let failedWrites = 0;
  const inFolder = (path: string) => dirname(path) === dataDir;
  storage.appendFileAsync = async (path, data, options) => {
    if (!inFolder(path)) return original.appendFileAsync(path, data, options);
    failedWrites += 1;
    await original.appendFileAsync(path, data.slice(0, Math.ceil(data.length / 2)), options);
    throw noSpace(path);
  };
  storage.crashSafeWriteFileLinesAsync = async (path, lines, modes) => {
    if (!inFolder(path)) return original.crashSafeWriteFileLinesAsync(path, lines, modes);
    failedWrites += 1;
    throw noSpace(path);
  };
  return {
    get failedWrites() {
      return failedWrites;
    },
    free() {
      Object.assign(storage, original);
    },
  };
}
