import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '../../../src/platform/store/embedded/embedded-store.js';
import { StoreLockedError } from '../../../src/platform/store/embedded/data-dir-lock.js';

const onLinux = process.platform === 'linux';

describe('the data folder lock', () => {
  let dataDir: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kosi-lock-'));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A child process (lock-contender.ts) that locks the folders it is sent. */
  async function startContender(): Promise<{ pid: number; lock(dir: string): Promise<string> }> {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'lock-contender.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
    children.push(child);
    const waiting = new Map<string, (outcome: string) => void>();
    const lines = createInterface({ input: child.stdout! });
    let ready!: () => void;
    const started = new Promise<void>((resolve) => (ready = resolve));
    lines.on('line', (line) => {
      if (line === 'ready') return ready();
      const { dir, outcome } = JSON.parse(line) as { dir: string; outcome: string };
      waiting.get(dir)?.(outcome);
    });
    await started;
    return {
      pid: child.pid!,
      lock(dir) {
        const outcome = new Promise<string>((resolve) => waiting.set(dir, resolve));
        child.stdin!.write(`${dir}\n`);
        return outcome;
      },
    };
  }

  /** A live process that is not ours and never took any lock (it stands for a reused pid). */
  async function unrelatedLiveProcess(): Promise<number> {
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    children.push(child);
    await once(child, 'spawn');
    return child.pid!;
  }

  it('lets one process at a time open the embedded store, and takes over the lock of a crashed one', async () => {
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

  it('refuses a folder whose lock another live process holds', async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../support/hold-data-dir-lock.ts'), dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(holder);
    const [output] = (await once(holder.stdout!, 'data')) as [Buffer];
    expect(output.toString()).toBe('locked\n');

    const refused = openEmbeddedStore({ dataDir });
    await expect(refused).rejects.toBeInstanceOf(StoreLockedError);
    await expect(refused).rejects.toThrow(`in use by process ${holder.pid}`);
  });

  it.runIf(onLinux)('takes over a lock whose pid now belongs to another process (pid reused after kill -9)', async () => {
    const pid = await unrelatedLiveProcess();
    // What the crashed owner wrote: its pid, now reused, and its own start time, which differs from the new process's.
    const lock = JSON.parse(await readLockWrittenBy(dataDir)) as Record<string, unknown>;
    await writeFile(join(dataDir, '.kosi-lock'), JSON.stringify({ ...lock, pid, startTime: '1' }));

    const store = await openEmbeddedStore({ dataDir });
    expect(JSON.parse(await readFile(join(dataDir, '.kosi-lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();
  });

  it.runIf(onLinux)('takes over an old pid-only lock whose pid belongs to a process started after the lock was written', async () => {
    const pid = await unrelatedLiveProcess();
    await writeFile(join(dataDir, '.kosi-lock'), String(pid));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(join(dataDir, '.kosi-lock'), anHourAgo, anHourAgo);

    const store = await openEmbeddedStore({ dataDir });
    await store.close();
  });

  it('keeps refusing an old pid-only lock of a live process that may be its owner', async () => {
    // The parent process (vitest) ran before this lock was written: it could be a running older version.
    await writeFile(join(dataDir, '.kosi-lock'), String(process.ppid));
    await expect(openEmbeddedStore({ dataDir })).rejects.toThrow(`in use by process ${process.ppid}`);
  });

  it('lets exactly one of several processes take over the same stale lock at once; the others are refused', async () => {
    const contenders = await Promise.all(Array.from({ length: 6 }, () => startContender()));
    const gone = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    // Many rounds: each is a race whose losers must all see the winner's lock, however the timing falls.
    for (let round = 0; round < 15; round += 1) {
      const dir = join(dataDir, `round-${round}`);
      await mkdir(dir);
      await writeFile(join(dir, '.kosi-lock'), JSON.stringify({ pid: gone, startTime: '1' }));
      const outcomes = await Promise.all(contenders.map((contender) => contender.lock(dir)));
      const winners = outcomes.flatMap((outcome, index) => (outcome === 'locked' ? [contenders[index]!.pid] : []));
      expect(winners, `round ${round}: ${outcomes.join(' | ')}`).toHaveLength(1);
      for (const outcome of outcomes.filter((outcome) => outcome !== 'locked')) expect(outcome).toMatch(/^StoreLockedError: /);
      expect(JSON.parse(await readFile(join(dir, '.kosi-lock'), 'utf8'))).toMatchObject({ pid: winners[0] });
      // Nothing of the takeover is left behind but the lock.
      expect(await readdir(dir)).toEqual(['.kosi-lock']);
    }
  });
});

/** The lock file this process writes (its format), read while holding the lock once. */
async function readLockWrittenBy(dataDir: string): Promise<string> {
  const store = await openEmbeddedStore({ dataDir });
  const text = await readFile(join(dataDir, '.kosi-lock'), 'utf8');
  await store.close();
  return text;
}
