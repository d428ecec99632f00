import { describe, expect, it } from 'vitest';
import { paragraphsOf, type ApiCall } from '../../support/telegram-api.js';
import { callbackUpdate, TEST_USER, textUpdate } from '../../support/telegram-updates.js';
import { APP_TEST_TENANT } from '../../support/test-app.js';
import { inlineKeyboardOf, keyboardButtonsOf, telegramTestApp, textsOf } from '../../support/chat-helpers.js';
import { announce, audienceOf, profileOf } from './chat-journey-helpers.js';

const account = { tenantId: APP_TEST_TENANT, channel: 'telegram' as const, accountId: String(TEST_USER.id) };
const MENU_PROMPT_EN = 'What would you like to do?';

describe('announcement topics on Telegram', () => {
  const running = telegramTestApp();
  const send = (update: unknown): Promise<ApiCall[]> => running.chat.send(update);
  const press = (title: string | RegExp): Promise<ApiCall[]> => running.chat.press(title);

  async function consentIn(language: 'English' | 'Deutsch'): Promise<void> {
    await send(textUpdate('/start'));
    await press(language);
    await press(language === 'English' ? 'I agree' : 'Einverstanden');
  }

  /** The announcement as the person's chat got it. */
  function announcementIn(calls: readonly ApiCall[], text: string): ApiCall {
    const found = calls.find((call) => call.method === 'sendMessage' && Number(call.body.chat_id) === TEST_USER.id && String(call.body.text).startsWith(text));
    if (!found) throw new Error(`no announcement "${text}" in the chat`);
    return found;
  }

  it('"Unsubscribe topic" under an announcement ends that topic only, and a second press is harmless', async () => {
    await consentIn('English');
    await announce(running.harness.app, APP_TEST_TENANT, 'workshops', { de: 'Neuer Workshop!', en: 'A new workshop!' });
    const announcement = announcementIn(running.telegram.calls, 'A new workshop!');
    const unsubscribe = inlineKeyboardOf(announcement).find((button) => button.text === 'Unsubscribe topic')!;
    expect(unsubscribe.callback_data).toBe('0|/open topic-off-workshops');

    const done = await send(callbackUpdate(unsubscribe.callback_data!));
    expect(paragraphsOf(done)[0]).toBe('Done: you will not receive announcements on “Workshops” any more. You keep receiving your other topics.');
    expect(keyboardButtonsOf(done)).toEqual(['Unsubscribe from all announcements', 'Choose topics', 'Done']);
    expect((await profileOf(running.harness.app, account)).announcements).toEqual({ subscribed: true, topics: ['city', 'volunteering', 'jobs'] });
    expect(await audienceOf(running.harness.app, APP_TEST_TENANT, 'workshops')).toBe(0);
    expect(await audienceOf(running.harness.app, APP_TEST_TENANT, 'city')).toBe(1);

    // The same (old) button again, e.g. in a second announcement on the topic: nothing changes.
    const again = await send(callbackUpdate(unsubscribe.callback_data!));
    expect(paragraphsOf(again)[0]).toBe('You already do not receive announcements on “Workshops”.');
    expect((await profileOf(running.harness.app, account)).announcements.topics).toEqual(['city', 'volunteering', 'jobs']);

    const menu = await press('Done');
    expect(paragraphsOf(menu)).toContain(MENU_PROMPT_EN);
  });

  it('offers to unsubscribe from everything after a topic, in the person\'s language', async () => {
    await consentIn('Deutsch');
    await announce(running.harness.app, APP_TEST_TENANT, 'city', { de: 'Neues aus dem Rathaus', en: 'News from the town hall' });
    const announcement = announcementIn(running.telegram.calls, 'Neues aus dem Rathaus');
    expect(inlineKeyboardOf(announcement).map((button) => button.text)).toEqual(['Thema abbestellen']);

    const done = await send(callbackUpdate(inlineKeyboardOf(announcement)[0]!.callback_data!));
    expect(paragraphsOf(done)[0]).toBe('Erledigt: Zum Thema „Neues aus der Stadt“ bekommst du keine Ankündigungen mehr. Deine anderen Themen bekommst du weiter.');
    expect(keyboardButtonsOf(done)).toEqual(['Alle Ankündigungen abbestellen', 'Themen wählen', 'Fertig']);
    const allOff = await press('Alle Ankündigungen abbestellen');
    expect(textsOf(allOff)[0]).toMatch(/^Erledigt: Du bekommst keine Ankündigungen mehr\./);
    expect((await profileOf(running.harness.app, account)).announcements.subscribed).toBe(false);
    expect(await audienceOf(running.harness.app, APP_TEST_TENANT, 'jobs')).toBe(0);
  });

  it('chooses topics from the announcement: each topic with on/off, switched one press at a time', async () => {
    await consentIn('English');
    await send(textUpdate('/open topic-off-jobs'));
    const list = await press('Choose topics');
    expect(textsOf(list)[0]).toBe(
      'You receive announcements on the topics marked ✅:\n✅ City news – on\n✅ Workshops – on\n✅ Volunteering and good deeds – on\n⬜ Training and work – off\n\nTap a topic to switch it on or off.',
    );
    expect(keyboardButtonsOf(list)).toEqual(['✅ City news', '✅ Workshops', '✅ Volunteering and good deeds', '⬜ Training and work', 'Done']);

    const off = await press('✅ City news');
    expect(paragraphsOf(off)[0]).toBe('“City news” is off now.');
    expect(keyboardButtonsOf(off)).toEqual(['⬜ City news', '✅ Workshops', '✅ Volunteering and good deeds', '⬜ Training and work', 'Done']);
    const on = await press('⬜ Training and work');
    expect(paragraphsOf(on)[0]).toBe('“Training and work” is on now.');
    expect((await profileOf(running.harness.app, account)).announcements).toEqual({ subscribed: true, topics: ['workshops', 'volunteering', 'jobs'] });

    // Typing a topic's name works like its button.
    const typed = await send(textUpdate('Workshops'));
    expect(paragraphsOf(typed)[0]).toBe('“Workshops” is off now.');
    const menu = await press('Done');
    expect(paragraphsOf(menu)).toContain(MENU_PROMPT_EN);
    expect(await audienceOf(running.harness.app, APP_TEST_TENANT, 'workshops')).toBe(0);
    expect(await audienceOf(running.harness.app, APP_TEST_TENANT, 'volunteering')).toBe(1);
  });

  it('switching the last topic off ends announcements; switching one on starts them again', async () => {
    await consentIn('English');
    await press('My profile');
    await press('Announcement topics');
    for (const topic of ['City news', 'Workshops', 'Volunteering and good deeds']) await press(`✅ ${topic}`);
    const last = await press('✅ Training and work');
    expect(paragraphsOf(last)[0]).toBe('“Training and work” is off now. That was your last topic – you will not receive any announcements now.');
    expect(paragraphsOf(last)[1]).toMatch(/^You do not receive announcements at the moment\./);
    expect((await profileOf(running.harness.app, account)).announcements).toEqual({ subscribed: false, topics: ['jobs'] });

    await press('⬜ Workshops');
    expect((await profileOf(running.harness.app, account)).announcements).toEqual({ subscribed: true, topics: ['workshops'] });
    // Back in the profile, which now names the topic.
    const profile = await press('Done');
    expect(textsOf(profile)[0]).toMatch(/• Announcements: on \(Workshops\)/);
    expect(keyboardButtonsOf(profile)).toContain('Announcement topics');
  });

  it('after /stop, a topic button says so and offers to choose topics', async () => {
    await consentIn('English');
    await send(textUpdate('/stop'));
    const off = await send(textUpdate('/open topic-off-volunteering'));
    expect(paragraphsOf(off)[0]).toBe('You already do not receive announcements on “Volunteering and good deeds”.');
    expect(keyboardButtonsOf(off)).toEqual(['Choose topics', 'Done']);
  });

  it('answers an unknown topic with a clear message and the menu', async () => {
    await consentIn('English');
    const unknown = await send(textUpdate('/open topic-off-sports'));
    expect(textsOf(unknown)[0]).toMatch(/^Sorry, I do not know this topic \(any more\)\./);
    expect(paragraphsOf(unknown)).toContain(MENU_PROMPT_EN);
    expect((await profileOf(running.harness.app, account)).announcements).toEqual({ subscribed: true, topics: [] });
  });

  it('asks someone new for consent first, then unsubscribes the topic', async () => {
    const start = await send(textUpdate('/open topic-off-workshops'));
    expect(textsOf(start)[0]).toMatch(/^Hallo! Ich bin der KoSI-Bot/);
    await press('English');
    const done = await press('I agree');
    expect(paragraphsOf(done)).toContain('Done: you will not receive announcements on “Workshops” any more. You keep receiving your other topics.');
    expect((await profileOf(running.harness.app, account)).announcements.topics).toEqual(['city', 'volunteering', 'jobs']);
  });
});
