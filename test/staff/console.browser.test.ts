import type { Activity } from 'botframework-directlinejs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileIdFor } from '../../src/foundation/profiles/profile-repository.js';
import { artifactPath, browserAvailable, bubble, collectProblems, launchBrowser } from '../support/browser.js';
import { fakeTelegramApi, isolateNetwork, type ApiCall, type FakeTelegramApi } from '../support/telegram-api.js';
import { callbackUpdate, TEST_USER, textUpdate } from '../support/telegram-updates.js';
import { APP_TEST_TENANT, APP_TEST_TOKEN, startTestApp, type TestApp, type WebChatVisit } from '../support/test-app.js';
import { telegramHandoffRequest } from './fixtures.js';

const ADMIN = { email: 'admin@wuppertal.example', password: 'the first admin password' };

const textOf = (activity: Activity): string => (activity.type === 'message' ? (activity.text ?? '') : '');
const buttonsOf = (activity: Activity): string[] => (activity.type === 'message' ? (activity.suggestedActions?.actions ?? []).map((action) => String(action.title)) : []);

async function choose(visit: WebChatVisit, title: string): Promise<void> {
  await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes(title));
  await visit.pressButton(title);
}

function suggestedAction(page: Page, title: string): ReturnType<Page['locator']> {
  return page.locator('.webchat__suggested-actions__button', { hasText: title }).locator('visible=true').first();
}

function keyboardOf(call: ApiCall): Array<{ text: string; callback_data?: string }> {
  const markup = call.body.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}

describe.skipIf(!browserAvailable())('the staff console in Chromium', () => {
  let harness: TestApp;
  let browser: Browser;
  let telegram: FakeTelegramApi;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    isolateNetwork();
    telegram = fakeTelegramApi({ token: APP_TEST_TOKEN });
    // PUBLIC_URL is https here (Telegram webhook mode): the browser talks plain http to 127.0.0.1, so
    // the Secure flag is off for this test only (admin-api.test.ts proves it is set behind HTTPS).
    harness = await startTestApp({ telegram: true, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, overrides: { staff: { secureCookies: false } } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
    page.setDefaultTimeout(10_000);
    problems = collectProblems(page);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    telegram?.close();
  });

  const shot = async (name: string): Promise<void> => {
    await page.screenshot({ path: await artifactPath(`console-${name}.png`), fullPage: true });
  };

  it('signs in with the keyboard and shows the dashboard with its chart', async () => {
    await page.goto(`${harness.baseUrl}/console/`);
    await expect.poll(() => page.url()).toContain('/console/login');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Zum Inhalt springen');
    await shot('login');
    await page.getByLabel('E-Mail-Adresse').fill(ADMIN.email);
    await page.getByLabel('Passwort').fill('wrong password, sorry');
    await page.getByLabel('Passwort').press('Enter');
    await page.getByText('E-Mail-Adresse oder Passwort stimmt nicht').waitFor();
    expect(await page.getByLabel('E-Mail-Adresse').inputValue()).toBe(ADMIN.email);
    await page.getByLabel('Passwort').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: 'Übersicht' }).waitFor();
    // chart.js drew the weekly chart (served by this service; the CSP allows no other script).
    await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { Chart?: { getChart(element: Element | null): unknown } }).Chart?.getChart(document.getElementById('weekly-chart'))))).toBe(true);
    await page.getByRole('heading', { name: 'Nächste Werkstätten' }).waitFor();
    await shot('dashboard');
  });

  it('creates a workshop (fixing a field the form flags) and a person sees it in the web chat', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Werkstätten' }).click();
    await page.getByRole('link', { name: 'Neu anlegen' }).click();
    await page.getByLabel(/^Beschreibung( \*)?$/).fill('Wir bauen gemeinsam Prototypen für den Stadtteil.');
    await page.getByLabel('Reihe', { exact: true }).fill('Werkstattreihe');
    await page.getByLabel('Teil der Reihe (Nummer)').fill('5');
    await page.getByLabel('Beginn').fill('2030-06-01T17:00');
    await page.getByLabel('Ende').fill('2030-06-01T19:00');
    await page.getByLabel('Ort', { exact: true }).fill('Zentrum für gute Taten');
    await page.getByLabel('Adresse').fill('Friedrich-Engels-Allee 1, Wuppertal');
    await page.getByLabel('Plätze').fill('12');
    await page.getByLabel(/^Zielgruppe( \*)?$/).fill('Alle, die mitmachen wollen');
    await page.getByLabel(/^Ansprechperson/).fill('KoSI-Lab Team');
    await page.getByRole('button', { name: 'Anlegen' }).click();
    // The title was left empty: the message is next to it, the rest is kept, focus is on the field.
    await page.getByText('Bitte ausfüllen.').waitFor();
    expect(await page.getByLabel('Plätze').inputValue()).toBe('12');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-title');
    await shot('workshop-form-errors');
    await page.getByLabel(/^Titel( \*)?$/).fill('Werkstatt 5: Prototypen');
    await page.getByRole('button', { name: 'Anlegen' }).click();
    await page.getByText('Angelegt.').waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('link', { name: 'Zurück' }).click();
    await page.getByRole('link', { name: 'Werkstatt 5: Prototypen', exact: true }).waitFor();
    await shot('workshops');

    const chat = await browser.newPage({ viewport: { width: 1000, height: 860 }, locale: 'de-DE' });
    chat.setDefaultTimeout(10_000);
    await chat.goto(`${harness.baseUrl}/?start=workshop-${id}`);
    await suggestedAction(chat, 'Deutsch').click();
    await suggestedAction(chat, 'Einverstanden').click();
    await bubble(chat, 'Werkstatt 5: Prototypen').first().waitFor();
    await bubble(chat, 'Zentrum für gute Taten').first().waitFor();
    await chat.waitForTimeout(600);
    await chat.screenshot({ path: await artifactPath('console-workshop-in-webchat.png') });
    await chat.close();
  });

  it('approves a marketplace listing and rejects another with a reason; the poster is told in the chat', async () => {
    const visit = await harness.openWebChat();
    await choose(visit, 'Deutsch');
    await choose(visit, 'Einverstanden');
    await visit.client.waitForBotReply((activity) => buttonsOf(activity).length > 2);
    const profileId = profileIdFor({ tenantId: APP_TEST_TENANT, channel: 'webchat', accountId: visit.client.userId });
    const volunteering = harness.app.features.volunteering;
    const input = { kind: 'offer', posterType: 'company', posterName: 'Tischlerei Holz', description: 'Wir reparieren Möbel für Vereine.', category: 'craft', contactAudience: 'everyone' } as const;
    await volunteering.marketplace.submit(APP_TEST_TENANT, profileId, { ...input, title: 'Reparaturen für Vereine' });
    await volunteering.marketplace.submit(APP_TEST_TENANT, profileId, { ...input, title: 'Werbung <b>gratis</b>' });

    await page.getByRole('navigation').getByRole('link', { name: 'Marktplatz' }).click();
    const first = page.getByRole('article', { name: 'Reparaturen für Vereine' });
    await first.getByRole('button', { name: 'Freigeben' }).click();
    await page.getByText('Freigegeben. Die Person wird im Chat benachrichtigt.').waitFor();
    await visit.client.waitForBotReply((activity) => textOf(activity).includes('Dein Eintrag „Reparaturen für Vereine“ ist jetzt im Marktplatz zu sehen'));

    const second = page.getByRole('article', { name: 'Werbung <b>gratis</b>' });
    await second.getByRole('button', { name: 'Ablehnen' }).click();
    await second.getByText('Bitte einen Grund mit mindestens 3 Zeichen angeben.').waitFor();
    await shot('marketplace');
    await page.getByRole('article', { name: 'Werbung <b>gratis</b>' }).getByLabel('Grund der Ablehnung').fill('Reine Werbung passt nicht in den Marktplatz.');
    await page.getByRole('article', { name: 'Werbung <b>gratis</b>' }).getByRole('button', { name: 'Ablehnen' }).click();
    await page.getByText('Abgelehnt. Die Person bekommt den Grund im Chat.').waitFor();
    await visit.client.waitForBotReply((activity) => textOf(activity).includes('Begründung des Teams: Reine Werbung passt nicht in den Marktplatz.'));
    visit.client.end();
  });

  it('claims and answers a web chat handoff; the answer arrives in the chat and the person\'s reply shows in the thread', async () => {
    const visit = await harness.openWebChat();
    await choose(visit, 'Deutsch');
    await choose(visit, 'Einverstanden');
    await visit.client.waitForBotReply((activity) => buttonsOf(activity).length > 2);
    const profileId = profileIdFor({ tenantId: APP_TEST_TENANT, channel: 'webchat', accountId: visit.client.userId });
    const handoffs = harness.app.features.handoffs;
    const request = await handoffs.service.create({
      tenantId: APP_TEST_TENANT,
      profileId,
      topic: 'volunteering',
      message: 'Ich möchte mich engagieren, weiß aber nicht wo.',
      consentToShare: true,
      channel: 'webchat',
      language: 'de',
    });

    await page.getByRole('navigation').getByRole('link', { name: 'Anfragen' }).click();
    await page.getByRole('link', { name: 'Ehrenamt' }).first().click();
    await page.getByText('Ich möchte mich engagieren, weiß aber nicht wo.').waitFor();
    await page.getByRole('button', { name: 'Übernehmen' }).click();
    await page.getByText('Du hast die Anfrage übernommen.').waitFor();
    await page.getByLabel('Antwort').fill('Hallo! Im Zentrum für gute Taten beraten wir dich gern. Wann passt es dir?');
    await page.getByRole('button', { name: 'Antwort senden' }).click();
    await page.getByText('Antwort gesendet.').waitFor();

    const message = await visit.client.waitForBotReply((activity) => textOf(activity).includes('Wann passt es dir?'));
    expect(buttonsOf(message)).toEqual(['Antworten']);
    await visit.pressButton('Antworten');
    await visit.client.waitForBotReply((activity) => /^Was möchtest du antworten/.test(textOf(activity)));
    await visit.client.send('Am Donnerstag nachmittags.');
    await visit.client.waitForBotReply((activity) => /^Danke, deine Antwort ist bei uns angekommen/.test(textOf(activity)));
    visit.client.end();

    await page.goto(`${harness.baseUrl}/console/handoffs/${request._id}`);
    await page.locator('.thread li.from-person', { hasText: 'Am Donnerstag nachmittags.' }).waitFor();
    await shot('handoff-thread');
  });

  it('answers a Telegram handoff; the reply goes out through the Bot API to that chat', async () => {
    const send = async (update: unknown) => expect((await harness.postTelegramUpdate(update)).status).toBe(200);
    const press = async (title: string) => {
      const withKeyboard = [...telegram.calls].reverse().find((call) => keyboardOf(call).some((button) => button.text === title));
      const button = withKeyboard && keyboardOf(withKeyboard).find((candidate) => candidate.text === title);
      if (!button?.callback_data) throw new Error(`no button "${title}"`);
      await send(callbackUpdate(button.callback_data));
    };
    await send(textUpdate('/start'));
    await press('Deutsch');
    await press('Einverstanden');
    const request = await telegramHandoffRequest(harness.app);
    telegram.clear();
    await page.goto(`${harness.baseUrl}/console/handoffs/${request._id}`);
    // Without consent only channel and language are listed, and the page says nothing else was shared.
    const nothingShared = page.getByText('Die Person hat keine Angaben geteilt.');
    await nothingShared.waitFor();
    expect(await nothingShared.isVisible()).toBe(true);
    await page.getByLabel('Antwort').fill('Die nächste Werkstatt ist am 1. Juni – ich melde dich gern an.');
    await page.getByRole('button', { name: 'Antwort senden' }).click();
    await page.getByText('Antwort gesendet.').waitFor();
    const [sent] = await telegram.waitFor('sendMessage');
    expect(sent!.body.chat_id).toBe(TEST_USER.id);
    expect(String(sent!.body.text)).toContain('Die nächste Werkstatt ist am 1. Juni – ich melde dich gern an.');
    expect(keyboardOf(sent!).map((button) => button.text)).toEqual(['Antworten']);
  });

  it('names the person on each account row, so that a screen reader can tell the rows apart', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Mitarbeitende' }).click();
    const form = page.getByRole('form', { name: 'Neues Konto' });
    await form.getByLabel(/^Name/).fill('Nora Neu');
    await form.getByLabel(/^E-Mail-Adresse/).fill('nora@wuppertal.example');
    await form.getByLabel(/^Rolle/).selectOption({ label: 'Redaktion' });
    await form.getByLabel(/^Erstes Passwort/).fill('nora has a long password');
    await form.getByRole('button', { name: 'Konto anlegen' }).click();
    const active = page.getByRole('checkbox', { name: 'aktiv – Konto von Nora Neu' });
    await active.waitFor();
    expect(await active.isChecked()).toBe(true);
    await active.uncheck();
    await page.getByRole('button', { name: 'Speichern – Konto von Nora Neu' }).click();
    await page.getByRole('row', { name: /Nora Neu.*deaktiviert/ }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'aktiv – Konto von Nora Neu' }).isChecked()).toBe(false);
  });

  it('shows the audit log to the admin and signs out', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Protokoll' }).click();
    await page.getByRole('cell', { name: 'handoff.replied' }).first().waitFor();
    await page.getByRole('cell', { name: 'listing.rejected' }).first().waitFor();
    await page.getByRole('cell', { name: 'workshop.created' }).first().waitFor();
    await shot('audit');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByText('Du bist abgemeldet.').waitFor();
    await page.goto(`${harness.baseUrl}/console/audit`);
    await expect.poll(() => page.url()).toContain('/console/login');
    // Pages answered with 401 (wrong password) and 422 (form errors) on purpose; nothing else went wrong.
    expect(problems.filter((problem) => !/status of (401|422) /.test(problem))).toEqual([]);
  });
});
