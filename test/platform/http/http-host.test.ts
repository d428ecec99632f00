import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/test-app.js';

describe('the HTTP host', () => {
  let harness: TestApp | undefined;
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  it('answers /healthz and /readyz while the store is reachable', async () => {
    harness = await startTestApp();
    expect(await (await fetch(`${harness.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${harness.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: 'embedded', telegram: {}, damaged: [] });
  });

  it('reports not ready once the store is closed', async () => {
    harness = await startTestApp();
    await harness.app.store.close();
    const ready = await fetch(`${harness.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', store: 'embedded', problems: [{ reason: 'embedded store is closed' }], damaged: [] });
  });

  it('refuses invalid JSON and Mongo operators with 400 and a reason', async () => {
    harness = await startTestApp();
    const post = (body: string) => fetch(`${harness!.baseUrl}/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const invalid = await post('{"ticket": ');
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
    const operator = await post('{"ticket": {"$gt": ""}}');
    expect(operator.status).toBe(400);
    expect(((await operator.json()) as { error: { message: string } }).error.message).toMatch(/"\$gt"/);
    // An operator hidden below the depth a scan would look at is refused too, not let through.
    const deep = await post(`${'{"a":'.repeat(40)}{"$gt": ""}${'}'.repeat(40)}`);
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { error: { message: string } }).error.message).toMatch(/nested too deeply/);
  });

  it('answers an unknown route with 404 and a reason, and sends security headers', async () => {
    harness = await startTestApp();
    const response = await fetch(`${harness.baseUrl}/no/such/route`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NotFound');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
  });

  it('finishes a turn in flight before it stops: the reply is there after a restart', async () => {
    const first = await startTestApp();
    const visit = await first.openWebChat();
    await visit.client.waitForBotReply((activity) => activity.type === 'message' && (activity.suggestedActions?.actions.length ?? 0) > 0);
    await visit.pressButton('English');
    await first.stop();
    visit.client.end();
    await expect(fetch(`${first.baseUrl}/healthz`)).rejects.toThrow();

    harness = await startTestApp({ dataDir: first.dataDir });
    const resumed = await harness.resumeWebChat(visit);
    try {
      await resumed.waitForActivity((activity) => activity.type === 'message' && /A quick word on privacy/.test(activity.text ?? ''));
    } finally {
      resumed.end();
    }
  });
});
