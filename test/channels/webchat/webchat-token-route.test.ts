import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson, startWebChatServer, type WebChatTestServer } from '../../support/directline-server.js';
import { testBotLogic } from '../../support/directline-test-bot.js';

interface TokenAnswer {
  token: string;
  conversationId: string;
  ticket: string;
  expires_in: number;
  domain: string;
  tenant: { id: string; name: string };
}

describe('POST /webchat/token (the browser\'s way in, without a secret)', () => {
  let server: WebChatTestServer;
  const ask = async (body: Record<string, unknown>): Promise<{ status: number; body: unknown }> => callJson(`${server.baseUrl}/webchat/token`, { body });
  const userOf = (answer: TokenAnswer): unknown => decodeJwt(answer.token)['user'];

  beforeAll(async () => {
    server = await startWebChatServer({ logic: testBotLogic });
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives a first visitor a ticket, a token and a new conversation of the first tenant', async () => {
    const { status, body } = await ask({});
    const answer = body as TokenAnswer;
    expect(status).toBe(200);
    expect(answer).toMatchObject({ expires_in: 1800, domain: `${server.baseUrl}/v3/directline`, tenant: { id: 'wuppertal', name: 'Wuppertal' } });
    expect(answer.conversationId).toMatch(/^wuppertal:/);
    expect(userOf(answer)).toMatch(/^web-/);
    const poll = await callJson(`${answer.domain}/conversations/${answer.conversationId}/activities`, { bearer: answer.token });
    expect(poll.status).toBe(200);
  });

  it('keeps the same user id for the same ticket, and resumes that user\'s conversation', async () => {
    const first = (await ask({ tenant: 'dortmund' })).body as TokenAnswer;
    const again = (await ask({ tenant: 'dortmund', ticket: first.ticket, conversationId: first.conversationId })).body as TokenAnswer;
    expect(userOf(again)).toBe(userOf(first));
    expect(again.conversationId).toBe(first.conversationId);
    const newConversation = (await ask({ tenant: 'dortmund', ticket: again.ticket })).body as TokenAnswer;
    expect(userOf(newConversation)).toBe(userOf(first));
    expect(newConversation.conversationId).not.toBe(first.conversationId);
  });

  it('does not hand out another person\'s conversation', async () => {
    const alice = (await ask({})).body as TokenAnswer;
    const mallory = (await ask({ conversationId: alice.conversationId })).body as TokenAnswer;
    expect(mallory.conversationId).not.toBe(alice.conversationId);
    expect(userOf(mallory)).not.toBe(userOf(alice));
  });

  it('starts a new conversation for a deep link even with a conversation to resume', async () => {
    const first = (await ask({})).body as TokenAnswer;
    const deepLinked = (await ask({ ticket: first.ticket, conversationId: first.conversationId, start: 'workshop-7' })).body as TokenAnswer;
    expect(deepLinked.conversationId).not.toBe(first.conversationId);
  });

  it('refuses a forged, tampered or foreign ticket with 401 and a reason', async () => {
    const genuine = (await ask({})).body as TokenAnswer;
    const [header, payload, signature] = genuine.ticket.split('.') as [string, string, string];
    const claims = { ...decodeJwt(genuine.ticket), sub: 'web-victim' };
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const forged = await new SignJWT({ tid: 'wuppertal' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('web-victim')
      .setAudience('kosi-webchat-ticket')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('guessed-key'));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    for (const ticket of [tampered, forged, unsigned, 'garbage']) {
      const { status, body } = await ask({ ticket });
      expect(status).toBe(401);
      expect(body).toMatchObject({ error: { code: 'InvalidTicket', message: expect.stringContaining('ticket') } });
    }
    expect((await ask({ tenant: 'dortmund', ticket: genuine.ticket })).status).toBe(401);
    expect((await ask({ ticket: genuine.token })).status).toBe(401); // a token is no ticket
  });

  it('answers an unknown tenant with 404 and bad fields with 400, each with a reason', async () => {
    const unknown = await ask({ tenant: 'atlantis' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'UnknownTenant', message: expect.any(String) } });
    for (const body of [{ start: '<script>' }, { tenant: { $ne: null } }, { ticket: 7 }, { locale: 'xx_<>' }]) {
      const answer = await ask(body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'BadArgument', message: expect.any(String) } });
    }
  });
});
