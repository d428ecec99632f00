import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DamagedFileCopy } from '../document-store.js';
import { DAMAGED_DIR, DIR_MODE, FILE_MODE } from './file-modes.js';

/**
 * NeDB drops every line of its file that does not parse and then rewrites the file without it;
 * when more than 10 % are damaged it refuses to load instead. Either way nobody is told, and a
 * record glued to a torn line (a full disk: part of a line written, the next write appended to it)
 * is gone. So each file is read here first: if a line is damaged, the file is copied to
 * `damaged/` before NeDB sees it.
 */

export interface DataFileCheck {
  /** Lines (1-based, counting only lines NeDB reads) that are not a document. */
  damagedLines: number[];
  lines: number;
  /** The copy of the file as found, when a line was damaged. */
  copy?: DamagedFileCopy;
}

// NeDB's line reader (lib/byline.js) splits at all of these, not only at "\n".
const NEDB_LINE_BREAK = /\r\n|[\n\v\f\r\x85\u2028\u2029]/;

/** Checks `<name>.db` (or the `<name>.db~` NeDB would take in its place) and copies it if damaged. */
export async function checkDataFile(dataDir: string, name: string, now: Date): Promise<DataFileCheck> {
  const file = await readFile(join(dataDir, `${name}.db`)).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    // NeDB renames the temporary file of an interrupted rewrite into place when the file itself is missing.
    return readFile(join(dataDir, `${name}.db~`)).catch((missing: NodeJS.ErrnoException) => {
      if (missing.code === 'ENOENT') return undefined;
      throw missing;
    });
  });
  if (!file) return { damagedLines: [], lines: 0 };

  const lines = file.toString('utf8').split(NEDB_LINE_BREAK).filter((line) => line !== '');
  const damagedLines = lines.flatMap((line, index) => (isDocument(line) ? [] : [index + 1]));
  if (damagedLines.length === 0) return { damagedLines, lines: lines.length };
  return { damagedLines, lines: lines.length, copy: await keepCopy(dataDir, name, file, now) };
}

function isDocument(line: string): boolean {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/**
 * `damaged/<name>.db.<time>-<hash>`. The same damage found again (a collection that stays unloaded
 * across restarts) keeps its first copy instead of piling up new ones.
 */
async function keepCopy(dataDir: string, name: string, content: Buffer, now: Date): Promise<DamagedFileCopy> {
  const dir = join(dataDir, DAMAGED_DIR);
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 8);
  const existing = (await readdir(dir)).find((file) => file.startsWith(`${name}.db.`) && file.endsWith(`-${hash}`));
  if (existing) return { collection: name, copy: `${DAMAGED_DIR}/${existing}` };
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  const copy = `${name}.db.${stamp}-${hash}`;
  // Written from what was read: the bytes checked are the bytes kept. 'wx': never over another copy.
  await writeFile(join(dir, copy), content, { mode: FILE_MODE, flag: 'wx' });
  return { collection: name, copy: `${DAMAGED_DIR}/${copy}` };
}

/** The copies in `damaged/`, which /readyz lists until an operator has dealt with them and removed them. */
export async function listDamagedCopies(dataDir: string): Promise<DamagedFileCopy[]> {
  const files = await readdir(join(dataDir, DAMAGED_DIR)).catch(() => [] as string[]);
  return files
    .filter((file) => !file.startsWith('.'))
    .sort()
    .map((file) => ({ collection: file.replace(/\.db\..*$/, ''), copy: `${DAMAGED_DIR}/${file}` }));
}
