import type { User } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/platform/config/config-types.js';
import type { Opportunity } from '../../../src/features/volunteering/domain/opportunities/opportunity.js';
import { TEST_USER } from '../../support/telegram-updates.js';
import { APP_TEST_TENANT } from '../../support/test-app.js';
import { telegramTestApp, textsOf } from '../../support/chat-helpers.js';
import { allTexts } from '../../support/texts.js';

const texts = allTexts();
const SPEAKERS: Record<'en' | 'ar' | 'de-x-ls', { user: User; button: string }> = {
  en: { user: { ...TEST_USER, id: 6101, first_name: 'Emma', language_code: 'en' }, button: 'English' },
  ar: { user: { ...TEST_USER, id: 6102, first_name: 'Rana', language_code: 'ar' }, button: 'العربية' },
  'de-x-ls': { user: { ...TEST_USER, id: 6103, first_name: 'Lena', language_code: 'de' }, button: 'Leichte Sprache' },
};

describe('the demo good deeds in several languages', () => {
  const running = telegramTestApp();
  const demoDeeds = async (): Promise<Opportunity[]> => (await running.harness.app.features.volunteering.opportunities.listWithRegistrations(APP_TEST_TENANT)).map(({ opportunity }) => opportunity);

  /** The person starts the bot, picks their language, agrees, and opens the deed through its link. */
  async function openDeed(speaker: keyof typeof SPEAKERS, deed: Opportunity): Promise<string> {
    const { user, button } = SPEAKERS[speaker];
    const t = texts.forLocale(speaker);
    await running.chat.say('/start', user);
    await running.chat.press(button, user);
    await running.chat.press(t('start:consentYes'), user);
    return textsOf(await running.chat.say(`/start deed-${deed._id}`, user)).join('\n');
  }

  it('are loaded with English and Leichte Sprache for title, description and time needed', async () => {
    const deeds = await demoDeeds();
    expect(deeds.length).toBeGreaterThan(10);
    for (const deed of deeds) {
      for (const locale of ['en', 'de-x-ls'] as const) {
        const own = deed.translations?.[locale];
        expect(own, `${deed.title} in ${locale}`).toBeDefined();
        for (const field of ['title', 'description', 'timeNeeded'] as const) expect(own?.[field]?.trim(), `${deed.title}: ${field} in ${locale}`).toBeTruthy();
        // A translation, not the German text copied.
        expect(own?.title).not.toBe(deed.title);
      }
    }
  });

  it('show an English speaker the deed in English, without the German-only note', async () => {
    const deed = (await demoDeeds()).find((candidate) => candidate.title === 'Sprachcafé für Geflüchtete')!;
    const shown = await openDeed('en', deed);
    const en = texts.forLocale('en');
    expect(shown).toContain('Language café for refugees');
    expect(shown).toContain('Every Tuesday evening, people who are new to Wuppertal practise their German in conversation.');
    expect(shown).toContain(en('volunteering:deeds.time', { time: '2 hours a week, Tuesdays 6–8 pm' }));
    expect(shown).not.toContain(en('common:onlyInGerman'));
    expect(shown).not.toContain('Sprachcafé für Geflüchtete');
  });

  it('show a Leichte Sprache reader the easy German text, without the note', async () => {
    const deed = (await demoDeeds()).find((candidate) => candidate.title === 'Ausgabe bei der Lebensmittelhilfe')!;
    const shown = await openDeed('de-x-ls', deed);
    expect(shown).toContain('Essen verteilen bei der Tafel');
    expect(shown).toContain('Lebens·mittel sind zum Beispiel Brot, Obst und Gemüse.');
    expect(shown).not.toContain(texts.forLocale('de-x-ls')('common:onlyInGerman'));
  });

  it('show an Arabic speaker the German text with the note that it is only in German', async () => {
    const deed = (await demoDeeds()).find((candidate) => candidate.title === 'Sprachcafé für Geflüchtete')!;
    const shown = await openDeed('ar', deed);
    const ar = texts.forLocale('ar' satisfies Locale);
    expect(shown).toContain('Sprachcafé für Geflüchtete');
    expect(shown).toContain(deed.description);
    expect(shown).toContain(ar('common:onlyInGerman'));
    expect(shown).not.toContain('Language café for refugees');
  });
});
