import type { Activity, TurnContext } from 'botbuilder-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTelegramUpdateRepository } from '../../../src/channels/telegram/index.js';
import { StoreUnavailableError } from '../../../src/platform/store/document-store.js';
import { isolateNetwork } from '../../support/telegram-api.js';
import { startTelegramHarness, TEST_TENANT, type TelegramHarness } from '../../support/telegram-harness.js';
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

  it('runs an update again later when the store failed during its turn, instead of dropping it', async () => {
    const logic = vi
      .fn(async (context: TurnContext) => void (await context.sendActivity('Hallo zurück')))
      .mockRejectedValueOnce(new StoreUnavailableError('store not reachable'));
    harness = await startTelegramHarness({ publicUrl: null, logic, overrides: { pollingRetry: { firstMs: 20, maxMs: 100 } } });
    // Like the bot's turn error boundary: a store outage is logged and rethrown.
    harness.channel.adapter.onTurnError = async (_context, error) => {
      throw error;
    };
    harness.telegram.deliverUpdates([textUpdate('Hallo')]);
    await harness.telegram.waitFor('sendMessage');
    expect(logic).toHaveBeenCalledTimes(2);
    expect(harness.telegram.callsOf('sendMessage')).toHaveLength(1);
  });

  it('takes an update over once the claim of a process that died mid-turn has expired', async () => {
    const seen: Array<Partial<Activity>> = [];
    harness = await startTelegramHarness({
      publicUrl: null,
      logic: async (context) => {
        seen.push(context.activity);
        await context.sendActivity('Hallo zurück');
      },
      overrides: { claimLeaseMs: 300 },
    });
    const update = textUpdate('Hallo');
    // The previous process claimed it, then crashed before the turn was done and the offset confirmed.
    const crashed = createTelegramUpdateRepository(harness.store, { leaseMs: 300 });
    expect(await crashed.claim(TEST_TENANT.id, update.update_id)).toMatchObject({ outcome: 'claimed' });
    harness.telegram.deliverUpdates([update]);
    await harness.telegram.waitFor('getUpdates', 3);
    expect(seen).toHaveLength(0);
    await harness.telegram.waitFor('sendMessage');
    expect(seen).toHaveLength(1);
  });
});
