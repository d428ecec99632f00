import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActivityLog } from '../../../src/channels/webchat/activity-log.js';
import { ConversationRepository } from '../../../src/channels/webchat/conversation-repository.js';
import { createLogger } from '../../../src/platform/logging/logger.js';
import type { DocumentStore } from '../../../src/platform/store/document-store.js';
import { openStore } from '../../../src/platform/store/open-store.js';
import { createTestClock, type TestClock } from '../../support/directline-server.js';

describe('the activity log of a conversation', () => {
  let dataDir: string;
  let store: DocumentStore;
  let clock: TestClock;
  let conversations: ConversationRepository;
  let log: ActivityLog;
  let conversationId: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kosi-activity-log-'));
    store = await openStore({ dataDir }, createLogger('silent'));
    clock = createTestClock();
    conversations = new ConversationRepository(store, clock.now);
    log = new ActivityLog(store, conversations, { clock: clock.now, gapGraceMs: 5000, pageSize: 3 });
    conversationId = (await conversations.create({ tenantId: 'wuppertal', userId: 'web-a' }))._id;
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const append = (text: string): Promise<unknown> => log.append('wuppertal', conversationId, { type: 'message', text });

  it('numbers activities in order and pages through them by watermark', async () => {
    for (const text of ['a', 'b', 'c', 'd']) await append(text);
    const first = await log.read(conversationId, 0);
    expect(first.activities.map((a) => [a.id, a.text])).toEqual([
      [`${conversationId}|1`, 'a'],
      [`${conversationId}|2`, 'b'],
      [`${conversationId}|3`, 'c'],
    ]);
    expect(first.watermark).toBe(3);
    expect(await log.read(conversationId, 3)).toMatchObject({ activities: [{ text: 'd' }], watermark: 4 });
    expect(await log.read(conversationId, 4)).toEqual({ activities: [], watermark: 4 });
  });

  it('stops before a sequence number whose activity has not landed yet, and gives it up after the grace time', async () => {
    await append('a');
    await conversations.allocateSeq(conversationId); // seq 2: allocated by a writer that has not inserted yet
    await append('c');
    expect(await log.read(conversationId, 0)).toMatchObject({ activities: [{ text: 'a' }], watermark: 1 });
    expect(await log.read(conversationId, 1)).toEqual({ activities: [], watermark: 1 });
    clock.advance(5001);
    expect(await log.read(conversationId, 1)).toMatchObject({ activities: [{ text: 'c' }], watermark: 3 });
  });

  it('passes a gap of deleted activities at once: retention inside a conversation still in use', async () => {
    await append('alt');
    await append('auch alt');
    clock.advance(60_000);
    expect(await log.deleteOlderThan(new Date(clock.now().getTime() - 1000))).toBe(2);
    await append('neu');
    expect(await log.read(conversationId, 0)).toMatchObject({ activities: [{ text: 'neu' }], watermark: 3 });
  });

  it('refuses to append to a conversation that is gone', async () => {
    await conversations.deleteMany([conversationId]);
    await expect(append('x')).rejects.toThrow('the conversation no longer exists');
  });
});
