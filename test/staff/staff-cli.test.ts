import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/staff-command.js';
import { openEmbeddedStore } from '../../src/platform/store/embedded/embedded-store.js';
import { StaffAccounts } from '../../src/staff/accounts/staff-accounts.js';
import { StaffUserRepository } from '../../src/staff/accounts/staff-user-repository.js';

let dataDir: string;
const saved = { ...process.env };

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kosi-cli-'));
  Object.assign(process.env, { DATA_DIR: dataDir, TENANT_ID: 'wuppertal', TENANT_NAME: 'Wuppertal', STAFF_PASSWORD: 'a long and secret passphrase' });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  process.env = { ...saved };
  vi.restoreAllMocks();
});

it('creates the first admin of a city from the command line, and she can sign in', async () => {
  expect(await main(['create-admin', '--tenant', 'wuppertal', '--email', 'it@wuppertal.example', '--name', 'IT'])).toBe(0);
  const store = await openEmbeddedStore({ dataDir });
  const result = await new StaffAccounts(new StaffUserRepository(store), () => new Date()).signIn('wuppertal', 'it@wuppertal.example', 'a long and secret passphrase');
  await store.close();
  expect(result).toMatchObject({ ok: true, user: { role: 'admin', name: 'IT' } });
});

it('explains what is wrong: unknown city, short password, address taken, missing arguments', async () => {
  expect(await main(['create-admin', '--tenant', 'dortmund', '--email', 'it@wuppertal.example'])).toBe(1);
  expect(console.error).toHaveBeenLastCalledWith(expect.stringContaining('unknown city "dortmund"'));
  process.env['STAFF_PASSWORD'] = 'short';
  expect(await main(['create-admin', '--tenant', 'wuppertal', '--email', 'it@wuppertal.example'])).toBe(1);
  expect(console.error).toHaveBeenLastCalledWith(expect.stringContaining('at least 12 characters'));
  process.env['STAFF_PASSWORD'] = 'a long and secret passphrase';
  expect(await main(['create-admin', '--tenant', 'wuppertal', '--email', 'it@wuppertal.example'])).toBe(0);
  expect(await main(['create-admin', '--tenant', 'wuppertal', '--email', 'it@wuppertal.example'])).toBe(1);
  expect(console.error).toHaveBeenLastCalledWith(expect.stringContaining('already has an account'));
  expect(await main(['create-admin', '--email', 'x@y.example'])).toBe(2);
});

it('refuses with one clear line while the service has the same DATA_DIR open', async () => {
  // The running service holds the embedded store (its lock file names a live process).
  const running = await openEmbeddedStore({ dataDir });
  try {
    expect(await main(['create-admin', '--tenant', 'wuppertal', '--email', 'it@wuppertal.example'])).toBe(1);
    expect(console.error).toHaveBeenCalledTimes(1);
    expect(console.error).toHaveBeenLastCalledWith('the service is running on this DATA_DIR: stop it first, or create the admin with ADMIN_EMAIL/ADMIN_PASSWORD at start');
  } finally {
    await running.close();
  }
  // Once it is stopped, the command works.
  expect(await main(['create-admin', '--tenant', 'wuppertal', '--email', 'it@wuppertal.example'])).toBe(0);
});
