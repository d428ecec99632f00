import { describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../src/foundation/profiles/profile-repository.js';
import { paragraphsOf, type ApiCall } from '../support/telegram-api.js';
import { callbackUpdate, myChatMemberUpdate, stickerUpdate, TEST_CHAT_ID, TEST_USER, textUpdate } from '../support/telegram-updates.js';
import { APP_TEST_TENANT, APP_TEST_TOKEN } from '../support/test-app.js';
import { inlineKeyboardOf as keyboardOf, telegramTestApp, textsOf } from '../support/chat-helpers.js';

/** The main menu: every journey's entry, then profile and help. */
const MENU_EN = ['What good can I do?', 'My volunteering', 'Marketplace', 'Workshops', 'Pathways into work', 'Talk to a person', 'My profile', 'Help'];

const account = { tenantId: APP_TEST_TENANT, channel: 'telegram' as const, accountId: String(TEST_USER.id) };

describe('a citizen on Telegram', () => {
  const running = telegramTestApp();
  const send = (update: unknown): Promise<ApiCall[]> => running.chat.send(update);
  const press = (title: string): Promise<ApiCall[]> => running.chat.press(title);

  async function consentInEnglish(): Promise<void> {
    await send(textUpdate('/start'));
    await press('English');
    await press('I agree');
  }

  it('sees a greeting and the language buttons on /start, then privacy, consent and the menu', async () => {
    const start = await send(textUpdate('/start'));
    expect(textsOf(start)[0]).toMatch(/^Hallo! Ich bin der KoSI-Bot von Wuppertal/);
    const languageQuestion = start.find((call) => keyboardOf(call).length > 0)!;
    expect(keyboardOf(languageQuestion).map((button) => button.text)).toEqual(['Deutsch', 'Leichte Sprache', 'English', 'Türkçe', 'Українська', 'العربية', 'Русский', 'Polski']);
    expect(keyboardOf(languageQuestion)[2]!.callback_data).toMatch(/^\d+\|en$/);

    const privacy = await press('English');
    expect(privacy.some((call) => call.method === 'answerCallbackQuery')).toBe(true);
    expect(privacy.some((call) => call.method === 'editMessageReplyMarkup')).toBe(true);
    expect(textsOf(privacy).join('\n')).toMatch(/A quick word on privacy/);
    expect(keyboardOf(privacy.find((call) => keyboardOf(call).length > 0)!).map((button) => button.text)).toEqual(['I agree', 'No, thanks']);

    const menu = await press('I agree');
    expect(paragraphsOf(menu)).toContain('Thank you! Let\'s get started.');
    expect(keyboardOf(menu.find((call) => keyboardOf(call).length > 0)!).map((button) => button.text)).toEqual(MENU_EN);

    const profile = await new ProfileRepository(running.harness.app.store).findByAccount(account);
    expect(profile?.consent.status).toBe('given');
    expect(profile?.locale).toBe('en');
    const reference = JSON.parse(profile!.accounts[0]!.conversationReference!);
    expect(reference.conversation.id).toBe(`${APP_TEST_TENANT}:${TEST_CHAT_ID}`);
    expect(JSON.stringify(reference)).not.toContain(TEST_USER.first_name);
  });

  it('declining stores nothing but the refusal and tells what still works', async () => {
    await send(textUpdate('/start'));
    await press('Deutsch');
    const declined = await press('Nein, danke');
    expect(textsOf(declined).join('\n')).toMatch(/ich speichere nichts über dich.*\/help/s);
    const profile = await new ProfileRepository(running.harness.app.store).findByAccount(account);
    expect(profile?.consent.status).toBe('declined');
    expect(profile?.locale).toBeUndefined();
    expect(profile?.accounts[0]?.conversationReference).toBeUndefined();
  });

  it('handles an update delivered twice only once', async () => {
    const update = textUpdate('/start');
    const first = await send(update);
    const second = await send(update);
    expect(textsOf(first).length).toBeGreaterThan(0);
    expect(second).toEqual([]);
  });

  it('answers a stale button with "no longer available" and the current menu', async () => {
    await send(textUpdate('/start'));
    const languageKeyboard = keyboardOf(running.telegram.calls.find((call) => keyboardOf(call).length > 0)!);
    await press('English');
    await press('I agree');
    const stale = await send(callbackUpdate(languageKeyboard[0]!.callback_data!));
    expect(paragraphsOf(stale)[0]).toBe('That option is no longer available. Here is the current menu.');
    expect(keyboardOf(stale.find((call) => keyboardOf(call).length > 0)!).map((button) => button.text)).toEqual(MENU_EN);
  });

  it('ignores a double click on the same button', async () => {
    await send(textUpdate('/start'));
    const keyboard = keyboardOf(running.telegram.calls.find((call) => keyboardOf(call).length > 0)!);
    const english = keyboard.find((button) => button.text === 'English')!.callback_data!;
    const first = await send(callbackUpdate(english));
    const second = await send(callbackUpdate(english));
    expect(textsOf(first).join('\n')).toMatch(/A quick word on privacy/);
    expect(textsOf(second)).toEqual([]);
  });

  it('stops announcements with /stop and keeps the menu reachable', async () => {
    await consentInEnglish();
    const stop = await send(textUpdate('/stop'));
    expect(textsOf(stop)[0]).toMatch(/you will not receive announcements any more/);
    const profile = await new ProfileRepository(running.harness.app.store).findByAccount(account);
    expect(profile?.announcements.subscribed).toBe(false);
    const help = await send(textUpdate('/help'));
    expect(textsOf(help)[0]).toMatch(/\/menu – main menu/);
  });

  it('sends the data export as a JSON document', async () => {
    await consentInEnglish();
    await press('My profile');
    const exported = await press('Export my data');
    const document = exported.find((call) => call.method === 'sendDocument');
    expect(document?.raw).toMatch(/filename="?kosi-my-data\.json/);
    expect(document?.raw).toContain('"consent"');
    expect(document?.raw).toContain(`"accountId": "${TEST_USER.id}"`);
  });

  it('deletes everything after a confirmation and starts over on the next message', async () => {
    await consentInEnglish();
    await press('My profile');
    const question = await press('Delete me');
    expect(textsOf(question).join('\n')).toMatch(/Do you really want to delete everything/);
    const deleted = await press('Yes, delete all');
    expect(textsOf(deleted).join('\n')).toMatch(/all your data has been deleted/);
    expect(await new ProfileRepository(running.harness.app.store).findByAccount(account)).toBeNull();
    const again = await send(textUpdate('hello'));
    expect(textsOf(again)[0]).toMatch(/^Hallo! Ich bin der KoSI-Bot/);
  });

  it('answers a sticker politely and asks the question again', async () => {
    await send(textUpdate('/start'));
    const sticker = await send(stickerUpdate());
    expect(textsOf(sticker)[0]).toMatch(/^Das kann ich leider noch nicht lesen/);
    expect(keyboardOf(sticker.find((call) => keyboardOf(call).length > 0)!).map((button) => button.text)).toEqual(['Deutsch', 'Leichte Sprache', 'English', 'Türkçe', 'Українська', 'العربية', 'Русский', 'Polski']);
  });

  it('marks the person blocked when they block the bot', async () => {
    await consentInEnglish();
    await send(myChatMemberUpdate('kicked'));
    const profile = await new ProfileRepository(running.harness.app.store).findByAccount(account);
    expect(profile?.status).toBe('blocked');
  });

  it('refuses a webhook call without the secret header', async () => {
    const response = await fetch(`${running.harness.baseUrl}/telegram/${APP_TEST_TENANT}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(textUpdate('/start')),
    });
    expect(response.status).toBe(401);
    expect(running.telegram.calls).toEqual([]);
  });

  it('refuses a webhook body with invalid JSON or Mongo operators with 400', async () => {
    const post = (body: string) =>
      fetch(`${running.harness.baseUrl}/telegram/${APP_TEST_TENANT}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'app-test-webhook-secret_0123456789' },
        body,
      });
    expect((await post('{"update_id": 1, ')).status).toBe(400);
    expect((await post('{"update_id": {"$gt": 0}}')).status).toBe(400);
    expect(running.telegram.calls).toEqual([]);
  });

  it('keeps names and message texts out of the logs', async () => {
    await send(textUpdate('/start', { from: { ...TEST_USER, first_name: 'Zoë<script>' } }));
    await send(textUpdate('Mein Geheimnis 4711'));
    const logs = running.harness.logs.join('\n');
    expect(logs).not.toContain('Zoë');
    expect(logs).not.toContain('Geheimnis');
    expect(logs).not.toContain(APP_TEST_TOKEN);
  });

  it('does not take a digit inside a sentence as "yes" when asked to delete everything', async () => {
    await consentInEnglish();
    await press('My profile');
    await press('Delete me');
    const answer = await send(textUpdate('I have 1 question first'));
    expect(textsOf(answer)[0]).toBe('Please answer “Yes, delete everything” or “No”.');
    expect(await new ProfileRepository(running.harness.app.store).findByAccount(account)).not.toBeNull();
  });

  it('takes consent only from the button or its exact words, not from a sentence that contains them', async () => {
    await send(textUpdate('/start'));
    await press('English');
    const vague = await send(textUpdate('I agree with nothing, 1 question'));
    expect(textsOf(vague)[0]).toBe('Please answer “I agree” or “No, thanks”.');
    expect(await new ProfileRepository(running.harness.app.store).findByAccount(account)).toBeNull();
    const typed = await send(textUpdate('i agree'));
    expect(paragraphsOf(typed)).toContain('Thank you! Let\'s get started.');
  });

  it('keeps personal flows out of group chats and points to a private chat', async () => {
    const group = await send(textUpdate('/start', { chatId: -100123 }));
    expect(textsOf(group)).toHaveLength(1);
    expect(textsOf(group)[0]).toMatch(/^Ich unterhalte mich nur in privaten Chats/);
    expect(group.some((call) => keyboardOf(call).length > 0)).toBe(false);
    expect(await send(textUpdate('Hallo zusammen', { chatId: -100123 }))).toEqual([]);
    expect(await send(textUpdate('/help@other_bot', { chatId: -100123 }))).toEqual([]);
    expect(await new ProfileRepository(running.harness.app.store).findByAccount(account)).toBeNull();
  });

  it('honours /stop from someone whose consent is for an older privacy notice', async () => {
    await consentInEnglish();
    const repository = new ProfileRepository(running.harness.app.store);
    const profile = (await repository.findByAccount(account))!;
    await repository.update(APP_TEST_TENANT, profile._id, { $set: { 'consent.version': '2020-01' } });
    const stop = await send(textUpdate('/stop'));
    expect(textsOf(stop)[0]).toMatch(/you will not receive announcements any more/);
    expect((await repository.findByAccount(account))?.announcements.subscribed).toBe(false);
  });

  it('treats someone who blocked the bot and writes again as reachable again', async () => {
    await consentInEnglish();
    await send(myChatMemberUpdate('kicked'));
    await send(textUpdate('/menu'));
    expect((await new ProfileRepository(running.harness.app.store).findByAccount(account))?.status).toBe('active');
  });

  it('does not ask someone who declined again on the next message, but /start does', async () => {
    await send(textUpdate('/start'));
    await press('Deutsch');
    await press('Nein, danke');
    const next = await send(textUpdate('Hallo?'));
    expect(textsOf(next)).toEqual([expect.stringMatching(/^Du hattest dem Datenschutzhinweis nicht zugestimmt/)]);
    const start = await send(textUpdate('/start'));
    expect(start.some((call) => keyboardOf(call).some((button) => button.text === 'Deutsch'))).toBe(true);
  });

  it('finds a menu item from a typed part of its title', async () => {
    await send(textUpdate('/start'));
    await press('Deutsch');
    await press('Einverstanden');
    const profile = await send(textUpdate('profil'));
    expect(textsOf(profile)[0]).toMatch(/^Dein Profil/);
  });

  it('asks someone who agreed after refusing for announcements like any new member, and a new refusal replaces an old one', async () => {
    await send(textUpdate('/start'));
    await press('English');
    await press('No, thanks');
    const repository = new ProfileRepository(running.harness.app.store);
    const refusal = (await repository.findByAccount(account))!;
    await repository.update(APP_TEST_TENANT, refusal._id, { $set: { 'consent.version': '2020-01' } });

    await send(textUpdate('/start'));
    await press('English');
    await press('No, thanks');
    expect((await repository.findByAccount(account))?.consent).toMatchObject({ status: 'declined', version: expect.not.stringMatching(/^2020-01$/) });
    expect(textsOf(await send(textUpdate('hello')))).toEqual([expect.stringMatching(/^You did not agree to the privacy notice/)]);

    await send(textUpdate('/start'));
    await press('English');
    await press('I agree');
    expect((await repository.findByAccount(account))?.announcements.subscribed).toBe(true);
  });
});
