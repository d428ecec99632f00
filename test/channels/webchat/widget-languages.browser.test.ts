import type { Browser, FrameLocator, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, browserAvailable, bubble, collectProblems, launchBrowser, startCityPage } from '../../support/browser.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/** The real bot's texts (locales/ar, locales/de, locales/tr, locales/de-x-ls). */
const AR = {
  greeting: 'مرحبًا! أنا KoSI-Bot من Wuppertal',
  chooseLanguage: 'بأي لغة تريد أن تكتب؟',
  privacy: 'كلمة سريعة عن حماية البيانات',
  consentYes: 'موافق',
  consentThanks: 'شكرًا! يمكنك البدء الآن.',
  menu: 'ماذا تريد أن تفعل؟',
  languagePrompt: 'ما اللغة التي تفضّلها؟',
  name: 'العربية',
  // Web Chat's own Arabic strings (ar-SA): the send box's placeholder.
  typeYourMessage: 'اكتب رسالتك',
};

type Scope = Page | FrameLocator;

function suggestedAction(scope: Scope, title: string): Locator {
  // Web Chat renders every suggested action twice (one hidden copy): take the visible one.
  return scope.locator('.webchat__suggested-actions__button', { hasText: title }).locator('visible=true').first();
}

/** Web Chat's transcript and send box carry the direction it renders in. */
async function expectDirection(scope: Scope, dir: 'rtl' | 'ltr', lang: string): Promise<void> {
  await scope.locator(`#webchat[dir="${dir}"][lang="${lang}"]`).waitFor();
  await scope.locator(`#webchat .webchat__basic-transcript[dir="${dir}"]`).waitFor();
  await scope.locator(`#webchat .webchat__send-box[dir="${dir}"]`).waitFor();
}

/** Where the demo page puts the chat: right of its text, or (mirrored) left of it. */
async function chatSide(page: Page): Promise<'left' | 'right'> {
  const chat = await page.locator('section.chat').boundingBox();
  const intro = await page.locator('section.intro').boundingBox();
  return chat!.x < intro!.x ? 'left' : 'right';
}

/** What the widget posted as the person's message: the language the bot should read it in. */
function postedActivity(page: Page, text: string): Promise<Request> {
  return page.waitForRequest((request) => request.method() === 'POST' && /\/v3\/directline\/conversations\/[^/]+\/activities$/.test(request.url()) && (request.postData() ?? '').includes(text));
}

/**
 * Whether the paragraph with this text reads left to right as a paragraph of its own: its last
 * character (a full stop) is drawn right of its first. In a right-to-left paragraph the stop of
 * "Hauptstraße 12, Wuppertal." lands at the far left, before "Hauptstraße".
 */
function readsLeftToRight(bubbleText: Locator, text: string): Promise<boolean> {
  return bubbleText.evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const rectOf = (offset: number): DOMRect => {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        return range.getBoundingClientRect();
      };
      return rectOf(at + wanted.length - 1).left > rectOf(at).left;
    }
    throw new Error(`no text "${wanted}" in the bubble`);
  }, text);
}

/** The chat's traffic: the WebSockets it opened (with the frames each received) and its polls, if any. */
function watchStream(page: Page): { sockets: Array<{ url: string; frames: number }>; polls: string[] } {
  const seen = { sockets: [] as Array<{ url: string; frames: number }>, polls: [] as string[] };
  page.on('websocket', (socket) => {
    const entry = { url: socket.url(), frames: 0 };
    seen.sockets.push(entry);
    socket.on('framereceived', () => void (entry.frames += 1));
  });
  page.on('request', (request) => {
    if (request.method() === 'GET' && /\/v3\/directline\/conversations\/[^/]+\/activities/.test(request.url())) seen.polls.push(request.url());
  });
  return seen;
}

const STREAM_URL = /^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/[^/]+\/stream\?t=/;

describe.skipIf(!browserAvailable())('the web chat in the person’s language, right to left for Arabic (Chromium, real bot)', () => {
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

  const newPage = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'de-DE' });
    page.setDefaultTimeout(10_000);
    return page;
  };

  it('starts in Arabic with ?locale=ar: Arabic greeting, right to left, mirrored layout, and Arabic replies', async () => {
    const page = await newPage();
    const problems = collectProblems(page);
    const tokenRequest = page.waitForRequest((request) => request.url().endsWith('/webchat/token'));
    await page.goto(`${harness.baseUrl}/?locale=ar`);

    await bubble(page, AR.greeting).first().waitFor();
    await bubble(page, AR.chooseLanguage).first().waitFor();
    expect((await tokenRequest).postDataJSON()).toMatchObject({ locale: 'ar' });
    await expectDirection(page, 'rtl', 'ar');
    await expect(page.getByRole('textbox').getAttribute('placeholder')).resolves.toBe(AR.typeYourMessage);
    // The demo page mirrors: the chat on the left, the page's text on the right.
    await expect(chatSide(page)).resolves.toBe('left');
    const chatBox = await page.locator('section.chat').boundingBox();
    // Web Chat puts the bot's messages on the right in right to left.
    const greetingBox = await bubble(page, AR.greeting).first().boundingBox();
    expect(greetingBox!.x + greetingBox!.width).toBeGreaterThan(chatBox!.x + chatBox!.width - 60);

    await suggestedAction(page, AR.name).click();
    await bubble(page, AR.privacy).first().waitFor();
    await suggestedAction(page, AR.consentYes).click();
    await bubble(page, AR.consentThanks).first().waitFor();
    await bubble(page, AR.menu).first().waitFor();
    await expectDirection(page, 'rtl', 'ar');

    // German words and numbers in the right-to-left chat stay in their order.
    const mixed = 'Hauptstraße 12, Wuppertal.';
    const arabicFromBot = page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content', { hasText: /[\u0600-\u06FF]/ });
    const arabicBefore = await arabicFromBot.count();
    const posted = postedActivity(page, mixed);
    const input = page.getByRole('textbox');
    await input.fill(mixed);
    await input.press('Enter');
    expect((await posted).postDataJSON()).toMatchObject({ locale: 'ar', text: mixed });
    const own = page.locator('.webchat__bubble--from-user .webchat__bubble__content', { hasText: mixed }).first();
    await own.waitFor();
    expect(await readsLeftToRight(own, mixed)).toBe(true);
    // The bot answers in Arabic.
    await expect.poll(() => arabicFromBot.count()).toBeGreaterThan(arabicBefore);

    await page.waitForTimeout(600); // Web Chat scrolls to the newest message with an animation.
    await page.screenshot({ path: await artifactPath('webchat-arabic-demo-page.png') });

    // A reload resumes the conversation, still right to left.
    await page.reload();
    await bubble(page, AR.consentThanks).first().waitFor();
    await expectDirection(page, 'rtl', 'ar');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('starts in German and turns right to left when the person chooses العربية, and back when they choose Deutsch', async () => {
    const page = await newPage();
    const problems = collectProblems(page);
    const traffic = watchStream(page);
    const tokenRequest = page.waitForRequest((request) => request.url().endsWith('/webchat/token'));
    await page.goto(harness.baseUrl);

    await bubble(page, 'Hallo! Ich bin der KoSI-Bot von Wuppertal').first().waitFor();
    await expectDirection(page, 'ltr', 'de');
    expect((await tokenRequest).postDataJSON()).not.toHaveProperty('locale'); // the city's language, not the demo page's lang
    await expect(chatSide(page)).resolves.toBe('right');

    await suggestedAction(page, AR.name).click();
    await bubble(page, AR.privacy).first().waitFor();
    await expectDirection(page, 'rtl', 'ar');
    await expect(page.getByRole('textbox').getAttribute('placeholder')).resolves.toBe(AR.typeYourMessage);
    await expect(chatSide(page)).resolves.toBe('left');
    await page.screenshot({ path: await artifactPath('webchat-arabic-chosen.png') });

    await suggestedAction(page, AR.consentYes).click();
    await bubble(page, AR.menu).first().waitFor();
    const input = page.getByRole('textbox');
    await input.fill('/language');
    await input.press('Enter');
    await bubble(page, AR.languagePrompt).first().waitFor();
    await suggestedAction(page, 'Deutsch').click();
    await bubble(page, 'Alles klar, ich schreibe dir ab jetzt auf Deutsch.').first().waitFor();
    await expectDirection(page, 'ltr', 'de');
    await expect(chatSide(page)).resolves.toBe('right');
    // Every reply came over the one WebSocket stream, none by polling.
    expect(traffic.sockets).toEqual([{ url: expect.stringMatching(STREAM_URL), frames: expect.any(Number) }]);
    expect(traffic.sockets[0]!.frames).toBeGreaterThan(5);
    expect(traffic.polls).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sends Leichte Sprache (de-x-ls) as the language of what the person writes, with Web Chat in German', async () => {
    const page = await newPage();
    const problems = collectProblems(page);
    await page.goto(`${harness.baseUrl}/?locale=de-x-ls`);
    await bubble(page, 'Ich helfe dir: Du kannst in deiner Stadt mitmachen.').first().waitFor();
    await expectDirection(page, 'ltr', 'de-x-ls');
    const posted = postedActivity(page, 'Hallo');
    const input = page.getByRole('textbox');
    await input.fill('Hallo');
    await input.press('Enter');
    // Web Chat would stamp its own de-DE: the bot would read plain German into the conversation.
    expect((await posted).postDataJSON()).toMatchObject({ locale: 'de-x-ls' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('puts the launcher on the left of a right-to-left city page, and the widget starts in the page’s Arabic', async () => {
    const city = await startCityPage(harness.baseUrl, { city: 'Wuppertal', htmlAttributes: 'lang="ar" dir="rtl"', scriptAttributes: '' });
    try {
      const page = await newPage();
      const problems = collectProblems(page);
      await page.goto(city.url);
      const button = page.getByRole('button', { name: 'Chat mit dem KoSI-Bot öffnen' });
      await button.waitFor();
      expect((await button.boundingBox())!.x).toBeLessThan(100);
      await button.click();
      const panel = page.getByRole('dialog');
      await panel.waitFor();
      const panelBox = await panel.boundingBox();
      expect(panelBox!.x).toBeLessThan(100);
      await expect(panel.getAttribute('dir')).resolves.toBe('rtl');
      const widget = page.frameLocator('iframe[title="KoSI-Bot Chat"]');
      await bubble(widget, AR.greeting).first().waitFor();
      await expectDirection(widget, 'rtl', 'ar');
      // The header mirrors: the close button on the left.
      const close = await panel.getByRole('button', { name: 'Chat schließen' }).boundingBox();
      expect(close!.x).toBeLessThan(panelBox!.x + panelBox!.width / 2);
      await page.screenshot({ path: await artifactPath('webchat-arabic-embed.png') });
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'hidden' });
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      city.server.close();
    }
  });

  it('takes data-locale over the page’s language, and mirrors the launcher once the person chooses Arabic', async () => {
    const city = await startCityPage(harness.baseUrl, { city: 'Wuppertal', htmlAttributes: 'lang="de"', scriptAttributes: 'data-locale="tr"' });
    try {
      const page = await newPage();
      const problems = collectProblems(page);
      const traffic = watchStream(page);
      await page.goto(city.url);
      const button = page.getByRole('button', { name: 'Chat mit dem KoSI-Bot öffnen' });
      await button.click();
      const panel = page.getByRole('dialog');
      await panel.waitFor();
      expect((await button.boundingBox())!.x).toBeGreaterThan(1000);
      expect((await panel.boundingBox())!.x).toBeGreaterThan(800);
      const widget = page.frameLocator('iframe[title="KoSI-Bot Chat"]');
      await bubble(widget, 'Merhaba! Ben KoSI-Bot, Wuppertal için buradayım.').first().waitFor();
      await expectDirection(widget, 'ltr', 'tr');

      await suggestedAction(widget, AR.name).click();
      await bubble(widget, AR.privacy).first().waitFor();
      await expectDirection(widget, 'rtl', 'ar');
      await page.locator('#kosi-webchat-panel[dir="rtl"]').waitFor();
      expect((await panel.boundingBox())!.x).toBeLessThan(100);
      expect((await button.boundingBox())!.x).toBeLessThan(100);
      // The widget's frame streams too.
      expect(traffic.sockets.map((socket) => socket.url)).toEqual([expect.stringMatching(STREAM_URL)]);
      expect(traffic.polls).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      city.server.close();
    }
  });
});
