import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, APP_TEST_TENANT, APP_TEST_TOKEN, WEBHOOK_SECRET, type TestApp } from '../../support/test-app.js';
import { startBotApiEmulator, EMULATOR_BOT, type BotApiEmulator } from '../../support/bot-api-emulator.js';
import { seedTelegramSubscribers } from '../../support/broadcast-fixtures.js';
import { until } from './console-fixtures.js';
import type { BroadcastInput } from '../../../src/features/broadcasts/domain/broadcast.js';

const EDITOR = { id: 'staff-editor', name: 'Erika Editor' };
const ADMIN = { id: 'staff-admin', name: 'Anna Admin' };
const INPUT: BroadcastInput = {
  title: 'Stadtfest',
  topic: 'city',
  texts: { de: 'Samstag ist Stadtfest auf dem Laurentiusplatz.', en: 'City festival on Saturday at Laurentiusplatz.' },
  button: { kind: 'url', target: 'https://www.wuppertal.de/stadtfest', labels: { de: 'Programm' } },
  audience: { channels: [], locales: [], interests: [], districts: [], topics: [] },
  longText: 'split',
};

let harness: TestApp | undefined;
let telegram: BotApiEmulator | undefined;
afterEach(async () => {
  await harness?.stop();
  await telegram?.close();
  harness = telegram = undefined;
});

async function start(clock?: () => Date): Promise<{ harness: TestApp; telegram: BotApiEmulator }> {
  telegram = await startBotApiEmulator();
  harness = await startTestApp({
    env: {
      TELEGRAM_BOT_TOKEN: APP_TEST_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      PUBLIC_URL: 'https://bot.example.org',
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      DEMO_CONTENT: 'none',
    },
    overrides: { telegram: { botInfo: EMULATOR_BOT }, broadcasts: { pollMs: 100 }, ...(clock ? { clock } : {}) },
  });
  return { harness, telegram };
}


describe('approval, scheduling and click counting', () => {
  it('needs a second person when the city requires approval', async () => {
    const { harness, telegram } = await start();
    await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 3);
    const { broadcasts } = harness.app;
    await broadcasts.updateSettings(APP_TEST_TENANT, { requireApproval: true });
    const draft = await broadcasts.create(APP_TEST_TENANT, EDITOR, INPUT);

    expect((await broadcasts.submit(APP_TEST_TENANT, draft._id, EDITOR, 'now')).status).toBe('awaiting-approval');
    await expect(broadcasts.approve(APP_TEST_TENANT, draft._id, EDITOR)).rejects.toMatchObject({ code: 'same-approver' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(telegram.messages).toHaveLength(0);

    // Rejected: back to the editor as a draft; edited and submitted again; approved by the admin.
    expect((await broadcasts.reject(APP_TEST_TENANT, draft._id, ADMIN)).status).toBe('draft');
    await broadcasts.update(APP_TEST_TENANT, draft._id, EDITOR, { ...INPUT, texts: { ...INPUT.texts, de: 'Samstag ist Stadtfest!' } });
    await broadcasts.submit(APP_TEST_TENANT, draft._id, EDITOR, 'now');
    const approved = await broadcasts.approve(APP_TEST_TENANT, draft._id, ADMIN);
    expect(approved).toMatchObject({ status: 'scheduled', approvedBy: ADMIN, submittedBy: EDITOR });
    await until(async () => (await broadcasts.progress(APP_TEST_TENANT, draft._id)).status === 'completed');
    expect(telegram.messages.map((message) => message.text?.split('\n')[0]).sort()).toEqual(['City festival on Saturday at Laurentiusplatz.', 'Samstag ist Stadtfest!', 'Samstag ist Stadtfest!']);
  });

  it('starts a scheduled broadcast at its time, not before', async () => {
    let now = new Date(Date.now() - 86_400_000);
    const { harness, telegram } = await start(() => now);
    await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 2);
    const { broadcasts } = harness.app;
    const draft = await broadcasts.create(APP_TEST_TENANT, EDITOR, INPUT);
    const sendAt = new Date(now.getTime() + 2 * 3_600_000);
    expect(await broadcasts.submit(APP_TEST_TENANT, draft._id, EDITOR, sendAt)).toMatchObject({ status: 'scheduled', sendAt });

    now = new Date(sendAt.getTime() - 60_000);
    await harness.app.scheduler.runDue();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await broadcasts.get(APP_TEST_TENANT, draft._id))?.status).toBe('scheduled');
    expect(telegram.messages).toHaveLength(0);

    now = sendAt;
    await harness.app.scheduler.runDue();
    await until(async () => (await broadcasts.progress(APP_TEST_TENANT, draft._id)).status === 'completed');
    expect(telegram.messages).toHaveLength(2);
  });

  it('counts presses on a web link through the redirect and sends the person on', async () => {
    const { harness, telegram } = await start();
    await seedTelegramSubscribers(harness.app.store, APP_TEST_TENANT, 2, { locales: ['de'] });
    const { broadcasts } = harness.app;
    const draft = await broadcasts.create(APP_TEST_TENANT, EDITOR, INPUT);
    await broadcasts.submit(APP_TEST_TENANT, draft._id, EDITOR, 'now');
    await until(async () => (await broadcasts.progress(APP_TEST_TENANT, draft._id)).status === 'completed');

    const links = telegram.messages.map((message) => (message.replyMarkup as { inline_keyboard: { url?: string }[][] }).inline_keyboard[0]![0]!.url!);
    expect(links.every((link) => link.startsWith('https://bot.example.org/b/wuppertal/d'))).toBe(true);
    const local = (link: string) => `${harness.baseUrl}${new URL(link).pathname}`;
    const answer = await fetch(local(links[0]!), { redirect: 'manual' });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('https://www.wuppertal.de/stadtfest');
    await fetch(local(links[0]!), { redirect: 'manual' });
    expect(await broadcasts.progress(APP_TEST_TENANT, draft._id)).toMatchObject({ clicks: 2, clickers: 1 });

    expect((await fetch(`${harness.baseUrl}/b/wuppertal/dunknown0000`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${harness.baseUrl}/b/wuppertal/%24gt`, { redirect: 'manual' })).status).toBe(404);
  });
});
