import { ConversationState, TestAdapter, type StoreItems } from 'botbuilder-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentCollection, DocumentStore } from '../../src/platform/store/document-store.js';
import {
  botStateDefinition,
  conversationIdOfKey,
  DocumentStateStorage,
  ETagConflictError,
  tenantOfKey,
  type BotStateDocument,
} from '../../src/bot/state-storage.js';
import { describeEachBackend } from '../support/store-backends.js';

const KEY = 'telegram/conversations/dortmund:42/';

describeEachBackend('the dialog-state storage', (backend) => {
  let store: DocumentStore;
  let states: DocumentCollection<BotStateDocument>;
  let storage: DocumentStateStorage;

  beforeEach(async () => {
    store = await backend.open();
    states = store.collection<BotStateDocument>(botStateDefinition());
    storage = new DocumentStateStorage(states);
  });
  afterEach(() => store.close());

  const readOne = async (key: string): Promise<StoreItems[string]> => (await storage.read([key]))[key];

  it('reads back what it wrote, with an eTag', async () => {
    await storage.write({ [KEY]: { dialogStack: [{ id: 'main', state: { step: 2 } }], count: 1 } });
    const item = await readOne(KEY);
    expect(item).toMatchObject({ dialogStack: [{ id: 'main', state: { step: 2 } }], count: 1 });
    expect(typeof item.eTag).toBe('string');
    expect(item.eTag).not.toBe('');
  });

  it('returns nothing for keys it does not hold', async () => {
    await storage.write({ [KEY]: { count: 1 } });
    expect(await storage.read(['telegram/conversations/dortmund:43/', KEY])).toEqual({ [KEY]: expect.objectContaining({ count: 1 }) });
    expect(await storage.read([])).toEqual({});
  });

  it('keeps state property names that MongoDB and NeDB would refuse as field names', async () => {
    await storage.write({ [KEY]: { $weird: 1, 'dotted.name': { $inner: true } } });
    expect(await readOne(KEY)).toMatchObject({ $weird: 1, 'dotted.name': { $inner: true } });
  });

  it('gives every successful write a new eTag', async () => {
    await storage.write({ [KEY]: { count: 1 } });
    const first = await readOne(KEY);
    await storage.write({ [KEY]: { ...first, count: 2 } });
    const second = await readOne(KEY);
    expect(second.count).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
  });

  it('accepts exactly one of two concurrent writes based on the same eTag and rejects the other', async () => {
    await storage.write({ [KEY]: { turn: 0 } });
    const read = await readOne(KEY);
    const results = await Promise.allSettled([
      storage.write({ [KEY]: { ...read, turn: 'A' } }),
      storage.write({ [KEY]: { ...read, turn: 'B' } }),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(ETagConflictError);
    const winner = results[0]?.status === 'fulfilled' ? 'A' : 'B';
    expect((await readOne(KEY)).turn).toBe(winner);
  });

  it('rejects a write based on an eTag that was already replaced, one after the other', async () => {
    await storage.write({ [KEY]: { turn: 0 } });
    const stale = await readOne(KEY);
    await storage.write({ [KEY]: { ...stale, turn: 1 } });
    await expect(storage.write({ [KEY]: { ...stale, turn: 2 } })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await readOne(KEY)).turn).toBe(1);
  });

  it("overwrites whatever is stored when the eTag is '*' or missing", async () => {
    await storage.write({ [KEY]: { turn: 0 } });
    await storage.write({ [KEY]: { turn: 1 } });
    expect((await readOne(KEY)).turn).toBe(1);
    await storage.write({ [KEY]: { turn: 2, eTag: '*' } });
    expect((await readOne(KEY)).turn).toBe(2);
  });

  it('creates an item written with an eTag when none is stored, as MemoryStorage does', async () => {
    await storage.write({ [KEY]: { turn: 1, eTag: 'from-a-deleted-item' } });
    expect((await readOne(KEY)).turn).toBe(1);
  });

  it('lets one of two concurrent creates with an eTag win and rejects the other', async () => {
    const results = await Promise.allSettled([
      storage.write({ [KEY]: { turn: 'A', eTag: 'gone' } }),
      storage.write({ [KEY]: { turn: 'B', eTag: 'gone' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(ETagConflictError);
    const winner = results[0]?.status === 'fulfilled' ? 'A' : 'B';
    expect((await readOne(KEY)).turn).toBe(winner);
  });

  it('lets concurrent creates without an eTag all succeed, leaving one whole item', async () => {
    await Promise.all([
      storage.write({ [KEY]: { turn: 'A', a: 1 } }),
      storage.write({ [KEY]: { turn: 'B', b: 2 } }),
    ]);
    const item = await readOne(KEY);
    expect([{ turn: 'A', a: 1 }, { turn: 'B', b: 2 }]).toContainEqual({ turn: item.turn, ...(item.a ? { a: item.a } : { b: item.b }) });
    expect(await states.count({ _id: KEY })).toBe(1);
  });

  it('deletes items, and ignores keys it does not hold', async () => {
    await storage.write({ [KEY]: { turn: 1 }, 'telegram/users/7/': { name: 'x' } });
    await storage.delete([KEY, 'telegram/conversations/nobody:1/']);
    expect(await storage.read([KEY, 'telegram/users/7/'])).toEqual({ 'telegram/users/7/': expect.objectContaining({ name: 'x' }) });
  });

  it('stores the tenant taken from the conversation id of the key', async () => {
    await storage.write({ [KEY]: { turn: 1 }, 'webchat/users/u1/': { turn: 1 } });
    expect(await states.findOne({ _id: KEY })).toMatchObject({ tenantId: 'dortmund', conversationId: 'dortmund:42' });
    expect(await states.findOne({ _id: 'webchat/users/u1/' })).toMatchObject({ tenantId: 'unknown' });
  });

  it('deletes all conversation and private conversation state of the given conversations only', async () => {
    await storage.write({
      [KEY]: { turn: 1 },
      'telegram/conversations/dortmund:42/users/u1/': { turn: 1 },
      'telegram/conversations/dortmund:99/': { turn: 1 },
      'telegram/users/u1/': { turn: 1 },
    });
    expect(await storage.deleteConversations(['dortmund:42'])).toBe(2);
    const left = await storage.read([KEY, 'telegram/conversations/dortmund:42/users/u1/', 'telegram/conversations/dortmund:99/', 'telegram/users/u1/']);
    expect(Object.keys(left).sort()).toEqual(['telegram/conversations/dortmund:99/', 'telegram/users/u1/']);
  });

  it("serves botbuilder's ConversationState across turns", async () => {
    const conversationState = new ConversationState(storage);
    const counter = conversationState.createProperty<number>('counter');
    const adapter = new TestAdapter(async (context) => {
      const count = (await counter.get(context, 0)) + 1;
      await counter.set(context, count);
      await context.sendActivity(`count ${count}`);
      await conversationState.saveChanges(context);
    });
    adapter.conversation.conversation = { ...adapter.conversation.conversation, id: 'wuppertal:7' };
    await adapter.send('hi').assertReply('count 1').send('again').assertReply('count 2').startTest();
    expect(await states.findOne({ conversationId: 'wuppertal:7' })).toMatchObject({ tenantId: 'wuppertal' });
  });
});

describe('state keys', () => {
  it('yield the conversation id and tenant of conversation and private conversation state', () => {
    expect(conversationIdOfKey('telegram/conversations/dortmund:1/')).toBe('dortmund:1');
    expect(conversationIdOfKey('webchat/conversations/wuppertal:abc/users/u/ns')).toBe('wuppertal:abc');
    expect(tenantOfKey('webchat/conversations/wuppertal:abc/users/u/ns')).toBe('wuppertal');
  });

  it("yield the tenant 'unknown' for user state and conversation ids without a tenant", () => {
    expect(conversationIdOfKey('telegram/users/5/')).toBeUndefined();
    expect(tenantOfKey('telegram/users/5/')).toBe('unknown');
    expect(tenantOfKey('telegram/conversations/12345/')).toBe('unknown');
    expect(tenantOfKey('telegram/conversations/:x/')).toBe('unknown');
  });
});
