/**
 * A second process that takes the embedded store's lock on a folder and keeps it until killed, so
 * that a test can prove that a lock held by a live process is refused. Run with `node --import tsx`.
 */
import { lockDataDir } from '../../src/platform/store/embedded/data-dir-lock.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: hold-data-dir-lock.ts <dataDir>');
await lockDataDir(dataDir);
process.stdout.write('locked\n');
// Keeps the process (and the lock) alive until the test kills it.
setInterval(() => undefined, 60_000);
