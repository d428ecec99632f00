import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder-core';
import { afterEach, describe, expect, it } from 'vitest';
import { OptimisticConversationState } from '../../src/bot/optimistic-conversation-state.js';
import { botStateDefinition, DocumentStateStorage, ETagConflictError } from '../../src/bot/state-storage.js';
import { openStore } from '../../src/platform/store/open-store.js';
import type { DocumentStore } from '../../src/platform/store/document-store.js';
import { createLogger } from '../../src/platform/logging/logger.js';

function turnIn(adapter: TestAdapter, conversationId: string): TurnContext {
  const activity: Partial<Activity> = {
    type: 'message',
    channelId: 'webchat',
    text: 'hallo',
    from: { id: 'user', name: '' },
    recipient: { id: 'bot', name: '' },
    conversation: { id: conversationId, name: '', isGroup: false, conversationType: 'personal' },
  };
  return new TurnContext(adapter, activity);
}

describe('conversation state shared by several instances', () => {
  let store: DocumentStore;
  afterEach(async () => store?.close());

  it('rejects the second of two turns that changed the same conversation at once, instead of losing the first', async () => {
    store = await openStore({ dataDir: await mkdtemp(join(tmpdir(), 'kosi-state-')) }, createLogger('silent'));
    const storage = new DocumentStateStorage(store.collection(botStateDefinition()));
    const state = new OptimisticConversationState(storage);
    const property = state.createProperty<{ step: string }>('progress');
    const adapter = new TestAdapter();

    const setup = turnIn(adapter, 'kosi:c1');
    await property.set(setup, { step: 'language' });
    await state.saveChanges(setup);

    const first = turnIn(adapter, 'kosi:c1');
    const second = turnIn(adapter, 'kosi:c1');
    await state.load(first);
    await state.load(second);
    await property.set(first, { step: 'consent' });
    await property.set(second, { step: 'menu' });
    await state.saveChanges(first);
    await expect(state.saveChanges(second)).rejects.toBeInstanceOf(ETagConflictError);

    const reader = turnIn(adapter, 'kosi:c1');
    expect(await property.get(reader)).toEqual({ step: 'consent' });
  });

  it('saves twice in one turn without a conflict with itself', async () => {
    store = await openStore({ dataDir: await mkdtemp(join(tmpdir(), 'kosi-state-')) }, createLogger('silent'));
    const state = new OptimisticConversationState(new DocumentStateStorage(store.collection(botStateDefinition())));
    const property = state.createProperty<number>('count');
    const context = turnIn(new TestAdapter(), 'kosi:c2');
    await property.set(context, 1);
    await state.saveChanges(context);
    await property.set(context, 2);
    await state.saveChanges(context);
    expect(await property.get(turnIn(new TestAdapter(), 'kosi:c2'))).toBe(2);
  });
});
