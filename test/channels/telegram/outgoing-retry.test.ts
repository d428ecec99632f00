import { TurnContext, type ConversationReference } from 'botbuilder-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isolateNetwork } from '../../support/telegram-api.js';
import { startTelegramHarness, type TelegramHarness } from '../../support/telegram-harness.js';
import { textUpdate } from '../../support/telegram-updates.js';

describe('Telegram rate limits on interactive sends', () => {
  let harness: TelegramHarness;
  beforeAll(() => isolateNetwork());
  afterEach(async () => {
    await harness?.close();
  });

  it('waits the retry_after of a 429 and delivers the reply', async () => {
    harness = await startTelegramHarness({ logic: async (context) => void (await context.sendActivity('Danke!')) });
    harness.telegram.failNext('sendMessage', 429, 'Too Many Requests: retry after 1', { retry_after: 1 });
    const response = await harness.postUpdate(textUpdate('Hallo'));
    expect(response.status).toBe(200);
    expect(harness.telegram.callsOf('sendMessage').map((call) => call.body.text)).toEqual(['Danke!', 'Danke!']);
  });

  it('fails fast when Telegram asks to wait longer than the 10 s bound', async () => {
    let reference: Partial<ConversationReference> = {};
    harness = await startTelegramHarness({ logic: async (context) => void (reference = TurnContext.getConversationReference(context.activity)) });
    await harness.postUpdate(textUpdate('Hallo'));
    harness.telegram.failNext('sendMessage', 429, 'Too Many Requests: retry after 60', { retry_after: 60 });
    // Waiting the 60 s would exceed the test's timeout: the rejection itself shows it did not wait.
    const sending = harness.channel.adapter.continueConversation(reference, async (context) => void (await context.sendActivity('Neu')));
    await expect(sending).rejects.toMatchObject({ name: 'TelegramApiError', errorCode: 429, retryAfter: 60 });
    expect(harness.telegram.callsOf('sendMessage')).toHaveLength(1);
  });
});
