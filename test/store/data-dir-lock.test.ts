import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openEmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { StoreLockedError } from '../../src/store/embedded/data-dir-lock.js';

it('lets one process at a time open the embedded store, and takes over the lock of a crashed one', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kosi-lock-'));
  const first = await openEmbeddedStore({ dataDir });
  const second = openEmbeddedStore({ dataDir });
  await expect(second).rejects.toBeInstanceOf(StoreLockedError);
  await expect(second).rejects.toThrow(`in use by process ${process.pid}`);
  await first.close();

  const reopened = await openEmbeddedStore({ dataDir });
  await reopened.close();

  // A process that died without closing (kill -9) leaves its pid behind.
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  await writeFile(join(dataDir, '.kosi-lock'), gone);
  const afterCrash = await openEmbeddedStore({ dataDir });
  await afterCrash.close();

  // In a container every run is PID 1: a lock with our own pid was left by a run that crashed.
  await writeFile(join(dataDir, '.kosi-lock'), String(process.pid));
  const inContainer = await openEmbeddedStore({ dataDir });
  await inContainer.close();
});
