import { join } from 'node:path';
import NedbModule from '@seald-io/nedb';
import type { Logger } from '../../logging/logger.js';
import { checkDataFile, type DataFileCheck } from './damaged-file-check.js';
import { DIR_MODE, FILE_MODE } from './file-modes.js';
import { escapeLineBreaks, unchanged } from './line-safe-json.js';
import { describeStorageError } from './storage-errors.js';

// Under NodeNext the CommonJS default export is typed as the module namespace.
export const Datastore = NedbModule as unknown as typeof NedbModule.default;
export type NedbDatastore = InstanceType<typeof Datastore>;

/** The loaded datastore, or why the collection was not loaded (a safe reason, no content). */
export type LoadResult = { db: NedbDatastore } | { failure: string };

/**
 * Loads `<name>.db` into NeDB after checking it (damaged-file-check.ts keeps a copy of a damaged
 * file first). A torn last line, the usual crash, is left out; other damage is left to NeDB's
 * rule: up to 10 % of the lines are left out, more and the file is not loaded (nor rewritten).
 */
export async function loadDataFile(dataDir: string, name: string, logger?: Logger): Promise<LoadResult> {
  const file = `${name}.db`;
  let check: DataFileCheck;
  try {
    check = await checkDataFile(dataDir, name, new Date());
  } catch (error) {
    // Never let NeDB rewrite a file that could not be checked (or copied when damaged).
    return { failure: `cannot check the file: ${describeStorageError(error)}` };
  }
  const { damagedLines, lines } = check;
  // A crash during an append leaves its last line torn: a write nobody was told had succeeded.
  const tornLastLineOnly = damagedLines.length === 1 && damagedLines[0] === lines;
  let result: LoadResult;
  try {
    const db = new Datastore({
      filename: join(dataDir, file),
      modes: { fileMode: FILE_MODE, dirMode: DIR_MODE },
      // NeDB refuses a file with more than 10 % damaged lines; a torn last line is dropped even in a small file (the copy is kept).
      ...(tornLastLineOnly ? { corruptAlertThreshold: 1 } : {}),
      afterSerialization: escapeLineBreaks,
      beforeDeserialization: unchanged,
    });
    await db.loadDatabaseAsync();
    // Later loads only read back a file this process wrote: any damage then is refused, never dropped.
    (db.persistence as unknown as { corruptAlertThreshold: number }).corruptAlertThreshold = 0;
    result = { db };
  } catch (error) {
    const corrupt = (error as { corruptionRate?: unknown }).corruptionRate !== undefined;
    result = { failure: corrupt ? `${describeDamage(check)}, more than a crash explains` : describeStorageError(error) };
  }
  if (check.copy) {
    const loaded = 'db' in result;
    logger?.error(
      { collection: name, file, copy: check.copy.copy, damagedLines: damagedLines.slice(0, 20), lines, loaded },
      loaded
        ? 'embedded store: damaged data file; a copy was kept, and the collection was loaded without the damaged lines'
        : 'embedded store: damaged data file; a copy was kept, and the collection was not loaded',
    );
  }
  return result;
}

function describeDamage({ damagedLines, lines }: DataFileCheck): string {
  const shown = damagedLines.slice(0, 5).join(', ') + (damagedLines.length > 5 ? ', …' : '');
  return damagedLines.length === 1 ? `line ${shown} of ${lines} is damaged` : `lines ${shown} of ${lines} are damaged`;
}
