import { paragraphsOf } from '../support/telegram-api.js';
import { describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { ProfileRepository } from '../../src/foundation/profiles/profile-repository.js';
import { TEST_USER } from '../support/telegram-updates.js';
import { APP_TEST_TENANT } from '../support/test-app.js';
import { buttonsOf, choose, telegramTestApp, textOf, webChatSessions } from '../support/chat-helpers.js';
import { allTexts } from '../support/texts.js';

/** Someone whose Telegram app is set to Arabic. */
const ARABIC_USER: User = { ...TEST_USER, id: 5151, first_name: 'Rana', language_code: 'ar' };
const ar = allTexts().forLocale('ar');
const tr = allTexts().forLocale('tr');
const LANGUAGES_ARABIC_FIRST = ['العربية', 'Deutsch', 'Leichte Sprache', 'English', 'Türkçe', 'Українська', 'Русский', 'Polski'];
const ARABIC_LETTERS = /[\u0600-\u06FF]/;
/** The language a bot activity says it is in (Direct Line's `locale`). */
const localeOf = (activity: object): string | undefined => (activity as { locale?: string }).locale;

describe('an Arabic speaker on Telegram', () => {
  const running = telegramTestApp();
  const profileOf = (user: User) => new ProfileRepository(running.harness.app.store).findByAccount({ tenantId: APP_TEST_TENANT, channel: 'telegram', accountId: String(user.id) });

  it('is greeted in Arabic with Arabic offered first, consents in Arabic and meets the German-only note on a deed', async () => {
    const { chat } = running;
    const start = await chat.say('/start', ARABIC_USER);
    expect(paragraphsOf(start)[0]).toBe(ar('start:greeting', { tenant: 'Wuppertal' }));
    expect(paragraphsOf(start).at(-1)).toBe(ar('start:chooseLanguage'));
    expect(chat.lastInlineKeyboard(ARABIC_USER).map((button) => button.text)).toEqual(LANGUAGES_ARABIC_FIRST);

    const privacy = await chat.press('العربية', ARABIC_USER);
    expect(paragraphsOf(privacy)).toContain(ar('start:privacyNotice', { tenant: 'Wuppertal' }));
    expect(chat.lastInlineKeyboard(ARABIC_USER).map((button) => button.text)).toEqual([ar('start:consentYes'), ar('start:consentNo')]);

    const menu = await chat.press(ar('start:consentYes'), ARABIC_USER);
    expect(paragraphsOf(menu)).toEqual([ar('start:consentThanks'), ar('menu:prompt')]);
    expect(chat.lastInlineKeyboard(ARABIC_USER).map((button) => button.text)).toContain(ar('volunteering:menu.deeds'));
    expect(await profileOf(ARABIC_USER)).toMatchObject({ locale: 'ar', consent: { status: 'given' } });

    const list = await chat.press(ar('volunteering:menu.deeds'), ARABIC_USER);
    expect(chat.texts(list)[0]).toMatch(new RegExp(`^${ar('volunteering:deeds.intro')}`));
    const details = await chat.press(/^1\. /, ARABIC_USER);
    // The demo deeds are written in German (with English and Leichte Sprache): the person is told.
    expect(chat.texts(details).join('\n')).toContain(ar('common:onlyInGerman'));
    expect(chat.texts(details).join('\n')).toMatch(ARABIC_LETTERS);
  });

  it('changes to Turkish with /language and is not asked to consent again', async () => {
    const { chat } = running;
    await chat.say('/start', ARABIC_USER);
    await chat.press('العربية', ARABIC_USER);
    await chat.press(ar('start:consentYes'), ARABIC_USER);
    const consentedAt = (await profileOf(ARABIC_USER))!.consent;
    // The record says which translation of the notice was agreed to; every translation is one version.
    expect(consentedAt).toMatchObject({ status: 'given', locale: 'ar' });

    await chat.say('/language', ARABIC_USER);
    expect(chat.lastInlineKeyboard(ARABIC_USER)[0]?.text).toBe('العربية');
    const changed = await chat.press('Türkçe', ARABIC_USER);
    expect(chat.texts(changed)[0]).toBe(tr('language:changed'));
    expect(chat.texts(changed).join('\n')).not.toContain(tr('start:consentQuestion'));
    const again = await chat.say('/start', ARABIC_USER);
    expect(paragraphsOf(again)).toEqual([tr('start:greeting', { tenant: 'Wuppertal' }), tr('start:welcomeBack'), tr('menu:prompt')]);
    expect(await profileOf(ARABIC_USER)).toMatchObject({ locale: 'tr', consent: consentedAt });
  });

  it('gets the city\'s language and the choice when the app speaks a language the bot does not offer', async () => {
    const { chat } = running;
    const french: User = { ...TEST_USER, id: 5252, language_code: 'fr' };
    const start = await chat.say('/start', french);
    expect(chat.texts(start)[0]).toMatch(/^Hallo! Ich bin der KoSI-Bot von Wuppertal/);
    expect(chat.lastInlineKeyboard(french).map((button) => button.text)).toEqual(['Deutsch', 'Leichte Sprache', 'English', 'Türkçe', 'Українська', 'العربية', 'Русский', 'Polski']);
  });
});

describe('an Arabic speaker in the web chat', () => {
  const sessions = webChatSessions();

  it('on an Arabic page is greeted in Arabic, and every reply says it is Arabic (for the widget\'s direction)', async () => {
    const app = await sessions.start();
    const visit = await sessions.open(app, { locale: 'ar' });
    const question = await visit.client.waitForBotReply((activity) => buttonsOf(activity).length > 0);
    expect(textOf(question)).toBe(ar('start:chooseLanguage'));
    expect(buttonsOf(question)).toEqual(LANGUAGES_ARABIC_FIRST);
    await visit.pressButton('العربية');
    const consent = await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes(ar('start:consentYes')));
    expect(localeOf(consent)).toBe('ar');
    await visit.pressButton(ar('start:consentYes'));
    const menu = await visit.client.waitForBotReply((activity) => textOf(activity) === ar('menu:prompt'));
    expect(localeOf(menu)).toBe('ar');
    expect(buttonsOf(menu)).toContain(ar('volunteering:menu.deeds'));
    await visit.pressButton(ar('volunteering:menu.deeds'));
    await choose(visit, /^1\. /);
    const details = await visit.client.waitForBotReply((activity) => textOf(activity).includes(ar('common:onlyInGerman')));
    expect(textOf(details)).toMatch(ARABIC_LETTERS);
  });

  it('in German switches to Arabic from the language buttons, and the replies say so', async () => {
    const app = await sessions.start();
    const visit = await sessions.open(app);
    const question = await visit.client.waitForBotReply((activity) => buttonsOf(activity).length > 0);
    expect(localeOf(question)).toBe('de');
    await visit.pressButton('العربية');
    const notice = await visit.client.waitForBotReply((activity) => textOf(activity) === ar('start:privacyNotice', { tenant: 'Wuppertal' }));
    expect(localeOf(notice)).toBe('ar');
  });
});

describe('a city that offers only some languages (LANGUAGES=de,ar)', () => {
  const running = telegramTestApp({ env: { LANGUAGES: 'de,ar' } });

  it('shows only those buttons, and greets someone whose app speaks another one in the city\'s language', async () => {
    const { chat } = running;
    const turkish: User = { ...TEST_USER, id: 5353, language_code: 'tr' };
    const start = await chat.say('/start', turkish);
    expect(chat.texts(start)[0]).toMatch(/^Hallo! Ich bin der KoSI-Bot von Wuppertal/);
    expect(chat.lastInlineKeyboard(turkish).map((button) => button.text)).toEqual(['Deutsch', 'العربية']);
    await chat.say('/start', ARABIC_USER);
    expect(chat.lastInlineKeyboard(ARABIC_USER).map((button) => button.text)).toEqual(['العربية', 'Deutsch']);
  });
});
