import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { StaffClient } from './staff-client.js';

const ADMIN = { email: 'admin@wuppertal.example', password: 'the first admin password' };

describe('no caching of personal data: Cache-Control no-store on the admin API and the console pages', () => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await startTestApp({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, overrides: { staff: { loginAttemptsPerWindow: 1000 } } });
  });
  afterAll(() => harness?.stop());

  it('answers every admin API call with no-store: sign-in, reads, errors', async () => {
    const api = new StaffClient(harness.baseUrl);
    const signIn = await api.apiSignIn(ADMIN.email, ADMIN.password);
    expect(signIn.headers.get('cache-control')).toBe('no-store');
    for (const path of ['/session', '/staff', '/audit', '/dashboard', '/handoffs', '/content/deeds']) {
      const response = await api.api('GET', path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
    const missing = await api.api('GET', '/handoffs/no-such-request');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    const anonymous = await new StaffClient(harness.baseUrl).api('GET', '/staff');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
  });

  it('answers console pages and redirects behind sign-in with no-store, and lets the browser cache the stylesheet', async () => {
    const page = new StaffClient(harness.baseUrl);
    await page.consoleSignIn(ADMIN.email, ADMIN.password);
    for (const path of ['/console/', '/console/staff', '/console/audit', '/console/deeds']) {
      const { status, response } = await page.page(path);
      expect(status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
    const signedOut = await page.postForm('/console/logout', {});
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('cache-control')).toBe('no-store');
    const css = await fetch(`${harness.baseUrl}/console/assets/console.css`);
    expect(css.headers.get('cache-control')).toMatch(/max-age=\d+/);
    await css.body?.cancel();
  });
});
