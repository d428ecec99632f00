import { afterEach, describe, expect, it } from 'vitest';
import { activitiesCollection, conversationsCollection, type ActivityDoc, type ConversationDoc } from '../../../src/channels/webchat/webchat-collections.js';
import { callJson, startWebChatServer, TEST_TENANTS, type WebChatTestServer } from '../../support/directline-server.js';
import { testBotLogic } from '../../support/directline-test-bot.js';

const secret = TEST_TENANTS[0]!.webchat.secret;

describe('Direct Line input checks', () => {
  let server: WebChatTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function conversation(options: Parameters<typeof startWebChatServer>[0] = { logic: testBotLogic }): Promise<{ url: string; token: string }> {
    server = await startWebChatServer(options);
    const { conversationId, token } = (await callJson(`${server.domain}/tokens/generate`, { bearer: secret, body: {} })).body as { conversationId: string; token: string };
    return { url: `${server.domain}/conversations/${conversationId}/activities`, token };
  }

  it('answers 4xx with a reason for a body that is not an activity', async () => {
    const { url, token } = await conversation();
    const cases: Array<[unknown, number, RegExp]> = [
      [[{ type: 'message' }], 400, /JSON object/],
      ['hallo', 400, /JSON object/],
      [{ text: 'no type' }, 400, /type must be a string/],
      [{ type: 42 }, 400, /type must be a string/],
      [{ type: 'invoke' }, 400, /"message", "event" or "typing"/],
      [{ type: 'message', text: { $gt: '' } }, 400, /text must be a string/],
      [{ type: 'message', text: 'x'.repeat(300_001) }, 413, /300000 characters/],
      [{ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'blob:x' }] }, 400, /not supported/],
      [{ type: 'message', channelData: 'x' }, 400, /channelData/],
      [{ type: 'message', locale: '<script>' }, 400, /locale/],
    ];
    for (const [body, status, reason] of cases) {
      const response = await callJson(url, { bearer: token, body });
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      expect((response.body as { error: { message: string } }).error.message).toMatch(reason);
    }
  });

  it('accepts a text of exactly 300000 characters', async () => {
    const { url, token } = await conversation();
    const response = await callJson(url, { bearer: token, body: { type: 'message', text: 'x'.repeat(300_000) } });
    expect(response.status).toBe(200);
  });

  it('answers malformed JSON with 400 and a reason', async () => {
    const { url, token } = await conversation();
    const response = await callJson(url, { bearer: token, rawBody: '{"type": "message",' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'BadArgument', message: expect.stringContaining('JSON') } });
  });

  it('refuses uploads with a reason and an invalid watermark with 400', async () => {
    const { url, token } = await conversation();
    const upload = await callJson(url.replace(/activities$/, 'upload'), { bearer: token, body: {} });
    expect(upload.status).toBe(400);
    expect(upload.body).toMatchObject({ error: { code: 'NotSupported' } });
    expect((await callJson(`${url}?watermark=abc`, { bearer: token })).status).toBe(400);
  });

  it('limits how fast one conversation may post, with the Direct Line error shape', async () => {
    const { url, token } = await conversation({ logic: testBotLogic, rateLimits: { postsPerConversation: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await callJson(url, { bearer: token, body: { type: 'message', text: `${i}` } })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await callJson(url, { bearer: token, body: { type: 'message', text: 'again' } });
    expect(limited.body).toMatchObject({ error: { code: 'TooManyRequests' } });
    expect((await callJson(url, { bearer: token })).status).toBe(200); // polls are never limited
  });

  it('does not let a stranger use up a conversation\'s message limit with refused posts', async () => {
    const { url, token } = await conversation({ logic: testBotLogic, rateLimits: { postsPerConversation: 3 } });
    const stranger = (await callJson(`${server!.domain}/tokens/generate`, { bearer: secret, body: {} })).body as { token: string };
    const statuses = new Set<number>();
    for (let i = 0; i < 8; i++) {
      statuses.add((await callJson(url, { body: { type: 'message', text: 'spam' } })).status);
      statuses.add((await callJson(url, { bearer: 'not-a-token', body: { type: 'message', text: 'spam' } })).status);
      statuses.add((await callJson(url, { bearer: stranger.token, body: { type: 'message', text: 'spam' } })).status);
    }
    expect([...statuses].sort()).toEqual([401, 403]);
    const own = await callJson(url, { bearer: token, body: { type: 'message', text: 'meine Nachricht' } });
    expect(own.status).toBe(200);
  });

  it('refuses new input with 503 once shutdown began, before storing it; polls keep working', async () => {
    const { url, token } = await conversation();
    const conversationId = decodeURIComponent(url.split('/conversations/')[1]!.replace(/\/activities$/, ''));
    expect((await callJson(url, { bearer: token, body: { type: 'message', text: 'vorher' } })).status).toBe(200);
    await server!.turnQueue.drain(5000); // what the host's shutdown does first

    const refused = await callJson(url, { bearer: token, body: { type: 'message', text: 'während des Herunterfahrens' } });
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ error: { code: 'ServiceUnavailable', message: expect.stringMatching(/again/) } });
    expect(refused.headers.get('retry-after')).toBe('5');
    const typing = await callJson(url, { bearer: token, body: { type: 'typing' } });
    expect(typing.status).toBe(503);

    const stored = await server!.store.collection<ActivityDoc>(activitiesCollection).find({ conversationId });
    expect(stored.map((doc) => (JSON.parse(doc.json) as { text?: string }).text)).toEqual(['vorher', 'Echo: vorher']);
    const poll = await callJson(url, { bearer: token });
    expect(poll.status).toBe(200);
    expect((poll.body as { activities: Array<{ text?: string }> }).activities.map((a) => a.text)).toEqual(['vorher', 'Echo: vorher']);
  });

  it('does not mark a conversation started during shutdown, so that its greeting is not lost', async () => {
    server = await startWebChatServer({ logic: testBotLogic });
    const { conversationId, token } = (await callJson(`${server.domain}/tokens/generate`, { bearer: secret, body: {} })).body as { conversationId: string; token: string };
    await server.turnQueue.drain(5000);
    const started = await callJson(`${server.domain}/conversations`, { bearer: token, body: {} });
    expect(started.status).toBe(200);
    const conversation = await server.store.collection<ConversationDoc>(conversationsCollection).findOne({ _id: conversationId });
    expect(conversation?.startedAt).toBeUndefined();
  });

  it('answers a poll with an empty page, never 5xx, when the store fails', async () => {
    const { url, token } = await conversation();
    await server!.store.close();
    const poll = await callJson(`${url}?watermark=3`, { bearer: token });
    expect(poll.status).toBe(200);
    expect(poll.body).toEqual({ activities: [], watermark: '3' });
    server = undefined; // the store is closed already
  });
});
