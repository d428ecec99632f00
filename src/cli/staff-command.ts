/**
 * Staff accounts from the command line, for the first admin of a city (or a forgotten password):
 *
 *   npm run staff -- create-admin --tenant wuppertal --email it@stadt.example.de [--name "Ada"] [--role admin|editor|counsellor|super-admin]
 *   npm run staff -- set-password --tenant wuppertal --email it@stadt.example.de
 *
 * The password is asked for on a terminal (not echoed), else read from STAFF_PASSWORD or, when that
 * is unset, from the first line of standard input (e.g. a secrets file piped in). It never goes on the
 * command line, where other users of the machine could see it in the process list.
 *
 * With the embedded store (no MONGODB_URI) the data folder belongs to one process: while the service
 * runs on the same DATA_DIR the command refuses with one line and exit code 1.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { ConfigError } from '../platform/config/config-error.js';
import { loadConfig } from '../platform/config/load-config.js';
import { createLogger } from '../platform/logging/logger.js';
import { openStore } from '../platform/store/open-store.js';
import { StoreLockedError } from '../platform/store/embedded/data-dir-lock.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../staff/accounts/passwords.js';
import { StaffAccountError, StaffAccounts } from '../staff/accounts/staff-accounts.js';
import { StaffUserRepository } from '../staff/accounts/staff-user-repository.js';
import { ALL_TENANTS, STAFF_ROLES, type AnyRole } from '../staff/accounts/staff-user.js';

const USAGE = `usage:
  npm run staff -- create-admin --tenant <city id> --email <address> [--name <name>] [--role admin|editor|counsellor|super-admin]
  npm run staff -- set-password --tenant <city id> --email <address>
The password is asked for on a terminal, or read from STAFF_PASSWORD, or from the first line of standard input.`;

export const RUNNING_MESSAGE = 'the service is running on this DATA_DIR: stop it first, or create the admin with ADMIN_EMAIL/ADMIN_PASSWORD at start';

async function readPassword(): Promise<string> {
  if (process.env['STAFF_PASSWORD']) return process.env['STAFF_PASSWORD'];
  if (process.stdin.isTTY) return promptHidden(`Password (at least ${PASSWORD_MIN_LENGTH} characters): `);
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    process.stdout.write(question);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (char === '\u0003') process.exit(130);
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'create-admin' && command !== 'set-password') {
    console.error(USAGE);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { tenant: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } } });
  if (!values.email || (!values.tenant && values.role !== 'super-admin')) {
    console.error(USAGE);
    return 2;
  }
  const role = (values.role ?? 'admin') as AnyRole;
  if (![...STAFF_ROLES, 'super-admin'].includes(role)) {
    console.error(`unknown role "${role}"`);
    return 2;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`configuration error: ${error.message}`);
    return 1;
  }
  const tenantId = role === 'super-admin' ? ALL_TENANTS : values.tenant!;
  if (tenantId !== ALL_TENANTS && !config.tenants.some((tenant) => tenant.id === tenantId)) {
    console.error(`unknown city "${tenantId}"; configured: ${config.tenants.map((tenant) => tenant.id).join(', ')}`);
    return 1;
  }
  const password = await readPassword();
  let store;
  try {
    store = await openStore(config, createLogger('warn'));
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
    // The embedded store belongs to one process at a time.
    console.error(RUNNING_MESSAGE);
    return 1;
  }
  try {
    const accounts = new StaffAccounts(new StaffUserRepository(store), () => new Date());
    if (command === 'create-admin') {
      const user = await accounts.create({ tenantId, email: values.email, name: values.name ?? values.email.split('@')[0]!, role, password });
      process.stdout.write(`created ${user.role} ${user.email} for ${user.tenantId === ALL_TENANTS ? 'every city' : user.tenantId}; sign in at /console/login\n`);
    } else {
      const user = await accounts.findForSignIn(tenantId, values.email);
      if (!user) {
        console.error(`no account ${values.email} in ${tenantId}`);
        return 1;
      }
      await accounts.setPassword(user.tenantId, user._id, password);
      process.stdout.write(`new password set for ${user.email}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof StaffAccountError)) throw error;
    const messages: Record<string, string> = {
      'email-taken': 'this e-mail address already has an account in this city',
      'password-too-short': `the password needs at least ${PASSWORD_MIN_LENGTH} characters`,
      'password-too-long': `the password may have at most ${PASSWORD_MAX_LENGTH} characters`,
    };
    console.error(messages[error.code] ?? error.code);
    return 1;
  } finally {
    await store.close();
  }
}
