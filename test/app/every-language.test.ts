import { paragraphsOf } from '../support/telegram-api.js';
import { describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { SUPPORTED_LOCALES, type Locale } from '../../src/platform/config/config-types.js';
import { TEST_USER } from '../support/telegram-updates.js';
import { buttonsOf, telegramTestApp, textOf, webChatSessions } from '../support/chat-helpers.js';
import { allTexts } from '../support/texts.js';

const translator = allTexts();

/** What a text must never show a person: a raw key ("workshops:menuEntry"), an unfilled {{placeholder}}, or i18next's object notice. */
function problemsIn(texts: readonly string[]): string[] {
  return texts.filter((text) => /\{\{|\}\}|\b[a-z]+(?:Console)?:[a-z][\w.-]*\b(?![/\d])|returned an object instead of string/.test(text.replace(/https?:\/\/\S+/g, '')));
}

/** The same person's app language for each of the eight (Leichte Sprache readers have German apps). */
const appLanguageOf = (locale: Locale): string => (locale === 'de-x-ls' ? 'de' : locale);

describe('every journey in every language on Telegram', () => {
  const running = telegramTestApp();

  for (const [index, locale] of SUPPORTED_LOCALES.entries()) {
    it(`goes from /start through each menu entry in ${locale}`, async () => {
      const t = translator.forLocale(locale);
      const { chat } = running;
      const person: User = { ...TEST_USER, id: 7000 + index, language_code: appLanguageOf(locale) };
      await chat.say('/start', person);
      await chat.press(t('common:languageName'), person);
      const menu = await chat.press(t('start:consentYes'), person);
      expect(paragraphsOf(menu)).toEqual([t('start:consentThanks'), t('menu:prompt')]);
      const entries = chat.lastInlineKeyboard(person).map((button) => button.text);
      expect(entries.length).toBeGreaterThanOrEqual(7);
      for (const entry of entries) {
        const opened = chat.texts(await chat.press(entry, person));
        expect(opened.length, `${locale}: "${entry}" answered nothing`).toBeGreaterThan(0);
        expect(problemsIn(opened), `${locale}: "${entry}"`).toEqual([]);
        // Back to the menu for the next entry, whatever question is open.
        const back = await chat.say('/menu', person);
        expect(chat.texts(back).at(-1)).toBe(t('menu:prompt'));
      }
    });
  }
});

describe('every journey in every language in the web chat', () => {
  const sessions = webChatSessions();

  for (const locale of SUPPORTED_LOCALES) {
    it(`goes from the greeting through each menu entry in ${locale}`, async () => {
      const t = translator.forLocale(locale);
      const app = await sessions.start();
      const visit = await sessions.open(app, { locale });
      const question = await visit.client.waitForBotReply((activity) => buttonsOf(activity).length > 0);
      expect(textOf(question)).toBe(t('start:chooseLanguage'));
      await visit.pressButton(t('common:languageName'));
      await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes(t('start:consentYes')));
      await visit.pressButton(t('start:consentYes'));
      const menu = await visit.client.waitForBotReply((activity) => textOf(activity) === t('menu:prompt'));
      for (const entry of buttonsOf(menu)) {
        const before = visit.client.activities.length;
        await visit.pressButton(entry);
        await visit.client.waitForBotReply((activity) => visit.client.activities.indexOf(activity) >= before && buttonsOf(activity).length > 0);
        const opened = visit.client.activities.slice(before).filter((activity) => activity.from.role !== 'user').map(textOf).filter(Boolean);
        expect(opened.length, `${locale}: "${entry}" answered nothing`).toBeGreaterThan(0);
        expect(problemsIn(opened), `${locale}: "${entry}"`).toEqual([]);
        await visit.client.send('/menu');
        await visit.client.waitForBotReply((activity) => visit.client.activities.indexOf(activity) > before && textOf(activity) === t('menu:prompt'));
      }
    });
  }
});
