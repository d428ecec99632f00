import type { Activity } from 'botframework-directlinejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDirectLine } from '../../support/directline-client.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * What the widget (chat.js) relies on: the locale it sends to /webchat/token is the language the
 * bot greets in, and every bot message says its language (chat.js turns right to left by it).
 */
describe('the widget’s preselected language, through the token route and the real bot', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  async function greetingIn(locale: string | undefined): Promise<Activity[]> {
    const response = await fetch(`${harness.baseUrl}/webchat/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(locale === undefined ? {} : { locale }),
    });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const client = connectDirectLine({ domain: `${harness.baseUrl}/v3/directline`, token });
    try {
      const greeting = await client.waitForBotReply((activity) => activity.type === 'message');
      const question = await client.waitForBotReply((activity) => activity.type === 'message' && (activity.suggestedActions?.actions.length ?? 0) > 0);
      return [greeting, question];
    } finally {
      client.end();
    }
  }

  const textOf = (activity: Activity): string => (activity.type === 'message' ? (activity.text ?? '') : '');
  const localeOf = (activity: Activity): string | undefined => (activity.type === 'message' ? activity.locale : undefined);

  it('greets in Arabic for locale "ar" and marks the messages "ar"', async () => {
    const [greeting, question] = await greetingIn('ar');
    expect(textOf(greeting!)).toContain('مرحبًا! أنا KoSI-Bot من Wuppertal');
    expect(textOf(question!)).toBe('بأي لغة تريد أن تكتب؟');
    expect([localeOf(greeting!), localeOf(question!)]).toEqual(['ar', 'ar']);
  });

  it('takes a regional tag (ar-SY) and Leichte Sprache (de-x-ls)', async () => {
    const [syrian] = await greetingIn('ar-SY');
    expect(localeOf(syrian!)).toBe('ar');
    const [easy] = await greetingIn('de-x-ls');
    expect(textOf(easy!)).toContain('Ich helfe dir: Du kannst in deiner Stadt mitmachen.');
    expect(localeOf(easy!)).toBe('de-x-ls');
  });

  it('speaks the city’s default language without a locale, or for one the bot does not speak', async () => {
    for (const locale of [undefined, 'fr']) {
      const [greeting] = await greetingIn(locale);
      expect(textOf(greeting!)).toContain('Hallo! Ich bin der KoSI-Bot von Wuppertal');
      expect(localeOf(greeting!)).toBe('de');
    }
  });
});
