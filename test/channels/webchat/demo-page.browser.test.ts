import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, browserAvailable, bubble, collectProblems, launchBrowser, startCityPage } from '../../support/browser.js';
import { startWebChatServer, type WebChatTestServer } from '../../support/directline-server.js';
import { testBotLogic } from '../../support/directline-test-bot.js';


describe.skipIf(!browserAvailable())('the web chat in a browser', () => {
  let server: WebChatTestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startWebChatServer({ logic: testBotLogic });
    browser = await launchBrowser();
  });
  // Fail within the test's time with Playwright's own message instead of vitest's timeout.
  const newPage = async (...args: Parameters<Browser['newPage']>): Promise<Page> => {
    const page = await browser.newPage(...args);
    page.setDefaultTimeout(10_000);
    return page;
  };
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('greets on the demo page, answers a message and a pressed suggested action, and resumes after a reload', async () => {
    const page = await newPage({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    const problems = collectProblems(page);
    await page.goto(`${server.baseUrl}/`);
    expect(await page.title()).toBe('KoSI-Bot – Demo');
    const chat = page.locator('#webchat');
    await bubble(chat, 'Willkommen beim KoSI-Bot!').waitFor();
    await expect(page.locator('[data-tenant-name]').first().textContent()).resolves.toBe('Wuppertal');
    expect(await page.locator('.webchat__upload-button').count()).toBe(0);

    // Suggested actions belong to the latest bot message: press before typing.
    await chat.locator('.webchat__suggested-actions__button', { hasText: 'Workshops' }).first().click();
    await bubble(chat, 'Knopf 2 (workshops, angezeigt: Workshops)').waitFor();

    const input = chat.getByRole('textbox');
    await input.fill('Hallo Bot');
    await input.press('Enter');
    await bubble(chat, 'Echo: Hallo Bot').waitFor();
    await page.screenshot({ path: await artifactPath('webchat-demo-page.png') });

    await page.reload();
    await bubble(chat, 'Echo: Hallo Bot').waitFor();
    await bubble(chat, 'Knopf 2 (workshops, angezeigt: Workshops)').waitFor();
    await expect(bubble(chat, 'Willkommen beim KoSI-Bot!').count()).resolves.toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('gets a new token by itself when the old one expired (a laptop that slept)', async () => {
    const page = await newPage();
    const problems = collectProblems(page);
    await page.goto(`${server.baseUrl}/?tenant=dortmund`);
    const chat = page.locator('#webchat');
    await bubble(chat, 'Willkommen beim KoSI-Bot!').waitFor();
    server.clock.advance(1801_000);
    try {
      await page.waitForResponse((response) => response.url().endsWith('/webchat/token'));
      const input = chat.getByRole('textbox');
      await input.fill('Wieder wach');
      await input.press('Enter');
      await bubble(chat, 'Echo: Wieder wach').waitFor();
    } finally {
      server.clock.advance(-1801_000);
    }
    // The polls that met the expired token answered 403 (that is how Web Chat learns it); nothing else failed.
    expect(problems.filter((problem) => !problem.includes('403'))).toEqual([]);
    await page.close();
  });

  it('starts a deep-linked journey from ?start= and ?tenant=', async () => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/?tenant=dortmund&start=workshop-3`);
    await bubble(page.locator('#webchat'), 'Willkommen! Start: workshop-3').waitFor();
    expect(new URL(page.url()).searchParams.get('start')).toBeNull(); // a reload resumes instead of starting again
    await expect(page.locator('[data-tenant-name]').first().textContent()).resolves.toBe('Dortmund');
    await page.close();
  });

  it('opens the widget from the embed script on a city page, and closes it with Esc', async () => {
    const city = await startCityPage(server.baseUrl, { city: 'Dortmund – Beschäftigung', htmlAttributes: 'lang="de"', scriptAttributes: 'data-tenant="dortmund" data-start="pathway-1"' });
    try {
      const page = await newPage({ viewport: { width: 1280, height: 800 } });
      const problems = collectProblems(page);
      await page.goto(city.url);
      const button = page.getByRole('button', { name: 'Chat mit dem KoSI-Bot öffnen' });
      // The frame reports Esc by postMessage: wait for the attribute, never read it once.
      await button.and(page.locator('[aria-expanded="false"]')).waitFor();
      await button.click();
      await button.and(page.locator('[aria-expanded="true"]')).waitFor();
      const widget = page.frameLocator('iframe[title="KoSI-Bot Chat"]');
      await bubble(widget, 'Willkommen! Start: pathway-1').waitFor();
      const input = widget.getByRole('textbox');
      await input.fill('Wie geht es weiter?');
      await input.press('Enter');
      await bubble(widget, 'Echo: Wie geht es weiter?').waitFor();
      await page.screenshot({ path: await artifactPath('webchat-embed.png') });

      await page.keyboard.press('Escape');
      await button.and(page.locator('[aria-expanded="false"]')).waitFor();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      city.server.close();
    }
  });
});
