import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeTelegramApi, isolateNetwork, type FakeTelegramApi } from '../../support/telegram-api.js';
import { textUpdate } from '../../support/telegram-updates.js';
import { APP_TEST_TOKEN, startTestApp, type TestApp } from '../../support/test-app.js';
import { fillDisk, type FullDisk } from '../../support/full-disk.js';

const stateLine = (chat: number) =>
  JSON.stringify({ _id: `telegram/conversations/wuppertal:${chat}/`, tenantId: 'wuppertal', conversationId: `wuppertal:${chat}`, eTag: '1', data: '{}', updatedAt: { $$date: 0 } });

async function readiness(harness: TestApp): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${harness.baseUrl}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const logEntries = (harness: TestApp) => harness.logs.map((entry) => JSON.parse(entry) as { level: number; msg: string } & Record<string, unknown>);

describe('readiness of the embedded store', () => {
  let harness: TestApp | undefined;
  let telegram: FakeTelegramApi;
  let disk: FullDisk | undefined;
  beforeEach(() => {
    isolateNetwork();
    telegram = fakeTelegramApi({ token: APP_TEST_TOKEN });
  });
  afterEach(async () => {
    disk?.free();
    disk = undefined;
    await harness?.stop();
    harness = undefined;
    telegram.close();
  });

  it('is not ready while a collection did not load, says which at the start, and Telegram is asked to deliver again', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kosi-ready-'));
    // A crash in a disk-full episode: a torn line, and the next append glued onto it.
    await writeFile(join(dataDir, 'bot_state.db'), [stateLine(1), stateLine(2).slice(0, 40) + stateLine(3), stateLine(4)].join('\n') + '\n');
    harness = await startTestApp({ dataDir, telegram: true });

    const ready = await readiness(harness);
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({
      status: 'unavailable',
      store: 'embedded',
      problems: [{ collection: 'bot_state', reason: expect.stringMatching(/^not loaded: line 2 of 3 is damaged/) }],
      damaged: [{ collection: 'bot_state', copy: expect.stringMatching(/^damaged\/bot_state\.db\./) }],
    });
    const started = logEntries(harness).find((entry) => /^KoSI-Bot started/.test(entry.msg));
    expect(started).toMatchObject({ level: 50, problems: [{ collection: 'bot_state' }] });
    expect(started?.msg).toMatch(/not ready/);

    telegram.clear();
    const response = await harness.postTelegramUpdate(textUpdate('/start'));
    expect(response.status).toBe(503);
    // No apology: the update comes again and gets its real answer once the store is repaired.
    expect(telegram.callsOf('sendMessage')).toEqual([]);
  });

  it('stays ready with a damaged file whose torn last line was left out, and lists its copy', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kosi-ready-'));
    await writeFile(join(dataDir, 'bot_state.db'), [stateLine(1), stateLine(2).slice(0, 40)].join('\n'));
    harness = await startTestApp({ dataDir });

    const ready = await readiness(harness);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', store: 'embedded', telegram: {}, damaged: [{ collection: 'bot_state', copy: expect.stringMatching(/^damaged\/bot_state\.db\./) }] });
    expect(logEntries(harness).find((entry) => /^KoSI-Bot started/.test(entry.msg))).toMatchObject({ level: 40, damaged: [{ collection: 'bot_state' }] });
  });

  it('is not ready while the disk is full, the webhook answers 5xx, and all is well again once there is room', async () => {
    harness = await startTestApp({ telegram: true });
    expect((await readiness(harness)).status).toBe(200);

    disk = fillDisk(harness.dataDir);
    telegram.clear();
    const update = textUpdate('/start');
    expect((await harness.postTelegramUpdate(update)).status).toBe(503);
    expect(telegram.callsOf('sendMessage')).toEqual([]);
    const ready = await readiness(harness);
    expect(ready.status).toBe(503);
    expect(ready.body.problems).toEqual(expect.arrayContaining([{ collection: 'telegram_updates', reason: expect.stringMatching(/ENOSPC/) }]));

    disk.free();
    expect(await readiness(harness)).toMatchObject({ status: 200, body: { status: 'ready' } });
    // Telegram's redelivery of the same update now gets its answer.
    expect((await harness.postTelegramUpdate(update)).status).toBe(200);
    expect(telegram.callsOf('sendMessage').length).toBeGreaterThan(0);
  });
});
