import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from 'botframework-directlinejs';
import { webChatDataSource } from '../../../src/channels/webchat/webchat-data-source.js';
import { connectDirectLine, type DirectLineTestClient } from '../../support/directline-client.js';
import { callJson, startWebChatServer, type WebChatTestServer } from '../../support/directline-server.js';
import { testBotLogic } from '../../support/directline-test-bot.js';

const text = (activity: unknown): string | undefined => (activity as Message).text;

describe('what the web chat stores about a person: export, erase, retention', () => {
  let server: WebChatTestServer;
  let client: DirectLineTestClient;
  let conversationId: string;
  let token: string;
  let downloadUrl: string;

  beforeEach(async () => {
    server = await startWebChatServer({ logic: testBotLogic });
    const answer = (await callJson(`${server.baseUrl}/webchat/token`, { body: {} })).body as { token: string; conversationId: string };
    conversationId = answer.conversationId;
    token = answer.token;
    client = connectDirectLine({ domain: server.domain, token: answer.token, conversationId });
    await client.waitForBotReply();
    await client.send('datei');
    const reply = (await client.waitForBotReply((a) => text(a) === 'Hier ist deine Datei.')) as Message;
    downloadUrl = server.baseUrl + String((reply.attachments?.[0] as { contentUrl: string }).contentUrl);
  });
  afterEach(async () => {
    client.end();
    await server.close();
  });

  it('exports the conversations with their activities and the files of a web user', async () => {
    const exported = await server.channel.exportUser('wuppertal', client.userId);
    expect(exported.conversations).toHaveLength(1);
    expect(exported.conversations[0]).toMatchObject({ conversationId });
    expect(exported.conversations[0]!.activities.map((a) => a.text)).toEqual(['Willkommen beim KoSI-Bot!', 'datei', 'Hier ist deine Datei.']);
    expect(exported.files).toEqual([expect.objectContaining({ name: 'meine-daten.csv', contentType: 'text/csv' })]);
    expect(await server.channel.exportUser('dortmund', client.userId)).toEqual({ conversations: [], files: [] });
  });

  it('erases the activities, files and conversations of a web user at once; the open widget still shows the confirmation', async () => {
    const erased = await server.channel.eraseUser('wuppertal', client.userId);
    expect(erased).toEqual({ conversations: 1, activities: 3, files: 1 });
    expect(await server.channel.exportUser('wuppertal', client.userId)).toEqual({ conversations: [], files: [] });
    expect(await server.channel.conversationIdsOf('wuppertal', client.userId)).toEqual([]);
    expect((await fetch(downloadUrl)).status).toBe(404);

    const url = `${server.domain}/conversations/${conversationId}/activities`;
    expect((await callJson(url, { bearer: token, body: { type: 'message', text: 'noch da?' } })).status).toBe(200);
    await client.waitForBotReply((a) => text(a) === 'Echo: noch da?');
    const history = (await callJson(url, { bearer: token })).body as { activities: Message[] };
    expect(history.activities.map((a) => a.text)).toEqual(['noch da?', 'Echo: noch da?']);
  });

  it('feeds "export my data" and "delete me" as a personal data source', async () => {
    const source = webChatDataSource(server.channel);
    const subject = {
      tenantId: 'wuppertal',
      profileId: null,
      accounts: [{ tenantId: 'wuppertal', channel: 'webchat' as const, accountId: client.userId }, { tenantId: 'wuppertal', channel: 'telegram' as const, accountId: '42' }],
      conversationIds: await server.channel.conversationIdsOf('wuppertal', client.userId),
    };
    expect(subject.conversationIds).toEqual([conversationId]);
    expect(await source.export(subject)).toEqual([expect.objectContaining({ userId: client.userId, conversations: [expect.objectContaining({ conversationId })] })]);
    await source.erase(subject);
    expect(await source.export(subject)).toBeNull();
  });

  it('purges idle conversations and expired files, and keeps recent ones', async () => {
    expect(await server.channel.purgeOlderThan(new Date(Date.now() - 60_000))).toEqual({ conversations: 0, activities: 0, files: 0 });
    server.clock.advance(2 * 3600_000);
    const purged = await server.channel.purgeOlderThan(new Date(server.clock.now().getTime() - 3600_000));
    expect(purged).toEqual({ conversations: 1, activities: 3, files: 1 });
  });
});
