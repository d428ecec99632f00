import { paragraphsOf } from '../../support/telegram-api.js';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../src/platform/config/config-types.js';
import type { TestApp } from '../../support/test-app.js';
import { choose, DORTMUND_ENV, telegramTestApp, textOf, textsUntilButton, webChatSessions } from '../../support/chat-helpers.js';
import { allTexts } from '../../support/texts.js';
import { StaffClient } from '../../staff/staff-client.js';
import { DORTMUND_PATHWAYS_EASY } from '../../../src/features/pathways/demo/pathways-dortmund-easy.js';

const ADMIN = { email: 'admin@dortmund.example', password: 'the first admin password' };
const STAFF_ENV = { ...DORTMUND_ENV, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
const texts = allTexts();
const ls = texts.forLocale('de-x-ls');

/** Every text of a pathway a person reads; the names of providers, people and places stay German. */
const PATHWAY_TEXTS = ['title', 'summary', 'duration', 'pay', 'nextStep'] as const;
const REQUIREMENT_TEXTS = ['degreeCatchUp', 'germanSupport'] as const;

/** A pathway as staff enter it in the console form (German). */
const CARPENTRY = {
  title: 'Ausbildung Tischler/in',
  provider: 'Tischlerei Holzwerk Hörde',
  kind: 'ausbildung',
  summary: 'Drei Jahre Ausbildung in einer kleinen Tischlerei: Möbel bauen, Fenster einsetzen, mit Holz und Maschinen arbeiten.',
  fields: ['handwerk'],
  duration: '3 Jahre',
  pay: 'Ausbildungsvergütung ca. 900 € im 1. Jahr',
  district: 'Hörde',
  nextStep: 'Anrufen und einen Probetag in der Werkstatt vereinbaren.',
  contactName: 'Herr Becker',
  contactPhone: '0231 555 00 11',
};
const CARPENTRY_TR = {
  title: 'Marangozluk meslek eğitimi (Tischler/in)',
  summary: 'Küçük bir marangoz atölyesinde üç yıllık meslek eğitimi: mobilya yapmak, pencere takmak, ahşap ve makinelerle çalışmak.',
  duration: '3 yıl',
  pay: '1. yılda aylık yaklaşık 900 € eğitim ücreti',
  nextStep: 'Ara ve atölyede bir deneme günü ayarla.',
};
const CARPENTRY_AR_TITLE = 'تدريب مهني في النجارة (Tischler/in)';

describe('a pathway staff translated, read in the web chat', () => {
  const sessions = webChatSessions();

  /** A person who picks `language`, skips every question and opens the first result. */
  async function readFirstResult(app: TestApp, language: string, locale: Locale): Promise<{ card: string; details: string }> {
    const t = texts.forLocale(locale);
    const visit = await sessions.open(app);
    await choose(visit, language);
    await choose(visit, t('start:consentYes'));
    await choose(visit, t('pathways:menuEntry'));
    for (let question = 0; question < 5; question++) await choose(visit, t('pathways:actions.skip'));
    const before = visit.client.activities.length;
    await choose(visit, t('pathways:actions.skip'));
    const results = await textsUntilButton(visit, before, t('pathways:actions.details', { n: 1 }));
    const card = results.find((text) => /^1\. /.test(text))!;
    const title = card.split('\n')[0]!.replace(/^1\. /, '');
    await visit.pressButton(t('pathways:actions.details', { n: 1 }));
    const details = await visit.client.waitForBotReply((activity) => textOf(activity).startsWith(`${title}\n`));
    return { card, details: textOf(details) };
  }

  it('in Turkish shows every text in Turkish; in Arabic the Arabic title, the German rest and the note that it is only in German', async () => {
    const app = await sessions.start({ env: { ...STAFF_ENV, DEMO_CONTENT: 'none' } });
    const api = new StaffClient(app.baseUrl);
    await api.apiSignIn(ADMIN.email, ADMIN.password);
    const created = await api.api('POST', '/content/pathways', { ...CARPENTRY, translations: { tr: CARPENTRY_TR, ar: { title: CARPENTRY_AR_TITLE } } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const stored = (await (await api.api('GET', `/content/pathways/${id}`)).json()) as { values: Record<string, unknown> };
    expect(stored.values).toMatchObject({ 'tr.tr.title': CARPENTRY_TR.title, 'tr.tr.nextStep': CARPENTRY_TR.nextStep, 'tr.ar.title': CARPENTRY_AR_TITLE });

    const tr = texts.forLocale('tr');
    const turkish = await readFirstResult(app, 'Türkçe', 'tr');
    expect(turkish.card).toMatch(new RegExp(`^1\\. ${escape(CARPENTRY_TR.title)}\\n`));
    expect(turkish.card).toContain(tr('pathways:nextStepLine', { nextStep: CARPENTRY_TR.nextStep }));
    expect(turkish.card).not.toContain(tr('common:onlyInGerman'));
    expect(turkish.details).toMatch(new RegExp(`^${escape(CARPENTRY_TR.title)}\\n`));
    for (const line of [CARPENTRY_TR.summary, tr('pathways:details.duration', { duration: CARPENTRY_TR.duration }), tr('pathways:details.pay', { pay: CARPENTRY_TR.pay }), tr('pathways:details.nextStep', { nextStep: CARPENTRY_TR.nextStep })]) {
      expect(turkish.details).toContain(line);
    }
    expect(turkish.details).not.toContain(tr('common:onlyInGerman'));
    // The provider's and the contact's names stay as staff wrote them.
    expect(turkish.details).toContain('Tischlerei Holzwerk Hörde');

    const ar = texts.forLocale('ar');
    const arabic = await readFirstResult(app, 'العربية', 'ar');
    expect(arabic.card).toMatch(new RegExp(`^1\\. ${escape(CARPENTRY_AR_TITLE)}\\n`));
    expect(arabic.card).toContain(ar('pathways:nextStepLine', { nextStep: CARPENTRY.nextStep }));
    expect(arabic.card).toContain(ar('common:onlyInGerman'));
    expect(arabic.details).toMatch(new RegExp(`^${escape(CARPENTRY_AR_TITLE)}\\n`));
    expect(arabic.details).toContain(CARPENTRY.summary);
    expect(arabic.details).toContain(ar('common:onlyInGerman'));
  });

  it('shows staff the translations in the console form; what they save there replaces them, a language left empty has none any more', async () => {
    const app = await sessions.start({ env: { ...STAFF_ENV, DEMO_CONTENT: 'none' } });
    const api = new StaffClient(app.baseUrl);
    await api.apiSignIn(ADMIN.email, ADMIN.password);
    const { id } = (await (await api.api('POST', '/content/pathways', { ...CARPENTRY, translations: { tr: CARPENTRY_TR, ar: { title: CARPENTRY_AR_TITLE } } })).json()) as { id: string };

    const console = new StaffClient(app.baseUrl);
    await console.consoleSignIn(ADMIN.email, ADMIN.password);
    const form = await console.page(`/console/pathways/${id}`);
    expect(form.status).toBe(200);
    expect(form.html).toMatch(/<textarea id="f-tr\.tr\.summary" name="tr\.tr\.summary"[^>]*lang="tr"[^>]*>Küçük bir marangoz atölyesinde/);
    expect(form.html).toContain(`name="tr.ar.title" type="text" value="${CARPENTRY_AR_TITLE}"`);

    const { values } = (await (await api.api('GET', `/content/pathways/${id}`)).json()) as { values: Record<string, string | string[]> };
    const saved = await console.postForm(`/console/pathways/${id}`, { ...values, 'tr.tr.title': 'Marangoz olmak için meslek eğitimi', 'tr.ar.title': '' });
    expect(saved.status).toBe(303);

    const after = (await (await api.api('GET', `/content/pathways/${id}`)).json()) as { values: Record<string, unknown> };
    expect(after.values['tr.tr.title']).toBe('Marangoz olmak için meslek eğitimi');
    expect(after.values['tr.tr.summary']).toBe(CARPENTRY_TR.summary);
    expect(after.values).not.toHaveProperty('tr.ar.title');
    const arabic = await readFirstResult(app, 'العربية', 'ar');
    expect(arabic.card).toMatch(/^1\. Ausbildung Tischler\/in\n/);
    expect(arabic.card).toContain(texts.forLocale('ar')('common:onlyInGerman'));
  });

  it('refuses a translation longer than the field allows, with the message next to its input', async () => {
    const app = await sessions.start({ env: { ...STAFF_ENV, DEMO_CONTENT: 'none' } });
    const api = new StaffClient(app.baseUrl);
    await api.apiSignIn(ADMIN.email, ADMIN.password);
    const response = await api.api('POST', '/content/pathways', { ...CARPENTRY, translations: { en: { title: 'Carpentry '.repeat(20) } } });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ 'tr.en.title': 'Der Text ist zu lang.' });
  });
});

describe('the Dortmund demo pathways in Leichte Sprache on Telegram', () => {
  let now = new Date('2026-03-02T09:00:00Z');
  const running = telegramTestApp({ env: DORTMUND_ENV, overrides: { clock: () => now } });
  const easyByTitle = new Map(Object.values(DORTMUND_PATHWAYS_EASY).map((easy) => [easy.title!, easy]));

  it('shows results, details, "Meine Wege" and the reminder in Leichte Sprache, without the German-only note', async () => {
    const { chat } = running;
    await chat.say('/start');
    await chat.press('Leichte Sprache');
    await chat.press(ls('start:consentYes'));
    await chat.press(ls('pathways:menuEntry'));
    for (let question = 0; question < 5; question++) await chat.press(ls('pathways:actions.skip'));
    const results = paragraphsOf(await chat.press(ls('pathways:actions.skip')));
    expect(results).toContain(ls('pathways:resultsIntro'));
    const cards = results.filter((text) => /^\d\. /.test(text));
    expect(cards).toHaveLength(3);
    for (const card of cards) {
      const easy = easyByTitle.get(card.split('\n')[0]!.replace(/^\d\. /, ''));
      expect(easy, card).toBeDefined();
      expect(card).toContain(ls('pathways:nextStepLine', { nextStep: easy!.nextStep! }));
      expect(card).not.toContain(ls('common:onlyInGerman'));
    }

    const title = cards[0]!.split('\n')[0]!.replace(/^1\. /, '');
    const easy = easyByTitle.get(title)!;
    const details = chat.texts(await chat.press(ls('pathways:actions.details', { n: 1 })))[0]!;
    expect(details.startsWith(`${title}\n`)).toBe(true);
    expect(details).toContain(easy.summary!);
    expect(details).toContain(ls('pathways:details.duration', { duration: easy.duration! }));
    expect(details).toContain(ls('pathways:details.pay', { pay: easy.pay! }));
    expect(details).toContain(ls('pathways:details.nextStep', { nextStep: easy.nextStep! }));
    expect(details).not.toContain(ls('common:onlyInGerman'));

    await chat.press(ls('pathways:actions.save'));
    const planned = chat.texts(await chat.press(ls('pathways:actions.remind')))[0]!;
    expect(planned).toContain(`„${title}“`);
    await chat.press(ls('pathways:actions.back'));
    await chat.press(ls('pathways:actions.finish'));
    await chat.press(ls('pathways:menuEntry'));
    const mine = chat.texts(await chat.press(ls('pathways:actions.saved', { count: 1 })))[0]!;
    expect(mine).toMatch(new RegExp(`^${escape(ls('pathways:mySaved'))}\\n1\\. ${escape(title)} `));

    // A week later the reminder comes, in Leichte Sprache too.
    const before = running.telegram.calls.length;
    now = new Date(now.getTime() + 8 * 86_400_000);
    await running.harness.app.scheduler.runDue();
    expect(chat.texts(running.telegram.calls.slice(before))).toEqual([ls('pathways:reminder', { title, nextStep: easy.nextStep! })]);
  });
});

describe('the Dortmund demo pathways for staff', () => {
  const sessions = webChatSessions();

  it('carry English and Leichte Sprache for every text a person reads, and staff can save each one unchanged without losing any', async () => {
    const app = await sessions.start({ env: STAFF_ENV });
    const service = app.app.features.pathways.service;
    const demo = await service.list('dortmund');
    expect(demo.length).toBeGreaterThan(10);
    for (const pathway of demo) {
      for (const locale of ['en', 'de-x-ls'] as const) {
        const own = pathway.translations?.[locale] ?? {};
        for (const field of PATHWAY_TEXTS) expect(own[field], `${pathway._id} ${locale} ${field}`).toMatch(/\S/);
        for (const field of REQUIREMENT_TEXTS) if (pathway.requirements[field]) expect(own[field], `${pathway._id} ${locale} ${field}`).toMatch(/\S/);
      }
      for (const field of ['title', 'summary', 'nextStep'] as const) expect(pathway.translations?.en?.[field]).not.toBe(pathway[field]);
    }

    // Opening a demo pathway in the console and saving it keeps every translation, also those of the
    // catch-up and German-support texts the form does not show; none is too long for the form.
    const api = new StaffClient(app.baseUrl);
    await api.apiSignIn(ADMIN.email, ADMIN.password);
    for (const pathway of demo) {
      const { values } = (await (await api.api('GET', `/content/pathways/${pathway._id}`)).json()) as { values: Record<string, unknown> };
      const saved = await api.api('PUT', `/content/pathways/${pathway._id}`, values);
      expect(saved.status, `${pathway._id}: ${await saved.clone().text()}`).toBe(200);
      expect((await service.get('dortmund', pathway._id))?.translations).toEqual(pathway.translations);
    }
  });
});

/** A text as a literal part of a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
