import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from 'botframework-directlinejs';
import { connectDirectLine, type DirectLineTestClient } from '../../support/directline-client.js';
import { callJson, startWebChatServer, TEST_TENANTS, type WebChatTestServer } from '../../support/directline-server.js';
import { testBotLogic } from '../../support/directline-test-bot.js';

const secret = TEST_TENANTS[0]!.webchat.secret;
const text = (activity: unknown): string | undefined => (activity as Message).text;

describe('resuming a Direct Line conversation', () => {
  const clients: DirectLineTestClient[] = [];
  const servers: WebChatTestServer[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.end();
    for (const server of servers.splice(0).reverse()) await server.close().catch(() => undefined);
  });

  async function start(dataDir?: string): Promise<WebChatTestServer> {
    const server = await startWebChatServer({ logic: testBotLogic, ...(dataDir ? { dataDir } : {}) });
    servers.push(server);
    return server;
  }
  function connect(...args: Parameters<typeof connectDirectLine>): DirectLineTestClient {
    const client = connectDirectLine(...args);
    clients.push(client);
    return client;
  }

  it('continues after the watermark on reconnect, and replays everything without one', async () => {
    const server = await start();
    const { token, conversationId } = (await callJson(`${server.domain}/tokens/generate`, { bearer: secret, body: {} })).body as { token: string; conversationId: string };
    const first = connect({ domain: server.domain, token });
    await first.waitForBotReply();
    await first.send('eins');
    await first.waitForBotReply((a) => text(a) === 'Echo: eins');
    first.end();

    const page = (await callJson(`${server.domain}/conversations/${conversationId}/activities`, { bearer: token })).body as { watermark: string; activities: unknown[] };
    expect(page.watermark).toBe('3');
    expect(page.activities).toHaveLength(3);

    const resumed = connect({ domain: server.domain, token, conversationId, watermark: page.watermark });
    await resumed.send('zwei');
    await resumed.waitForBotReply((a) => text(a) === 'Echo: zwei');
    expect(resumed.activities.map(text)).toEqual(['zwei', 'Echo: zwei']);

    const replay = connect({ domain: server.domain, token, conversationId });
    await replay.waitForBotReply((a) => text(a) === 'Echo: zwei');
    expect(replay.activities.map(text)).toEqual(['Willkommen beim KoSI-Bot!', 'eins', 'Echo: eins', 'zwei', 'Echo: zwei']);
  });

  it('keeps the conversation over a server restart on the same data dir', async () => {
    const before = await start();
    const { token, conversationId } = (await callJson(`${before.baseUrl}/webchat/token`, { body: {} })).body as { token: string; conversationId: string };
    const client = connect({ domain: before.domain, token, conversationId });
    await client.waitForBotReply();
    await client.send('vor dem Neustart');
    await client.waitForBotReply((a) => text(a) === 'Echo: vor dem Neustart');
    client.end();
    await before.stop();

    const after = await start(before.dataDir);
    const resumed = connect({ domain: after.domain, token, conversationId });
    await resumed.waitForBotReply((a) => text(a) === 'Echo: vor dem Neustart');
    await resumed.send('nach dem Neustart');
    await resumed.waitForBotReply((a) => text(a) === 'Echo: nach dem Neustart');
    const ids = resumed.activities.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(resumed.activities.filter((a) => text(a)?.startsWith('Willkommen'))).toHaveLength(1);
  });
});
