import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/platform/config/load-config.js';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { EMULATOR_BOT, startBotApiEmulator, type AcceptedMessage, type BotApiEmulator } from '../../support/bot-api-emulator.js';
import { seedTelegramSubscribers } from '../../support/broadcast-fixtures.js';

/**
 * Crash safety with a real kill -9: the service (`node src/main.ts`, as deployed) sends a broadcast
 * to 150 Telegram subscribers through the rate-enforcing Bot API emulator; when the emulator has
 * accepted the 60th message, the process is killed with SIGKILL before it hears the answer. Started
 * again on the same DATA_DIR, it must finish the broadcast: every person gets the message exactly
 * once, nobody twice, nobody skipped.
 *
 * The kill falls on the 60th message: with 30 messages per second the dispatcher has then used up
 * its second one-second window, so every message it had claimed has reached Telegram. (A kill between
 * claiming a delivery and putting the call on the wire would leave that person without the message:
 * it counts as sent, unconfirmed, because repeating an uncertain message is worse. Not provoked here.)
 */

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TENANT = 'wuppertal';
const TOKEN = `${EMULATOR_BOT.id}:AAE-crash-test-token-0123456789abcdefgh`;
const RECIPIENTS = 150;
const KILL_AT = 60;
const EDITOR = { id: 'crash-test-editor', name: 'Erika Editor' };
const TEXTS = { de: 'Neue Werkstatt am Donnerstag im Rathaus.', en: 'New workshop on Thursday at the town hall.' };

interface Service {
  child: ChildProcess;
  /** The JSON log lines (pino) the process wrote. */
  logs: Record<string, unknown>[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The service as `npm start` runs it (from the TypeScript sources, through tsx). */
function startService(env: Record<string, string>): Service {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      logs.push({ msg: line });
    }
  });
  createInterface({ input: child.stderr! }).on('line', (line) => void stderr.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, logs, stderr, exited };
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await sleep(100);
  }
}

function within<T>(promise: Promise<T>, timeoutMs: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting: ${what()}`)), timeoutMs)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('a broadcast survives kill -9 of the service in the middle of sending', () => {
  let telegram: BotApiEmulator | undefined;
  let dataDir: string | undefined;
  const services: Service[] = [];

  afterAll(async () => {
    for (const service of services) if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill('SIGKILL');
    await Promise.all(services.map((service) => service.exited));
    await telegram?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('goes on after the restart: every person gets the message exactly once', { timeout: 240_000 }, async () => {
    // Set once the service runs: the emulator's hook kills it.
    let firstRun: Service | undefined = undefined;
    let killedAfter: AcceptedMessage | undefined;
    telegram = await startBotApiEmulator({
      onMessage: async (message) => {
        if (killedAfter || !firstRun || telegram!.messages.length < KILL_AT) return;
        killedAfter = message;
        // Before the answer is written: the process never learns that this message arrived.
        process.kill(firstRun.child.pid!, 'SIGKILL');
        await firstRun.exited;
      },
    });
    dataDir = await mkdtemp(join(tmpdir(), 'kosi-crash-'));
    const env = {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      TENANT_ID: TENANT,
      TENANT_NAME: 'Wuppertal',
      DEMO_CONTENT: 'none',
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      LOG_LEVEL: 'info',
    };

    // The audience and the broadcast, written while no service runs (one process per DATA_DIR).
    const setup = await createApp(loadConfig(env), createLogger('silent'));
    const { chatIds } = await seedTelegramSubscribers(setup.store, TENANT, RECIPIENTS);
    const draft = await setup.broadcasts.create(TENANT, EDITOR, {
      title: 'Werkstatt',
      topic: 'workshops',
      texts: TEXTS,
      audience: { channels: ['telegram'], locales: [], interests: [], districts: [], topics: [] },
      longText: 'refuse',
    });
    await setup.broadcasts.submit(TENANT, draft._id, EDITOR, 'now');
    await setup.stop();

    firstRun = startService(env);
    services.push(firstRun);
    const firstExit = await within(firstRun.exited, 120_000, () => `the first run to be killed (${telegram!.messages.length} messages so far; stderr: ${firstRun!.stderr.join(' | ')})`);
    expect(firstExit.signal).toBe('SIGKILL');
    expect(killedAfter).toBeDefined();
    const beforeRestart = telegram.messages.length;
    expect(beforeRestart).toBeGreaterThanOrEqual(KILL_AT);
    expect(beforeRestart).toBeLessThan(RECIPIENTS);
    expect(firstRun.logs.some((line) => line.msg === 'broadcast started' && line.broadcastId === draft._id)).toBe(true);

    const secondRun = startService(env);
    services.push(secondRun);
    const completed = (): boolean => secondRun.logs.some((line) => line.msg === 'broadcast completed' && line.broadcastId === draft._id);
    await waitUntil(
      () => completed() && chatIds.every((chatId) => telegram!.messagesTo(chatId).length > 0),
      180_000,
      () => `all ${RECIPIENTS} chats and "broadcast completed" (${new Set(telegram!.messages.map((message) => message.chatId)).size} chats reached; stderr: ${secondRun.stderr.join(' | ')})`,
    );
    // Anything sent twice would arrive now.
    await sleep(2000);
    secondRun.child.kill('SIGTERM');
    expect((await within(secondRun.exited, 30_000, () => 'the second run to stop on SIGTERM')).code).toBe(0);

    expect(secondRun.logs.some((line) => line.msg === 'broadcast resumed after a crash; messages in flight count as sent (unconfirmed)')).toBe(true);
    expect(telegram.duplicates()).toEqual([]);
    expect(telegram.messages).toHaveLength(RECIPIENTS);
    for (const [index, chatId] of chatIds.entries()) {
      const received = telegram.messagesTo(chatId);
      expect(received, `chat ${chatId}`).toHaveLength(1);
      // Seeded alternately German and English: each person in their own language.
      expect(received[0]!.text).toContain(index % 2 === 0 ? TEXTS.de : TEXTS.en);
    }
    // The message the process died on arrived; the restart did not send it again.
    expect(telegram.messagesTo(killedAfter!.chatId)).toHaveLength(1);

    const after = await createApp(loadConfig(env), createLogger('silent'));
    try {
      const progress = await after.broadcasts.progress(TENANT, draft._id);
      expect(progress).toMatchObject({ status: 'completed', total: RECIPIENTS, sent: RECIPIENTS, pending: 0, failed: 0, blocked: 0, skipped: 0, cancelled: 0 });
      // At least the message the process died on counts as sent without Telegram's answer (the
      // answers of others may have come without being written down before the kill).
      expect(progress.unconfirmed).toBeGreaterThanOrEqual(1);
      expect(progress.unconfirmed).toBeLessThanOrEqual(beforeRestart);
    } finally {
      await after.stop();
    }
  });
});
