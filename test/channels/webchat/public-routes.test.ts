import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebChatServer, type WebChatTestServer } from '../../support/directline-server.js';
import { testBotLogic } from '../../support/directline-test-bot.js';

describe('the pages and scripts the web chat serves', () => {
  let server: WebChatTestServer;
  let bundleless: WebChatTestServer;

  beforeAll(async () => {
    server = await startWebChatServer({ logic: testBotLogic });
    bundleless = await startWebChatServer({ logic: testBotLogic, paths: { bundleFile: '/nonexistent/webchat.js' } });
  });
  afterAll(async () => {
    await server.close();
    await bundleless.close();
  });

  it('serves the Web Chat bundle with a long cache', async () => {
    const response = await fetch(`${server.baseUrl}/webchat/webchat.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=604800');
    await response.body?.cancel();
  });

  it('serves a script that says so in the page when the bundle is missing', async () => {
    const response = await fetch(`${bundleless.baseUrl}/webchat/webchat.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(await response.text()).toContain('npm run postinstall');
  });

  it('lets any site frame the widget page, and no site the demo page', async () => {
    const frame = await fetch(`${server.baseUrl}/webchat/frame?tenant=dortmund`);
    expect(frame.status).toBe(200);
    expect(frame.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(frame.headers.get('x-frame-options')).toBeNull();
    const demo = await fetch(`${server.baseUrl}/`);
    expect(demo.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(demo.headers.get('content-security-policy')).toContain("script-src 'self';");
    const html = await demo.text();
    expect(html).toContain('<title>KoSI-Bot – Demo</title>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
  });

  it('tells on the demo page what a visitor can do in the chat, all of it available', async () => {
    const html = await (await fetch(`${server.baseUrl}/`)).text();
    for (const journey of ['Gute Taten finden', 'Marktplatz für gute Geschäfte', 'Wege in Arbeit', 'Werkstattreihe', 'Mit einem Menschen sprechen']) expect(html).toContain(journey);
    expect(html).not.toContain('In Vorbereitung');
  });

  it('serves embed.js for other origins, with its attributes documented at the top', async () => {
    const response = await fetch(`${server.baseUrl}/embed.js`);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const source = await response.text();
    for (const attribute of ['data-tenant', 'data-start', 'data-label', 'data-position', 'data-color', 'data-open']) {
      expect(source.slice(0, source.indexOf('(function'))).toContain(attribute);
    }
  });

  it('answers an unknown download with 404 and a reason', async () => {
    const response = await fetch(`${server.baseUrl}/webchat/files/unknown/x.csv`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NotFound', message: expect.any(String) } });
  });
});
