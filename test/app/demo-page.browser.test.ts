import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, browserAvailable, bubble, collectProblems, launchBrowser } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

function suggestedAction(page: Page, title: string): ReturnType<Page['locator']> {
  // Web Chat renders every suggested action twice (one hidden copy): take the visible one.
  return page.locator('.webchat__suggested-actions__button', { hasText: title }).locator('visible=true').first();
}

describe.skipIf(!browserAvailable())('the demo page with the real bot in Chromium', () => {
  let harness: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    harness = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('greets, takes language and consent by button, answers typed text and shows the menu', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'de-DE' });
    page.setDefaultTimeout(10_000);
    const problems = collectProblems(page);
    await page.goto(harness.baseUrl);

    await bubble(page, 'Hallo! Ich bin der KoSI-Bot von Wuppertal').first().waitFor();
    await suggestedAction(page, 'English').click();
    await bubble(page, 'A quick word on privacy').first().waitFor();
    // The transcript shows what the person pressed, never the button's internal value.
    await page.locator('.webchat__bubble--from-user', { hasText: 'English' }).first().waitFor();
    expect(await page.locator('.webchat__bubble--from-user .webchat__bubble__content', { hasText: /^en$/ }).count()).toBe(0);

    await suggestedAction(page, 'I agree').click();
    await bubble(page, 'What would you like to do?').first().waitFor();
    await suggestedAction(page, 'My profile').waitFor();

    const input = page.getByRole('textbox');
    await input.fill('/help');
    await input.press('Enter');
    await bubble(page, 'How to talk to me').first().waitFor();

    await suggestedAction(page, 'My profile').click();
    await bubble(page, 'Your profile').first().waitFor();
    await suggestedAction(page, 'Export my data').waitFor();
    // Web Chat scrolls to the newest message with an animation.
    await page.waitForTimeout(600);
    await page.screenshot({ path: await artifactPath('demo-page-real-bot.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
