import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, browserAvailable, launchBrowser } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ADMIN = { email: 'admin@wuppertal.example', password: 'the first admin password' };
/**
 * Chromium treats http://127.0.0.1 and localhost as potentially trustworthy and upgrades nothing
 * there, so the browser reaches the loopback server under this name instead, as it would reach a
 * console on a closed network (http://kosi.intranet:3000).
 */
const HOST = 'kosi-console.test';

describe.skipIf(!browserAvailable())('the console over plain http on a closed network (COOKIE_SECURE=false), in Chromium', () => {
  let harness: TestApp;
  let browser: Browser;
  let page: Page;
  let origin: string;

  beforeAll(async () => {
    // A public https address is configured, but staff reach the console over http.
    harness = await startTestApp({ env: { PUBLIC_URL: 'https://bot.example.org', COOKIE_SECURE: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    origin = `http://${HOST}:${new URL(harness.baseUrl).port}`;
    browser = await launchBrowser([`--host-resolver-rules=MAP ${HOST} 127.0.0.1`]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('renders the console with its stylesheet and runs its scripts', async () => {
    await page.goto(`${origin}/console/login`);
    // console.css colours the header in the city blue; unstyled it would be transparent.
    expect(await page.locator('header.top').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(0, 82, 138)');
    await page.getByLabel('E-Mail-Adresse').fill(ADMIN.email);
    await page.getByLabel('Passwort').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: 'Übersicht' }).waitFor();
    // chart.umd.js loaded and console.js drew the weekly chart with it.
    await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { Chart?: { getChart(element: Element | null): unknown } }).Chart?.getChart(document.getElementById('weekly-chart'))))).toBe(true);
    await page.screenshot({ path: await artifactPath('console-over-http.png'), fullPage: true });
  });
});
