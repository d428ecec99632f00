import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../support/test-app.js';

/** The console's sign-in page, as a browser gets it first. */
async function loginPageHeaders(env: Record<string, string>): Promise<Headers> {
  const harness = await startTestApp({ env });
  try {
    const response = await fetch(`${harness.baseUrl}/console/login`);
    expect(response.status).toBe(200);
    await response.body?.cancel();
    return response.headers;
  } finally {
    await harness.stop();
  }
}

describe('security headers follow the transport the service is configured for', () => {
  it('does not upgrade the console\'s stylesheet and script to https when it is served over plain http (COOKIE_SECURE=false)', async () => {
    // The README's closed-network case: a public https address is known, but the console is reached over http.
    const headers = await loginPageHeaders({ PUBLIC_URL: 'https://bot.example.org', COOKIE_SECURE: 'false' });
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(headers.get('strict-transport-security')).toBeNull();
  });

  it('does not upgrade either when nothing says https (no PUBLIC_URL, no proxy)', async () => {
    const headers = await loginPageHeaders({});
    expect(headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(headers.get('strict-transport-security')).toBeNull();
  });

  it('keeps upgrade-insecure-requests and HSTS when the service is configured for https', async () => {
    const headers = await loginPageHeaders({ PUBLIC_URL: 'https://bot.example.org' });
    expect(headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});
