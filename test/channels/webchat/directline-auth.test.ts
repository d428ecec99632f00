import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson, startWebChatServer, TEST_TENANTS, type WebChatTestServer } from '../../support/directline-server.js';
import { testBotLogic } from '../../support/directline-test-bot.js';

const [wuppertal, dortmund] = TEST_TENANTS as [(typeof TEST_TENANTS)[0], (typeof TEST_TENANTS)[0]];

interface Issued {
  conversationId: string;
  token: string;
  expires_in: number;
}

describe('Direct Line authorization', () => {
  let server: WebChatTestServer;
  const responseTexts: string[] = [];

  async function call(path: string, init: Parameters<typeof callJson>[1] = {}): ReturnType<typeof callJson> {
    const response = await callJson(`${server.domain}${path}`, init);
    responseTexts.push(response.text, JSON.stringify([...response.headers]));
    return response;
  }
  const generate = async (secret = wuppertal.webchat.secret): Promise<Issued> => (await call('/tokens/generate', { bearer: secret, body: {} })).body as Issued;

  beforeAll(async () => {
    server = await startWebChatServer({ logic: testBotLogic });
  });
  afterAll(async () => {
    await server.close();
  });

  it('issues a token bound to a new conversation of the secret\'s tenant', async () => {
    const issued = await generate(dortmund.webchat.secret);
    expect(issued.conversationId).toMatch(/^dortmund:[\w-]{24}$/);
    expect(issued.expires_in).toBe(1800);
    expect((await call(`/conversations/${issued.conversationId}/activities`, { bearer: issued.token })).status).toBe(200);
  });

  it('answers 401 with a reason without an Authorization header or with a token it did not issue', async () => {
    const { conversationId } = await generate();
    for (const bearer of [undefined, 'not-a-token', 'eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ3dXBwZXJ0YWwifQ.c2lnbmF0dXJl']) {
      const poll = await call(`/conversations/${conversationId}/activities`, bearer === undefined ? {} : { bearer });
      expect(poll.status).toBe(401);
      expect(poll.body).toMatchObject({ error: { code: 'Unauthorized', message: expect.any(String) } });
    }
    expect((await call('/conversations', { body: {} })).status).toBe(401);
    expect((await call(`/conversations/${conversationId}/activities`, { body: { type: 'message', text: 'hi' } })).status).toBe(401);
  });

  it('answers 403 to a token of another conversation', async () => {
    const mine = await generate();
    const theirs = await generate();
    for (const [path, init] of [
      [`/conversations/${theirs.conversationId}/activities`, {}],
      [`/conversations/${theirs.conversationId}`, {}],
      [`/conversations/${theirs.conversationId}/activities`, { body: { type: 'message', text: 'hi' } }],
    ] as const) {
      const response = await call(path, { bearer: mine.token, ...init });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ error: { code: 'Forbidden' } });
    }
  });

  it('lets the secret of one tenant not open conversations of another', async () => {
    const dortmunder = await generate(dortmund.webchat.secret);
    const response = await call(`/conversations/${dortmunder.conversationId}/activities`, { bearer: wuppertal.webchat.secret });
    expect(response.status).toBe(403);
  });

  it('answers 403 TokenExpired when the token has expired, and refreshes a live one', async () => {
    const issued = await generate();
    const refreshed = await call('/tokens/refresh', { bearer: issued.token, method: 'POST' });
    expect(refreshed.status).toBe(200);
    const fresh = refreshed.body as Issued;
    expect(fresh.conversationId).toBe(issued.conversationId);
    expect(fresh.token).not.toBe('');

    server.clock.advance(1801_000);
    try {
      for (const [path, init] of [
        [`/conversations/${issued.conversationId}/activities`, {}],
        ['/tokens/refresh', { method: 'POST' }],
        ['/conversations', { body: {} }],
      ] as const) {
        const response = await call(path, { bearer: issued.token, ...init });
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ error: { code: 'TokenExpired' } });
      }
    } finally {
      server.clock.advance(-1801_000);
    }
  });

  it('refuses the secret where a token is needed and a token where the secret is needed', async () => {
    const issued = await generate();
    expect((await call('/tokens/refresh', { bearer: wuppertal.webchat.secret, method: 'POST' })).status).toBe(401);
    expect((await call('/tokens/generate', { bearer: issued.token, body: {} })).status).toBe(403);
  });

  it('never puts a secret into a response', async () => {
    await call('/conversations', { bearer: wuppertal.webchat.secret, body: { user: { id: 'server-user' } } });
    responseTexts.push((await callJson(`${server.baseUrl}/webchat/token`, { body: {} })).text);
    expect(responseTexts.length).toBeGreaterThan(10);
    for (const text of responseTexts) {
      for (const tenant of TEST_TENANTS) expect(text).not.toContain(tenant.webchat.secret);
    }
  });
});
