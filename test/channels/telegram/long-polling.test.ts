import type { Activity } from 'botbuilder-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isolateNetwork } from '../../support/telegram-api.js';
import { startTelegramHarness, type TelegramHarness } from '../../support/telegram-harness.js';
import { textUpdate } from '../../support/telegram-updates.js';

describe('Telegram long polling (no public URL)', () => {
  let harness: TelegramHarness;
  beforeAll(() => isolateNetwork());
  afterEach(async () => {
    await harness?.close();
  });

  it('handles an update from getUpdates once, even when it is delivered again', async () => {
    const seen: Array<Partial<Activity>> = [];
    harness = await startTelegramHarness({
      publicUrl: null,
      logic: async (context) => {
        seen.push(context.activity);
        await context.sendActivity('Hallo zurück');
      },
    });
    const { telegram, startCalls } = harness;
    expect(startCalls.map((call) => call.method)).not.toContain('setWebhook');
    const update = textUpdate('Hallo');
    telegram.deliverUpdates([update]);
    // A restart before the offset was confirmed: Telegram sends it again.
    telegram.deliverUpdates([update]);
    await telegram.waitFor('sendMessage');
    await telegram.waitFor('getUpdates', 4);
    expect(seen).toHaveLength(1);
    expect(telegram.callsOf('sendMessage')).toHaveLength(1);
    const all = [...startCalls, ...telegram.calls];
    expect(all.filter((call) => call.method === 'deleteWebhook')).toHaveLength(1);
    expect(all.find((call) => call.method === 'getUpdates')?.body).toMatchObject({ allowed_updates: ['message', 'callback_query', 'my_chat_member'] });
  });

  it('confirms the last offset when it stops', async () => {
    harness = await startTelegramHarness({ publicUrl: null, logic: async () => undefined });
    const update = textUpdate('Hallo');
    harness.telegram.deliverUpdates([update]);
    await harness.telegram.waitFor('getUpdates', 2);
    await harness.channel.stop();
    expect(harness.telegram.callsOf('getUpdates').at(-1)?.body).toMatchObject({ offset: update.update_id + 1, limit: 1 });
  });
});
