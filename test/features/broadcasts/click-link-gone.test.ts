import { describe, expect, it } from 'vitest';
import { telegramTestApp } from '../../support/chat-helpers.js';
import { paragraphsOf } from '../../support/telegram-api.js';

describe('the button of an announcement that is gone', () => {
  const running = telegramTestApp();

  it('tells the person in their language that the link no longer works, and shows the menu', async () => {
    await running.chat.say('/start');
    await running.chat.press('English');
    await running.chat.press('I agree');
    const texts = paragraphsOf(await running.chat.say('/start bclick-d0000000000000000unknown'));
    expect(texts, JSON.stringify(texts)).toContain('This link no longer works: the announcement, or what it pointed to, is gone. Here is the menu.');
    expect(texts).toContain('What would you like to do?');
  });
});
