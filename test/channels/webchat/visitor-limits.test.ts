import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { activitiesCollection, type ActivityDoc } from '../../../src/channels/webchat/webchat-collections.js';
import { callJson, startWebChatServer, TEST_TENANTS, type WebChatTestServer } from '../../support/directline-server.js';
import { testBotLogic } from '../../support/directline-test-bot.js';

const secret = TEST_TENANTS[0]!.webchat.secret;
type Poll = { activities: Array<{ text?: string; from: { role?: string } }>; watermark: string };
type Answer = Awaited<ReturnType<typeof callJson>>;
const messageOf = (answer: Answer): string => (answer.body as { error?: { message?: string } }).error?.message ?? '';

describe('what a web visitor can make the service store and send back', () => {
  let server: WebChatTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function conversation(): Promise<{ url: string; token: string; conversationId: string }> {
    const { conversationId, token } = (await callJson(`${server!.domain}/tokens/generate`, { bearer: secret, body: {} })).body as { conversationId: string; token: string };
    return { url: `${server!.domain}/conversations/${conversationId}/activities`, token, conversationId };
  }

  it('refuses event activities that carry a large payload outside the text, so the store does not grow', async () => {
    server = await startWebChatServer({ logic: testBotLogic });
    const { url, token, conversationId } = await conversation();
    // What the probe sent: 40 events of ~950 KB each, the payload in channelData.
    const payload = 'x'.repeat(950_000);
    for (let i = 0; i < 40; i++) {
      const answer = await callJson(url, { bearer: token, body: { type: 'event', name: 'probe', channelData: { payload } } });
      expect(answer.status).toBe(413);
      expect(messageOf(answer)).toMatch(/other than text .* 32768 characters/);
    }
    // What Web Chat really sends next to a text passes.
    const normal = await callJson(url, { bearer: token, body: { type: 'message', text: 'hallo', channelData: { clientActivityID: 'abc', clientTimestamp: new Date().toISOString() } } });
    expect(normal.status).toBe(200);
    expect(await server.store.collection<ActivityDoc>(activitiesCollection).count({ conversationId, tenantId: 'wuppertal' })).toBeLessThanOrEqual(2);
    expect((await stat(join(server.dataDir, 'webchat_activities.db'))).size).toBeLessThan(100_000);
  });

  it('stops storing a visitor\'s text once the conversation holds its limit, and says why', async () => {
    server = await startWebChatServer({ logic: testBotLogic, limits: { conversationChars: 5_000 } });
    const { url, token } = await conversation();
    const statuses: number[] = [];
    let refused: Answer | undefined;
    for (let i = 0; i < 8; i++) {
      const answer = await callJson(url, { bearer: token, body: { type: 'message', text: `${i}`.repeat(1_000) } });
      statuses.push(answer.status);
      if (answer.status !== 200) refused ??= answer;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.at(-1)).toBe(413);
    expect(refused?.body).toMatchObject({ error: { code: 'QuotaExceeded' } });
    expect(messageOf(refused!)).toMatch(/5000 characters .* start a new conversation/);
    // A new conversation works, and the full one can still be read.
    expect((await callJson(url, { bearer: token })).status).toBe(200);
    const other = await conversation();
    expect((await callJson(other.url, { bearer: other.token, body: { type: 'message', text: 'neu' } })).status).toBe(200);
  });

  it('limits the text one address may have stored per hour over all its conversations', async () => {
    server = await startWebChatServer({ logic: testBotLogic, limits: { charsPerIpPerHour: 3_000 } });
    const first = await conversation();
    const second = await conversation();
    expect((await callJson(first.url, { bearer: first.token, body: { type: 'message', text: 'a'.repeat(1_200) } })).status).toBe(200);
    expect((await callJson(second.url, { bearer: second.token, body: { type: 'message', text: 'b'.repeat(1_200) } })).status).toBe(200);
    const limited = await callJson(second.url, { bearer: second.token, body: { type: 'message', text: 'c'.repeat(1_200) } });
    expect(limited.status).toBe(429);
    expect(messageOf(limited)).toMatch(/last hour/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3000);
    server.clock.advance(3_600_000); // (the old tokens have expired by then)
    const later = await conversation();
    expect((await callJson(later.url, { bearer: later.token, body: { type: 'message', text: 'c'.repeat(1_200) } })).status).toBe(200);
  });

  it('counts an IPv6 client by its network, so that changing addresses within it does not help', async () => {
    server = await startWebChatServer({ logic: testBotLogic, limits: { charsPerIpPerHour: 3_000 }, trustProxy: 1 });
    const { url, token } = await conversation();
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const post = (address: string) => callJson(url, { bearer: token, body: { type: 'message', text: 'z'.repeat(1_200) }, headers: from(address) });
    expect((await post('2001:db8:1234:5600::1')).status).toBe(200);
    expect((await post('2001:db8:1234:56ff::2')).status).toBe(200);
    expect((await post('2001:db8:1234:5677::3')).status).toBe(429); // the same /56
    expect((await post('2001:db8:9999::1')).status).toBe(200); // another network
  });

  it('does not count against the address what was refused and not stored', async () => {
    server = await startWebChatServer({ logic: testBotLogic, limits: { charsPerIpPerHour: 3_000, conversationChars: 2_000 } });
    const full = await conversation();
    for (let i = 0; i < 3; i++) expect((await callJson(full.url, { bearer: full.token, body: { type: 'message', text: 'y'.repeat(2_100) } })).status).toBe(413);
    const other = await conversation();
    expect((await callJson(other.url, { bearer: other.token, body: { type: 'message', text: 'ok' } })).status).toBe(200);
    expect((await callJson(other.url, { bearer: other.token, body: { type: 'message', text: 'w'.repeat(900) } })).status).toBe(200);
  });

  it('pages a poll by size: large activities come over several polls, none lost', async () => {
    server = await startWebChatServer({ logic: async () => undefined, limits: { pollChars: 25_000 } });
    const { url, token } = await conversation();
    const texts = ['a', 'b', 'c', 'd', 'e'].map((letter) => letter.repeat(10_000));
    for (const text of texts) expect((await callJson(url, { bearer: token, body: { type: 'message', text } })).status).toBe(200);
    const received: string[] = [];
    let watermark = '';
    for (let polls = 0; polls < 10 && received.length < texts.length; polls++) {
      const page = (await callJson(`${url}?watermark=${watermark}`, { bearer: token })).body as Poll;
      expect(page.activities.length).toBeLessThanOrEqual(3);
      expect(JSON.stringify(page).length).toBeLessThan(40_000);
      received.push(...page.activities.map((activity) => activity.text ?? ''));
      watermark = page.watermark;
    }
    expect(received).toEqual(texts);
  });
});
