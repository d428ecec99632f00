import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from 'botframework-directlinejs';
import { connectDirectLine, type DirectLineTestClient } from '../../support/directline-client.js';
import { callJson, startWebChatServer, TEST_TENANTS, type WebChatTestServer } from '../../support/directline-server.js';
import { testBotLogic } from '../../support/directline-test-bot.js';

const secret = TEST_TENANTS[0]!.webchat.secret;
const text = (activity: unknown): string | undefined => (activity as Message).text;

describe('a Direct Line conversation through botframework-directlinejs', () => {
  let server: WebChatTestServer;
  let client: DirectLineTestClient | undefined;

  beforeEach(async () => {
    server = await startWebChatServer({ logic: testBotLogic });
  });
  afterEach(async () => {
    client?.end();
    client = undefined;
    await server.close();
  });

  async function connect(): Promise<DirectLineTestClient> {
    const generated = await callJson(`${server.domain}/tokens/generate`, { bearer: secret, body: {} });
    expect(generated.status).toBe(200);
    const { token } = generated.body as { token: string };
    client = connectDirectLine({ domain: server.domain, token });
    return client;
  }

  it('greets on start, echoes the user activity with its clientActivityID and replies', async () => {
    const dl = await connect();
    const greeting = await dl.waitForBotReply();
    expect(text(greeting)).toBe('Willkommen beim KoSI-Bot!');

    const id = await dl.send('Hallo', { channelData: { clientActivityID: 'client-1' } });
    const echo = await dl.waitForActivity((a) => a.id === id);
    expect(echo.channelData).toMatchObject({ clientActivityID: 'client-1' });
    expect(echo.from).toEqual({ id: dl.userId, name: '', role: 'user' });
    expect(text(await dl.waitForBotReply())).toBe('Echo: Hallo');
  });

  it('never trusts the from of a posted activity', async () => {
    const dl = await connect();
    await dl.waitForBotReply();
    const id = await dl.send('Ich bin wer anders', { from: { id: 'someone-else', role: 'user' } });
    const echo = await dl.waitForActivity((a) => a.id === id);
    expect(echo.from.id).toBe(dl.userId);
  });

  it('round-trips suggested actions: the pressed messageBack reaches the bot intact', async () => {
    const dl = await connect();
    const greeting = (await dl.waitForBotReply()) as Message;
    const actions = greeting.suggestedActions?.actions ?? [];
    expect(actions.map((a) => a.title)).toEqual(['Gute Taten', 'Workshops']);
    expect(actions[0]).toMatchObject({ type: 'messageBack', value: { buttonSeq: 1 } });

    const id = await dl.press(actions[1]!);
    const echo = (await dl.waitForActivity((a) => a.id === id)) as Message;
    expect(echo.value).toEqual({ buttonSeq: 2 });
    expect(echo.channelData).toMatchObject({ messageBack: { displayText: 'Workshops' } });
    expect(text(await dl.waitForBotReply())).toBe('Knopf 2 (workshops, angezeigt: Workshops)');
  });

  it('starts a conversation once: 201 with the greeting, then 200 without another', async () => {
    const { token } = (await callJson(`${server.domain}/tokens/generate`, { bearer: secret, body: {} })).body as { token: string };
    const first = await callJson(`${server.domain}/conversations`, { bearer: token, body: {} });
    const second = await callJson(`${server.domain}/conversations`, { bearer: token, body: {} });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(first.body).toMatchObject({ conversationId: expect.stringMatching(/^wuppertal:/), token, expires_in: expect.any(Number) });
    expect(first.body).not.toHaveProperty('streamUrl');

    client = connectDirectLine({ domain: server.domain, token, conversationId: (first.body as { conversationId: string }).conversationId });
    await client.waitForBotReply();
    await client.send('noch da?');
    await client.waitForBotReply((a) => text(a) === 'Echo: noch da?');
    expect(client.activities.filter((a) => text(a)?.startsWith('Willkommen'))).toHaveLength(1);
  });

  it('greets a deep-linked conversation with its start payload', async () => {
    const issued = await callJson(`${server.baseUrl}/webchat/token`, { body: { start: 'workshop-42' } });
    const { token, conversationId } = issued.body as { token: string; conversationId: string };
    client = connectDirectLine({ domain: server.domain, token, conversationId });
    expect(text(await client.waitForBotReply())).toBe('Willkommen! Start: workshop-42');
  });

  it('turns a data: attachment into a download that serves the bytes', async () => {
    const dl = await connect();
    await dl.waitForBotReply();
    await dl.send('datei');
    const reply = (await dl.waitForBotReply((a) => text(a) === 'Hier ist deine Datei.')) as Message;
    const attachment = reply.attachments?.[0] as { contentType: string; contentUrl: string; name: string };
    expect(attachment.contentUrl).toMatch(/^\/webchat\/files\/[\w-]{20,}\/meine-daten\.csv$/);
    expect(attachment).toMatchObject({ contentType: 'text/csv', name: 'meine-daten.csv' });

    const download = await fetch(server.baseUrl + attachment.contentUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="?meine-daten\.csv"?$/);
    expect(await download.text()).toBe('name;ort\nAnna;Wuppertal\n');

    server.clock.advance(61 * 60_000);
    const expired = await callJson(server.baseUrl + attachment.contentUrl);
    expect(expired.status).toBe(404);
    expect(expired.body).toMatchObject({ error: { code: 'NotFound', message: expect.stringContaining('expired') } });
  });

  it('shows an updated message in place and a deleted one as a messageDelete with the same id', async () => {
    const dl = await connect();
    await dl.waitForBotReply();
    // Depending on when the poll comes, the client sees the draft and then the update, or the final text twice.
    await dl.send('ändern');
    const final = await dl.waitForBotReply((a) => text(a) === 'Endfassung');
    const sameMessage = dl.activities.filter((a) => text(a) === 'Entwurf' || text(a) === 'Endfassung');
    expect(new Set(sameMessage.map((a) => a.id))).toEqual(new Set([final.id]));
    expect(new Set(sameMessage.map((a) => a.timestamp))).toEqual(new Set([final.timestamp]));

    await dl.send('löschen');
    const tombstone = await dl.waitForBotReply((a) => (a.type as string) === 'messageDelete');
    const deleted = dl.activities.filter((a) => text(a) === 'Gleich weg');
    expect(deleted.every((a) => a.id === tombstone.id)).toBe(true);
    const history = await callJson(`${server.domain}/conversations/${encodeURIComponent(final.conversation?.id ?? '')}/activities`, { bearer: secret });
    const texts = (history.body as { activities: Message[] }).activities.map((a) => a.text);
    expect(texts).not.toContain('Entwurf');
    expect(texts).not.toContain('Gleich weg');
  });

  it('delivers a proactive message to the conversation', async () => {
    const dl = await connect();
    const greeting = await dl.waitForBotReply();
    const conversationId = greeting.conversation?.id ?? '';
    await server.channel.adapter.continueConversation(
      { channelId: 'webchat', serviceUrl: 'webchat:wuppertal', conversation: { id: conversationId, tenantId: 'wuppertal', isGroup: false, conversationType: 'personal', name: '' }, user: { id: dl.userId, name: '' }, bot: { id: 'kosi-bot', name: 'KoSI-Bot' } },
      async (context) => {
        await context.sendActivity('Erinnerung: Werkstatt morgen um 10 Uhr');
      },
    );
    const reminder = await dl.waitForBotReply((a) => text(a)?.startsWith('Erinnerung') === true);
    expect(reminder.from).toMatchObject({ id: 'kosi-bot', role: 'bot' });
  });
});
