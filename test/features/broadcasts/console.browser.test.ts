import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, browserAvailable, collectProblems, launchBrowser } from '../../support/browser.js';
import { seedTelegramSubscribers } from '../../support/broadcast-fixtures.js';
import { APP_TEST_TENANT } from '../../support/test-app.js';
import { STAFF, startConsoleApp, type ConsoleApp } from './console-fixtures.js';

/**
 * "Done when an editor sends a bilingual announcement to a filtered audience, watches it complete":
 * in Chromium, against the real app and a local Bot API emulator that keeps Telegram's limits. The
 * city's rate is 1 message per second here, so that the progress can be watched while it moves.
 */
describe.skipIf(!browserAvailable())('an editor sends a bilingual announcement in Chromium', () => {
  let app: ConsoleApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let recent: { chatIds: number[] };
  let early: { chatIds: number[] };
  let cityOnly: { chatIds: number[] };
  /** Main-frame loads: the progress must move without any. */
  let loads = 0;

  beforeAll(async () => {
    app = await startConsoleApp({ env: { TELEGRAM_BROADCAST_RATE: '1' } });
    const { store } = app.harness.app;
    // Six recent subscribers (German and English), three who joined long ago, two who only want city news.
    recent = await seedTelegramSubscribers(store, APP_TEST_TENANT, 6);
    early = await seedTelegramSubscribers(store, APP_TEST_TENANT, 3, { firstChatId: 710_000_000, createdAt: new Date('2023-06-01T10:00:00Z') });
    cityOnly = await seedTelegramSubscribers(store, APP_TEST_TENANT, 2, { firstChatId: 720_000_000, topics: ['city'] });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'de-DE' });
    page.setDefaultTimeout(15_000);
    problems = collectProblems(page);
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) loads += 1;
    });
    page.on('dialog', (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const shot = async (name: string): Promise<void> => {
    await page.screenshot({ path: await artifactPath(`broadcast-${name}.png`), fullPage: true });
  };
  const count = (key: string): Promise<number> => page.locator(`[data-progress="${key}"]`).textContent().then(Number);

  it('composes German and English texts for recent Telegram subscribers and sees the audience size', async () => {
    await page.goto(`${app.harness.baseUrl}/console/login`);
    await page.getByLabel('E-Mail-Adresse').fill(STAFF.editor.email);
    await page.getByLabel('Passwort').fill(STAFF.editor.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Ankündigungen' }).click();
    await page.getByRole('link', { name: 'Neue Ankündigung' }).click();

    await page.getByLabel(/^Titel/).fill('Werkstattreihe startet');
    await page.getByRole('combobox', { name: 'Thema' }).selectOption({ label: 'Workshops' });
    await page.getByLabel('Text auf Deutsch').fill('Am Samstag startet die Werkstattreihe im Zentrum für gute Taten.\n\nKomm vorbei!');
    await page.getByLabel('Text auf Englisch').fill('The workshop series starts on Saturday at the Centre for Good Deeds.\n\nCome along!');
    await page.getByRole('radio', { name: 'Web-Link' }).check();
    await page.getByLabel('Ziel', { exact: true }).fill('https://www.wuppertal.de/werkstatt');
    await page.getByLabel('Beschriftung auf Deutsch').fill('Zur Anmeldung');
    await page.getByLabel('Beschriftung auf Englisch').fill('Register');
    await page.getByRole('group', { name: 'Kanäle' }).getByRole('checkbox', { name: 'Telegram' }).check();
    await page.getByLabel('Dabei seit (ab diesem Tag)').fill('2024-01-01');
    await page.getByRole('button', { name: 'Zielgruppe zählen' }).click();
    await page.getByText('Zielgruppe jetzt: 6 Personen').waitFor();
    await page.getByText('Deutsch: 3, Englisch: 3').waitFor();
    // Counting keeps what was typed.
    expect(await page.getByLabel('Text auf Englisch').inputValue()).toContain('Come along!');
    expect(await page.getByLabel('Dabei seit (ab diesem Tag)').inputValue()).toBe('2024-01-01');
    await shot('composer');

    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.getByText('Entwurf gespeichert.').waitFor();
    const german = page.getByRole('article', { name: 'Deutsch' });
    const english = page.getByRole('article', { name: 'Englisch' });
    await german.getByText('Komm vorbei!').waitFor();
    await german.getByText(/Abbestellen: \/stop/).waitFor();
    await english.getByText('Come along!').waitFor();
    await english.getByText('Register').waitFor();
    await page.getByText('Erreicht jetzt 6 Personen').waitFor();
    await shot('draft');
  });

  it('sends now and watches the progress bar move and reach completion without reloading', async () => {
    await page.getByRole('button', { name: 'Jetzt senden' }).click();
    await page.getByText('Die Ankündigung geht jetzt hinaus.').waitFor();
    await page.locator('#broadcast-progress').waitFor();
    const loadsAfterSubmit = loads;

    // Somewhere in the middle: some sent, some still to go; the page was not loaded again.
    await page.waitForFunction(() => {
      const sent = Number(document.querySelector('[data-progress="sent"]')?.textContent);
      return sent > 0 && sent < 6;
    });
    expect(loads).toBe(loadsAfterSubmit);
    expect(await page.locator('[data-progress="status"]').textContent()).toBe('wird gesendet');
    expect(await page.locator('#progress-bar').evaluate((bar) => (bar as HTMLProgressElement).value)).toBeGreaterThan(0);
    expect(await count('total')).toBe(6);
    await shot('progress');

    // Done: the script reloads once to show the final statistics.
    await page.getByRole('heading', { name: 'Ergebnis' }).waitFor({ timeout: 30_000 });
    expect(loads).toBe(loadsAfterSubmit + 1);
    expect(await page.locator('#broadcast-status').textContent()).toBe('abgeschlossen');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByText('Die Ankündigung geht jetzt hinaus.').count()).toBe(0);
    expect(await page.locator('[data-stat="sent"]').textContent()).toBe('6');
    expect(await page.locator('[data-stat="failed"]').textContent()).toMatch(/^\s*0/);
    await shot('completed');

    // Exactly the filtered audience, once each, in their language.
    for (const [index, chatId] of recent.chatIds.entries()) {
      const messages = app.telegram.messagesTo(chatId);
      expect(messages).toHaveLength(1);
      expect(messages[0]!.text).toContain(index % 2 === 0 ? 'Komm vorbei!' : 'Come along!');
    }
    for (const chatId of [...early.chatIds, ...cityOnly.chatIds]) expect(app.telegram.messagesTo(chatId)).toEqual([]);
    expect(app.telegram.tooManyRequests).toBe(0);
    expect(problems).toEqual([]);
  });
});
