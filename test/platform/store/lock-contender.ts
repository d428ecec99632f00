/**
 * A process that takes the embedded store's lock on the folders named on its stdin, one a line,
 * and answers each on stdout as a JSON line: `{ dir, outcome: 'locked' }` or the error's name.
 * Locks taken are kept until the process is killed, so that the others see a live owner. Several
 * of these, all told the same folder at once, race for it. Run with `node --import tsx`.
 */
import { createInterface } from 'node:readline';
import { lockDataDir } from '../../../src/platform/store/embedded/data-dir-lock.js';

const lines = createInterface({ input: process.stdin });
lines.on('line', (dir) => {
  lockDataDir(dir).then(
    () => answer(dir, 'locked'),
    (error: unknown) => answer(dir, error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
  );
});
process.stdout.write('ready\n');

function answer(dir: string, outcome: string): void {
  process.stdout.write(`${JSON.stringify({ dir, outcome })}\n`);
}
