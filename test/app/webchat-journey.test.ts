import { describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../src/foundation/profiles/profile-repository.js';
import { botStateDefinition } from '../../src/bot/state-storage.js';
import { APP_TEST_TENANT, type TestApp, type WebChatVisit } from '../support/test-app.js';
import { buttonsOf, choose, isBotText, webChatSessions } from '../support/chat-helpers.js';

/** The main menu: every journey's entry, then profile and help. */
const MENU_DE = ['Was kann ich Gutes tun?', 'Mein Engagement', 'Marktplatz', 'Workshops', 'Wege in Arbeit', 'Mit einem Menschen sprechen', 'Mein Profil', 'Hilfe'];
const MENU_EN = ['What good can I do?', 'My volunteering', 'Marketplace', 'Workshops', 'Pathways into work', 'Talk to a person', 'My profile', 'Help'];

describe('a citizen in the web chat', () => {
  const sessions = webChatSessions();
  const start = (dataDir?: string): Promise<TestApp> => sessions.start({ dataDir });
  const open = (app: TestApp, options?: { ticket?: string; start?: string }): Promise<WebChatVisit> => sessions.open(app, options);

  /** Picks the language and waits for the consent question. */
  async function reachConsentQuestion(visit: WebChatVisit, language: 'Deutsch' | 'English'): Promise<void> {
    await choose(visit, language);
    await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes(language === 'English' ? 'I agree' : 'Einverstanden'));
  }

  async function consent(visit: WebChatVisit, language: 'Deutsch' | 'English'): Promise<void> {
    await reachConsentQuestion(visit, language);
    await visit.pressButton(language === 'English' ? 'I agree' : 'Einverstanden');
    await visit.client.waitForBotReply((activity) => buttonsOf(activity).length > 0 && buttonsOf(activity).includes(language === 'English' ? 'My profile' : 'Mein Profil'));
  }

  it('is greeted when the chat opens and reaches the menu after language and consent', async () => {
    const app = await start();
    const visit = await open(app);
    await visit.client.waitForBotReply(isBotText(/^Hallo! Ich bin der KoSI-Bot von Wuppertal/));
    const question = await visit.client.waitForBotReply((activity) => buttonsOf(activity).length > 0);
    expect(buttonsOf(question)).toEqual(['Deutsch', 'Leichte Sprache', 'English', 'Türkçe', 'Українська', 'العربية', 'Русский', 'Polski']);
    await visit.pressButton('Deutsch');
    await visit.client.waitForBotReply(isBotText(/^Kurz zum Datenschutz/));
    const consentQuestion = await visit.client.waitForBotReply((activity) => buttonsOf(activity).length > 0);
    expect(buttonsOf(consentQuestion)).toEqual(['Einverstanden', 'Nein, danke']);
    await visit.pressButton('Einverstanden');
    const menu = await visit.client.waitForBotReply((activity) => buttonsOf(activity).length > 0);
    expect(menu.type === 'message' && menu.text).toBe('Was möchtest du tun?');
    expect(buttonsOf(menu)).toEqual(MENU_DE);
  });

  it('keeps profile and language across a restart of the service', async () => {
    const first = await start();
    const visit = await open(first);
    await consent(visit, 'English');
    visit.client.end();
    await sessions.stop(first);

    const second = await start(first.dataDir);
    const again = await open(second, { ticket: visit.ticket });
    await again.client.waitForBotReply(isBotText(/^Hello! I am the KoSI-Bot of Wuppertal/));
    await again.client.waitForBotReply(isBotText(/^Good to see you again!/));
    const menu = await again.client.waitForBotReply((activity) => buttonsOf(activity).length > 0);
    expect(buttonsOf(menu)).toEqual(MENU_EN);
  });

  it('continues a dialog in the middle after a restart', async () => {
    const first = await start();
    const visit = await open(first);
    await reachConsentQuestion(visit, 'English');
    visit.client.end();
    await sessions.stop(first);

    const second = await start(first.dataDir);
    const resumed = await second.resumeWebChat(visit);
    try {
      await resumed.waitForActivity((activity) => buttonsOf(activity).includes('I agree'));
      await resumed.send('I agree');
      await resumed.waitForBotReply(isBotText(/^Thank you! Let's get started/));
    } finally {
      resumed.end();
    }
  });

  it('exports everything stored about the person as a downloadable JSON file', async () => {
    const app = await start();
    const visit = await open(app);
    await consent(visit, 'Deutsch');
    await visit.pressButton('Mein Profil');
    await choose(visit, 'Daten exportieren');
    const exported = await visit.client.waitForBotReply((activity) => activity.type === 'message' && (activity.attachments?.length ?? 0) > 0);
    const attachment = (exported.type === 'message' ? exported.attachments?.[0] : undefined) as { name?: string; contentUrl?: string } | undefined;
    expect(attachment?.name).toBe('kosi-meine-daten.json');
    const download = await fetch(new URL(attachment!.contentUrl!, app.baseUrl));
    expect(download.headers.get('content-disposition')).toMatch(/attachment/);
    const data = (await download.json()) as { tenantId: string; sections: Record<string, unknown> };
    expect(data.tenantId).toBe(APP_TEST_TENANT);
    expect(data.sections['profile']).toMatchObject({ locale: 'de', consent: { status: 'given' }, accounts: [{ channel: 'webchat', accountId: visit.client.userId }] });
    expect(JSON.stringify(data.sections['webChat'])).toContain(visit.conversationId);
    expect(data.sections['conversationState']).toBeDefined();
  });

  it('deletes the profile, the transcript and the dialog state after confirming "delete me"', async () => {
    const app = await start();
    const visit = await open(app);
    await consent(visit, 'English');
    await visit.pressButton('My profile');
    await choose(visit, 'Delete me');
    await visit.client.waitForBotReply(isBotText(/Do you really want to delete everything/));
    await visit.pressButton('Yes, delete all');
    await visit.client.waitForBotReply(isBotText(/all your data has been deleted/));

    const account = { tenantId: APP_TEST_TENANT, channel: 'webchat' as const, accountId: visit.client.userId };
    expect(await new ProfileRepository(app.app.store).findByAccount(account)).toBeNull();
    // Of this visit only the request and the confirmation are left: no answer and no question from before.
    const left = await app.app.webchat.exportSubject({ tenantId: APP_TEST_TENANT, userIds: [], conversationIds: [visit.conversationId] });
    const texts = left.conversations.flatMap((conversation) => conversation.activities.map((activity) => activity.text));
    expect(texts).toEqual(['erase', expect.stringMatching(/all your data has been deleted/)]);
    expect(await app.app.store.collection(botStateDefinition()).count({ conversationId: visit.conversationId })).toBe(0);
  });

  it('keeps nothing but the refusal when the person declines', async () => {
    const app = await start();
    const visit = await open(app);
    await choose(visit, 'English');
    await choose(visit, 'No, thanks');
    await visit.client.waitForBotReply(isBotText(/I store nothing about you.*\/help/s));
    const profile = await new ProfileRepository(app.app.store).findByAccount({ tenantId: APP_TEST_TENANT, channel: 'webchat', accountId: visit.client.userId });
    expect(profile?.consent.status).toBe('declined');
    expect(profile?.locale).toBeUndefined();
    await visit.client.send('/help');
    await visit.client.waitForBotReply(isBotText(/How to talk to me/));

    // What the chat had stored before the refusal is gone at once; the "no" itself stays visible as sent.
    const stored = await app.app.webchat.exportUser(APP_TEST_TENANT, visit.client.userId);
    const texts = stored.conversations.flatMap((conversation) => conversation.activities.map((activity) => activity.text));
    expect(texts.slice(0, 2)).toEqual(['decline', expect.stringMatching(/I store nothing about you/)]);
    expect(texts).not.toContain('en');
    expect(texts.join('\n')).not.toMatch(/A quick word on privacy/);

    const nextVisit = await open(app, { ticket: visit.ticket });
    await nextVisit.client.waitForBotReply(isBotText(/^Hello! I am the KoSI-Bot|^Hallo! Ich bin der KoSI-Bot/));
    await nextVisit.client.waitForBotReply(isBotText(/did not agree to the privacy notice|nicht zugestimmt/));
    expect(nextVisit.client.activities.some((activity) => buttonsOf(activity).length > 0)).toBe(false);
  });

  it('opens a deep link after consent and says when the link is unknown', async () => {
    const app = await start();
    const visit = await open(app, { start: 'poster-404' });
    await consent(visit, 'English');
    await visit.client.waitForActivity(isBotText(/this link is not \(or no longer\) valid/));
  });

  it('stores and echoes a script tag in text as plain text, and refuses an endless text politely', async () => {
    const app = await start();
    const visit = await open(app);
    await consent(visit, 'English');
    // No digits: ChoicePrompt would take "1" anywhere in a text as the first option.
    await visit.client.send('<b>Hallo</b><script>alert("x")</script>');
    const retry = await visit.client.waitForBotReply(isBotText(/Please pick an item from the menu/));
    expect(retry.type === 'message' && retry.textFormat).toBe('plain');
    await visit.client.send('x'.repeat(20_000));
    await visit.client.waitForBotReply(isBotText(/Your message is very long/));
  });

  it('starts over from the menu with a word of explanation when its dialog was saved by an older release', async () => {
    const app = await start();
    const visit = await open(app);
    await consent(visit, 'English');
    await visit.pressButton('My profile');
    await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Export my data'));

    const states = app.app.store.collection<{ _id: string; tenantId: string; data: string }>(botStateDefinition());
    const [saved] = await states.find({ conversationId: visit.conversationId });
    const state = JSON.parse(saved!.data) as { kosi: { version: number } };
    state.kosi.version = 0;
    await states.updateOne({ _id: saved!._id }, { $set: { data: JSON.stringify(state) } });

    await visit.client.send('export');
    await visit.client.waitForBotReply(isBotText(/I have been updated in the meantime/));
    const menu = await visit.client.waitForBotReply((activity) => buttonsOf(activity).length > 0);
    expect(buttonsOf(menu)).toEqual(MENU_EN);
  });

  it('does not take a "no" from an older window as a withdrawal after the person agreed in another', async () => {
    const app = await start();
    const older = await open(app);
    await reachConsentQuestion(older, 'English');
    const newer = await open(app, { ticket: older.ticket });
    await consent(newer, 'English');

    await older.pressButton('No, thanks');
    await older.client.waitForBotReply(isBotText(/You have already agreed in another chat/));
    const profile = await new ProfileRepository(app.app.store).findByAccount({ tenantId: APP_TEST_TENANT, channel: 'webchat', accountId: older.client.userId });
    expect(profile?.consent.status).toBe('given');
  });
});
