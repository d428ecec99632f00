import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from 'botframework-directlinejs';
import { decodeJwt } from 'jose';
import type { WebChatUserExport } from '../../../src/channels/webchat/user-data.js';
import {
  activitiesCollection,
  conversationsCollection,
  filesCollection,
  type ActivityDoc,
  type ConversationDoc,
  type FileDoc,
} from '../../../src/channels/webchat/webchat-collections.js';
import type { DataSubject } from '../../../src/foundation/privacy/personal-data.js';
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
  /** What the widget does first: a token (and a conversation) for a visitor, nothing posted yet. */
  async function visit(tenant: string, ticket?: string): Promise<{ conversationId: string; token: string; ticket: string; userId: string }> {
    const body = { tenant, ...(ticket ? { ticket } : {}) };
    const answer = (await callJson(`${server.baseUrl}/webchat/token`, { body })).body as { token: string; conversationId: string; ticket: string };
    return { ...answer, userId: String(decodeJwt(answer.token)['user']) };
  }

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

  it('on "delete me" in an open widget keeps only the request, so the widget shows it as sent and goes on', async () => {
    const request = await client.send('lösch mich');
    await client.waitForBotReply((a) => text(a) === 'Echo: lösch mich');
    const erased = await server.channel.eraseSubject({ tenantId: 'wuppertal', userIds: [client.userId], conversationIds: [], keepActivityIds: [request] });
    expect(erased).toEqual({ conversations: 0, activities: 4, files: 1 });
    const left = await server.channel.exportUser('wuppertal', client.userId);
    expect(left.conversations.map((c) => c.activities.map((a) => a.text))).toEqual([['lösch mich']]);
    expect((await fetch(downloadUrl)).status).toBe(404);

    const url = `${server.domain}/conversations/${conversationId}/activities`;
    expect((await callJson(url, { bearer: token, body: { type: 'message', text: 'noch da?' } })).status).toBe(200);
    await client.waitForBotReply((a) => text(a) === 'Echo: noch da?');
    const history = (await callJson(url, { bearer: token })).body as { activities: Message[] };
    expect(history.activities.map((a) => a.text)).toEqual(['lösch mich', 'noch da?', 'Echo: noch da?']);
  });

  it('erases an idle visitor completely: activities, files and conversations', async () => {
    const erased = await server.channel.eraseUser('wuppertal', client.userId);
    expect(erased).toEqual({ conversations: 1, activities: 3, files: 1 });
    expect(await server.channel.exportUser('wuppertal', client.userId)).toEqual({ conversations: [], files: [] });
    expect(await server.channel.conversationIdsOf('wuppertal', client.userId)).toEqual([]);
    expect((await fetch(downloadUrl)).status).toBe(404);
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
    expect(await source.export(subject)).toEqual({ conversations: [expect.objectContaining({ conversationId })], files: [expect.objectContaining({ name: 'meine-daten.csv' })] });
    await source.erase(subject);
    expect(await source.export(subject)).toBeNull();
  });

  it('exports and erases what is written after a first "delete me" in the same widget, and no other tenant\'s data', async () => {
    const source = webChatDataSource(server.channel);
    const other = await visit('dortmund');
    await callJson(`${server.domain}/conversations/${other.conversationId}/activities`, { bearer: other.token, body: { type: 'message', text: 'Dortmund' } });
    // As the bot builds it: the current conversation, the accounts' conversations, a Telegram chat, the request.
    const subject = async (request: string): Promise<DataSubject> => ({
      tenantId: 'wuppertal',
      profileId: null,
      accounts: [{ tenantId: 'wuppertal', channel: 'webchat' as const, accountId: client.userId }],
      conversationIds: [...new Set([conversationId, ...(await server.channel.conversationIdsOf('wuppertal', client.userId)), 'wuppertal:12345', other.conversationId])],
      keepActivityIds: [request],
    });
    await source.erase(await subject(await client.send('lösch mich')));

    // The open widget's token still works: the person consents again in the same conversation and writes.
    await client.send('Anna');
    await client.waitForBotReply((a) => text(a) === 'Echo: Anna');
    await client.send('datei');
    await client.waitForBotReply((a) => text(a) === 'Hier ist deine Datei.');
    const exported = (await source.export(await subject('none'))) as WebChatUserExport | null;
    expect(exported?.conversations.map((c) => c.conversationId)).toEqual([conversationId]);
    expect(exported?.conversations[0]!.activities.map((a) => a.text)).toEqual(['lösch mich', 'Anna', 'Echo: Anna', 'datei', 'Hier ist deine Datei.']);
    expect(exported?.files).toEqual([expect.objectContaining({ name: 'meine-daten.csv' })]);

    const secondRequest = await client.send('nochmal löschen');
    await source.erase(await subject(secondRequest));
    const activities = server.store.collection<ActivityDoc>(activitiesCollection);
    expect((await activities.find({ conversationId })).map((doc) => doc._id)).toEqual([secondRequest]);
    expect(await server.store.collection<FileDoc>(filesCollection).count({ conversationId })).toBe(0);
    const poll = await callJson(`${server.domain}/conversations/${conversationId}/activities`, { bearer: token });
    expect((poll.body as { activities: Message[] }).activities.map((a) => a.text)).toEqual(['nochmal löschen']);
    // Other tenants' conversations named in the subject are neither exported nor erased.
    expect(await activities.count({ conversationId: other.conversationId })).toBe(2);
  });

  it('lists visitors all of whose conversations are idle, without erased ones', async () => {
    const neverStarted = await visit('wuppertal');
    const erased = await visit('wuppertal');
    await server.channel.eraseUser('wuppertal', erased.userId);
    const returning = await visit('wuppertal');
    const inDortmund = await visit('dortmund');
    server.clock.advance(2 * 3600_000);
    await visit('wuppertal', returning.ticket); // a second conversation, now: not idle
    const recent = await visit('wuppertal');

    const idle = await server.channel.listIdleVisitors(new Date(server.clock.now().getTime() - 3600_000));
    const byKey = (a: { tenantId: string; userId: string }, b: { tenantId: string; userId: string }): number => `${a.tenantId}/${a.userId}`.localeCompare(`${b.tenantId}/${b.userId}`);
    expect([...idle].sort(byKey)).toEqual(
      [
        { tenantId: 'wuppertal', userId: client.userId },
        { tenantId: 'wuppertal', userId: neverStarted.userId },
        { tenantId: 'dortmund', userId: inDortmund.userId },
      ].sort(byKey),
    );
    expect(idle.map((v) => v.userId)).not.toContain(recent.userId);
    expect(await server.channel.listIdleVisitors(new Date(server.clock.now().getTime() - 3 * 3600_000))).toEqual([]);
  });

  it('removes conversations that never started on either path: retention and erasing an idle visitor', async () => {
    const conversations = server.store.collection<ConversationDoc>(conversationsCollection);
    const viaErasure = await visit('wuppertal');
    const viaRetention = await visit('wuppertal');
    server.clock.advance(2 * 3600_000);
    const since = new Date(server.clock.now().getTime() - 3600_000);
    expect(await server.channel.listIdleVisitors(since)).toContainEqual({ tenantId: 'wuppertal', userId: viaErasure.userId });
    expect(await server.channel.eraseUser('wuppertal', viaErasure.userId)).toEqual({ conversations: 1, activities: 0, files: 0 });
    expect(await conversations.findOne({ _id: viaErasure.conversationId })).toBeNull();

    const purged = await server.channel.purgeOlderThan(since);
    expect(purged.conversations).toBe(2); // the beforeEach visit and the one that never started
    expect(await conversations.findOne({ _id: viaRetention.conversationId })).toBeNull();
  });

  it('purges idle conversations and expired files, and keeps recent ones', async () => {
    expect(await server.channel.purgeOlderThan(new Date(Date.now() - 60_000))).toEqual({ conversations: 0, activities: 0, files: 0 });
    server.clock.advance(2 * 3600_000);
    const purged = await server.channel.purgeOlderThan(new Date(server.clock.now().getTime() - 3600_000));
    expect(purged).toEqual({ conversations: 1, activities: 3, files: 1 });
  });
});
