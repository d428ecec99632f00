// Runs at `npm install`/`npm ci`: takes Microsoft's Web Chat browser bundle out of the
// botframework-webchat package. The full package is ~486 MB with its dependencies; the one file we
// serve is 3.9 MB, so we unpack only that from the registry tarball (see shared/field-notes.md).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEBCHAT_VERSION = '4.18.1';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const targetDir = join(root, 'node_modules', '.kosi-webchat');
const target = join(targetDir, 'webchat.js');
const versionFile = join(targetDir, 'VERSION');

if (existsSync(target) && existsSync(versionFile) && readFileSync(versionFile, 'utf8').trim() === WEBCHAT_VERSION) {
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'kosi-webchat-'));
try {
  const packed = execFileSync('npm', ['pack', `botframework-webchat@${WEBCHAT_VERSION}`, '--silent', '--pack-destination', work], {
    cwd: work,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop();
  execFileSync('tar', ['-xzf', join(work, packed), '-C', work, 'package/dist/webchat.js']);
  mkdirSync(targetDir, { recursive: true });
  renameSync(join(work, 'package', 'dist', 'webchat.js'), target);
  writeFileSync(versionFile, WEBCHAT_VERSION + '\n');
  process.stdout.write(`kosi-bot: installed Web Chat ${WEBCHAT_VERSION} bundle\n`);
} catch (error) {
  // Not fatal: the service runs without it, and the demo page says the bundle is missing.
  console.warn(`kosi-bot: could not install the Web Chat bundle (${error instanceof Error ? error.message : error}); run "npm run postinstall" again when the registry is reachable`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
