import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, WEBHOOK_SECRET, APP_TEST_TENANT, type TestApp } from '../../support/test-app.js';
import { TEST_API_ROOT } from '../../support/telegram-api.js';
import nock from 'nock';

/** A body that claims a compression it does not have (an outside probe sent exactly this). */
async function postBogus(url: string, headers: Record<string, string>, encoding: string): Promise<{ status: number; body: { error?: { message?: string } } }> {
  const response = await fetch(url, { method: 'POST', headers: { ...headers, 'content-encoding': encoding }, body: '{"type":"message","text":"hallo"}' });
  const text = await response.text();
  let body: { error?: { message?: string } } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // an HTML page (the console): the status is what counts
  }
  return { status: response.status, body };
}

describe('bodies whose Content-Encoding is a lie', () => {
  let harness: TestApp | undefined;
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
    nock.cleanAll();
  });

  it('answers 400 with a reason on every route that reads a body, never 500', async () => {
    nock(TEST_API_ROOT).persist().post(/.*/).reply(200, { ok: true, result: true });
    harness = await startTestApp({ telegram: true });
    const json = { 'content-type': 'application/json' };
    const visit = await harness.openWebChat();
    const directLine = `${harness.baseUrl}/v3/directline/conversations/${encodeURIComponent(visit.conversationId)}/activities`;
    const token = (await (await fetch(`${harness.baseUrl}/webchat/token`, { method: 'POST', headers: json, body: JSON.stringify({ ticket: visit.ticket, conversationId: visit.conversationId }) })).json()) as { token: string };
    visit.client.end();

    for (const encoding of ['gzip', 'deflate', 'br']) {
      const routes: Array<[string, string, Record<string, string>]> = [
        ['token route', `${harness.baseUrl}/webchat/token`, json],
        ['Direct Line', directLine, { ...json, authorization: `Bearer ${token.token}` }],
        ['Telegram webhook', `${harness.baseUrl}/telegram/${APP_TEST_TENANT}/webhook`, { ...json, 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET }],
        ['admin API', `${harness.baseUrl}/api/admin/session`, json],
        ['console sign-in', `${harness.baseUrl}/console/login`, { 'content-type': 'application/x-www-form-urlencoded' }],
      ];
      for (const [name, url, headers] of routes) {
        const answer = await postBogus(url, headers, encoding);
        expect(answer.status, `${name} with ${encoding}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${name} with ${encoding}`).toBeLessThan(500);
        if (name !== 'console sign-in') expect(answer.body.error?.message, `${name} with ${encoding}`).toMatch(/Content-Encoding|could not be read|decompress/);
      }
    }
    expect((await fetch(`${harness.baseUrl}/healthz`)).status).toBe(200);
  });
});
