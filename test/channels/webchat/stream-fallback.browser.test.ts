import type { Browser, Page } from 'playwright-core';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { browserAvailable, bubble, collectProblems, launchBrowser } from '../../support/browser.js';
import { createTestClock } from '../../support/directline-server.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../../support/test-app.js';

function suggestedAction(page: Page, title: string): ReturnType<Page['locator']> {
  // Web Chat renders every suggested action twice (one hidden copy): take the visible one.
  return page.locator('.webchat__suggested-actions__button', { hasText: title }).locator('visible=true').first();
}

/** The chat's traffic: the WebSockets it opened, how many frames each received, and its polls. */
function watchStream(page: Page): { sockets: Array<{ url: string; frames: number; closed: boolean }>; polls: number } {
  const seen = { sockets: [] as Array<{ url: string; frames: number; closed: boolean }>, polls: 0 };
  page.on('websocket', (socket) => {
    const entry = { url: socket.url(), frames: 0, closed: false };
    seen.sockets.push(entry);
    socket.on('framereceived', () => void (entry.frames += 1));
    socket.on('close', () => void (entry.closed = true));
  });
  page.on('request', (request) => {
    if (request.method() === 'GET' && /\/v3\/directline\/conversations\/[^/]+\/activities/.test(request.url())) seen.polls += 1;
  });
  return seen;
}

describe.skipIf(!browserAvailable())('the widget when its WebSocket stream fails or its token expires (Chromium, real bot)', () => {
  let browser: Browser;
  let harness: TestApp | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });
  afterAll(async () => {
    await browser?.close();
  });
  async function open(options: TestAppOptions): Promise<Page> {
    harness = await startTestApp(options);
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'de-DE' });
    page.setDefaultTimeout(10_000);
    return page;
  }

  it('polls instead when the service refuses the stream (429: too many streams from one address), and keeps talking', async () => {
    const page = await open({ overrides: { webchat: { limits: { streamsPerIp: 0 } } } });
    const problems = collectProblems(page);
    const traffic = watchStream(page);
    await page.goto(harness!.baseUrl);
    await bubble(page, 'Hallo! Ich bin der KoSI-Bot von Wuppertal').first().waitFor();
    await suggestedAction(page, 'Deutsch').click();
    await bubble(page, 'Kurz zum Datenschutz').first().waitFor();
    await suggestedAction(page, 'Einverstanden').click();
    await bubble(page, 'Danke! Du kannst loslegen.').first().waitFor();

    expect(traffic.sockets).toHaveLength(1); // tried once; botframework-directlinejs would retry it for good
    expect(traffic.sockets[0]!.frames).toBe(0);
    expect(traffic.polls).toBeGreaterThan(0);
    // The browser reports the refused handshake itself; nothing else went wrong.
    expect(problems.filter((problem) => !/WebSocket connection to .* failed/.test(problem))).toEqual([]);
    await page.close();
  });

  it('starts afresh with a new token after it expired, and ends the old stream', async () => {
    const clock = createTestClock();
    const page = await open({ overrides: { clock: clock.now } });
    const problems = collectProblems(page);
    const traffic = watchStream(page);
    await page.goto(harness!.baseUrl);
    await bubble(page, 'Hallo! Ich bin der KoSI-Bot von Wuppertal').first().waitFor();
    await suggestedAction(page, 'Deutsch').waitFor();

    clock.advance(1801_000); // a laptop that slept past the token's lifetime
    // The stream stays open; the next post meets the expired token (403), and the page fetches a new one.
    const renewed = page.waitForResponse((response) => response.url().endsWith('/webchat/token'));
    await suggestedAction(page, 'Deutsch').click();
    await renewed;
    await suggestedAction(page, 'Deutsch').click();
    await bubble(page, 'Kurz zum Datenschutz').first().waitFor();

    expect(traffic.sockets).toHaveLength(2);
    await expect.poll(() => traffic.sockets[0]!.closed).toBe(true);
    expect(traffic.sockets[1]!.closed).toBe(false);
    expect(traffic.polls).toBe(0);
    expect(problems.filter((problem) => !problem.includes('403'))).toEqual([]);
    await page.close();
  });
});
