import { SUPPORTED_LOCALES } from '../../src/platform/config/config-types.js';
import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder-core';
import { describe, expect, it } from 'vitest';
import { createTurnErrorHandler } from '../../src/bot/turn-error-handler.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { StoreUnavailableError } from '../../src/platform/store/document-store.js';
import { allTexts } from '../support/texts.js';

const tenants = new Map([['kosi', { id: 'kosi', name: 'KoSI-Lab', defaultLocale: 'de' as const, languages: SUPPORTED_LOCALES, webchat: { secret: 'x'.repeat(32) }, demoContent: [], districts: [] }]]);

function errorHandler(): (context: TurnContext, error: Error) => Promise<void> {
  return createTurnErrorHandler({
    conversationState: new ConversationState(new MemoryStorage()),
    translator: allTexts('de'),
    tenants,
    logger: createLogger('silent'),
  });
}

describe('the turn error boundary', () => {
  it('lets a store outage through before anything was answered, so that Telegram delivers the update again', async () => {
    const handle = errorHandler();
    let rethrown: unknown;
    await new TestAdapter(async (context) => {
      try {
        await handle(context, new StoreUnavailableError('down'));
      } catch (error) {
        rethrown = error;
      }
    }).send('hallo');
    expect(rethrown).toBeInstanceOf(StoreUnavailableError);
  });

  it('apologises instead once the person got replies, so a redelivery cannot repeat them', async () => {
    let rethrown: unknown;
    const handle = errorHandler();
    await new TestAdapter(async (context) => {
      await context.sendActivity('Frage 1');
      try {
        await handle(context, new StoreUnavailableError('down'));
      } catch (error) {
        rethrown = error;
      }
    })
      .send('hallo')
      .assertReply('Frage 1')
      .assertReply((activity) => expect(activity.text).toMatch(/^Entschuldigung, da ist etwas schiefgegangen/));
    expect(rethrown).toBeUndefined();
  });
});
