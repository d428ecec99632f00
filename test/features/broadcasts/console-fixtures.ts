import { expect } from 'vitest';
import type { AnyRole } from '../../../src/staff/accounts/staff-user.js';
import { startBotApiEmulator, EMULATOR_BOT, type BotApiEmulator, type BotApiEmulatorOptions } from '../../support/bot-api-emulator.js';
import { APP_TEST_TENANT, APP_TEST_TOKEN, startTestApp, type TestApp } from '../../support/test-app.js';
import { StaffClient } from '../../staff/staff-client.js';

/** Staff of the console tests (the admin is created from ADMIN_EMAIL at start). */
export const STAFF = {
  admin: { email: 'admin@wuppertal.example', password: 'the first admin password', name: 'Admin', role: 'admin' },
  editor: { email: 'erika@wuppertal.example', password: 'erika has a long password', name: 'Erika Redaktion', role: 'editor' },
  secondEditor: { email: 'emil@wuppertal.example', password: 'emil has a long password', name: 'Emil Redaktion', role: 'editor' },
  counsellor: { email: 'clara@wuppertal.example', password: 'clara has a long password', name: 'Clara Beratung', role: 'counsellor' },
} as const satisfies Record<string, { email: string; password: string; name: string; role: AnyRole }>;
export type StaffKey = keyof typeof STAFF;

export interface ConsoleApp {
  harness: TestApp;
  telegram: BotApiEmulator;
  signIn(who: StaffKey): Promise<StaffClient>;
  stop(): Promise<void>;
}

/**
 * The whole app with a local Bot API emulator (Telegram's limits, on 127.0.0.1) and the console's
 * staff accounts. `env` e.g. TELEGRAM_BROADCAST_RATE to watch a broadcast progress slowly.
 */
export async function startConsoleApp(options: { env?: Record<string, string>; emulator?: BotApiEmulatorOptions } = {}): Promise<ConsoleApp> {
  const telegram = await startBotApiEmulator(options.emulator);
  const harness = await startTestApp({
    env: { TELEGRAM_BOT_TOKEN: APP_TEST_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, ADMIN_EMAIL: STAFF.admin.email, ADMIN_PASSWORD: STAFF.admin.password, ...options.env },
    overrides: {
      telegram: { botInfo: EMULATOR_BOT },
      broadcasts: { pollMs: 100, retryBaseMs: 100 },
      staff: { loginAttemptsPerWindow: 1000 },
    },
  });
  const { accounts } = harness.app.staffConsole;
  for (const key of ['editor', 'secondEditor', 'counsellor'] as const) {
    const { email, password, name, role } = STAFF[key];
    await accounts.create({ tenantId: APP_TEST_TENANT, email, password, name, role });
  }
  return {
    harness,
    telegram,
    async signIn(who) {
      const client = new StaffClient(harness.baseUrl);
      const response = await client.consoleSignIn(STAFF[who].email, STAFF[who].password);
      expect(response.status).toBe(303);
      return client;
    },
    async stop() {
      await harness.stop();
      await telegram.close();
    },
  };
}

/** The composer's fields for a bilingual workshop announcement to everyone; override any. */
export function composerForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: 'Werkstatt-Einladung',
    topic: 'workshops',
    'texts.de': 'Am Samstag startet die Werkstattreihe.',
    'texts.en': 'The workshop series starts on Saturday.',
    longText: 'split',
    'button.kind': '',
    'button.target': '',
    'button.labels.de': '',
    'button.labels.en': '',
    'audience.districtsOther': '',
    'audience.joinedAfter': '',
    'audience.joinedBefore': '',
    intent: 'save',
    ...overrides,
  };
}

/** The broadcast id of a redirect to its page (`/console/broadcasts/<id>?notice=…`). */
export function broadcastIdOf(response: Response): string {
  const location = response.headers.get('location') ?? '';
  const match = /^\/console\/broadcasts\/([\w-]+)(\?|$)/.exec(location);
  if (!match) throw new Error(`not a redirect to a broadcast: ${response.status} ${location}`);
  return match[1]!;
}

/** Polls until `check` holds (no timing assertion: only a generous limit against hanging). */
export async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
