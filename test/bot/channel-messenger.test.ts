import { afterEach, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../src/foundation/profiles/profile-repository.js';
import { actionButton } from '../../src/bot/action-buttons.js';
import { fakeTelegramApi, isolateNetwork, type FakeTelegramApi } from '../support/telegram-api.js';
import { TEST_USER } from '../support/telegram-updates.js';
import { APP_TEST_TENANT, APP_TEST_TOKEN, startTestApp, type TestApp, type WebChatVisit } from '../support/test-app.js';
import { buttonsOf, choose, telegramChat } from '../support/chat-helpers.js';
import type { Translate } from '../../src/platform/i18n/translator.js';

describe('proactive messages (reminders, staff replies) through the channels', () => {
  let harness: TestApp | undefined;
  let telegram: FakeTelegramApi | undefined;
  let visit: WebChatVisit | undefined;

  afterEach(async () => {
    visit?.client.end();
    await harness?.stop();
    telegram?.close();
    harness = telegram = visit = undefined;
  });

  const reminder = (t: Translate) => [{ type: 'message' as const, text: t('help:text') }];

  it('reach a web chat visitor in the conversation, in their language', async () => {
    harness = await startTestApp();
    visit = await harness.openWebChat();
    await choose(visit, 'English');
    await choose(visit, 'I agree');
    await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('My profile'));

    const profile = await new ProfileRepository(harness.app.store).findByAccount({ tenantId: APP_TEST_TENANT, channel: 'webchat', accountId: visit.client.userId });
    const result = await harness.app.messenger.sendToProfile(APP_TEST_TENANT, profile!._id, reminder);

    expect(result).toBe('sent');
    // In English, as chosen.
    await visit.client.waitForBotReply((activity) => activity.type === 'message' && /^How to talk to me/.test(activity.text ?? ''));
  });

  it('reach a Telegram chat; a person who blocked the bot is unreachable and marked blocked', async () => {
    isolateNetwork();
    telegram = fakeTelegramApi({ token: APP_TEST_TOKEN });
    harness = await startTestApp({ telegram: true });
    const chat = telegramChat(harness, telegram);
    await chat.say('/start');
    await chat.press('Deutsch');
    await chat.press('Einverstanden');
    const profiles = new ProfileRepository(harness.app.store);
    const profile = await profiles.findByAccount({ tenantId: APP_TEST_TENANT, channel: 'telegram', accountId: String(TEST_USER.id) });

    telegram.clear();
    const withButton = (t: Translate) => [{ type: 'message' as const, text: t('help:text'), suggestedActions: { to: [], actions: [actionButton('Menü', 'nothing-here')] } }];
    expect(await harness.app.messenger.sendToProfile(APP_TEST_TENANT, profile!._id, withButton)).toBe('sent');
    const [sent] = telegram.callsOf('sendMessage');
    expect(String(sent!.body.text)).toMatch(/Menü|menu/i);
    const [button] = (sent!.body.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    // A button in a message the bot sent on its own carries no sequence: it never goes stale.
    expect(button).toEqual({ text: 'Menü', callback_data: '0|/open nothing-here' });

    telegram.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    expect(await harness.app.messenger.sendToProfile(APP_TEST_TENANT, profile!._id, reminder)).toBe('unreachable');
    expect((await profiles.findById(APP_TEST_TENANT, profile!._id))?.status).toBe('blocked');

    telegram.clear();
    expect(await harness.app.messenger.sendToProfile(APP_TEST_TENANT, profile!._id, reminder)).toBe('unreachable');
    expect(telegram.callsOf('sendMessage')).toEqual([]);
  });

  it('never reach someone without a profile', async () => {
    harness = await startTestApp();
    expect(await harness.app.messenger.sendToProfile(APP_TEST_TENANT, 'p-unknown', reminder)).toBe('unreachable');
  });
});
