import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { paragraphsOf, TEST_BOT, type ApiCall } from '../../support/telegram-api.js';
import { TEST_USER } from '../../support/telegram-updates.js';
import { APP_TEST_TENANT } from '../../support/test-app.js';
import { choose, isBotText, telegramTestApp, textsOf, webChatSessions } from '../../support/chat-helpers.js';
import { EDITOR, EVERYONE, profileOf } from './chat-journey-helpers.js';
import type { DocumentStore } from '../../../src/platform/store/document-store.js';
import { STAFF_LINK_CODE_TTL_MS, StaffChatLinks, staffChatLinksCollection, staffChatLinksDataSource } from '../../../src/features/broadcasts/domain/staff-chat-links.js';
import { describeEachBackend } from '../../support/store-backends.js';

const TENANT = 'wuppertal';
const subject = (profileId: string, tenantId = TENANT) => ({ tenantId, profileId, accounts: [], conversationIds: [] });

describeEachBackend('linking a staff member\'s chat', (backend) => {
  let store: DocumentStore;
  let links: StaffChatLinks;
  let now: Date;

  beforeEach(async () => {
    store = await backend.open();
    now = new Date('2027-03-01T09:00:00Z');
    links = new StaffChatLinks(store, () => now);
  });

  it('offers a random, deep-link safe one-time code for 15 minutes', async () => {
    const offer = await links.offer(TENANT, 'staff-1');
    expect(offer.code).toMatch(/^[A-Za-z0-9_-]{1,24}$/);
    expect(`staff-link-${offer.code}`.length).toBeLessThanOrEqual(64);
    const codes = new Set([offer.code]);
    for (let i = 2; i <= 30; i++) codes.add((await links.offer(TENANT, `staff-${i}`)).code);
    expect(codes.size).toBe(30);
    expect(offer.expiresAt).toEqual(new Date(now.getTime() + STAFF_LINK_CODE_TTL_MS));
    expect(await links.profileOf(TENANT, 'staff-1')).toBeNull();
  });

  it('links the chat once and stores no code in clear', async () => {
    const { code } = await links.offer(TENANT, 'staff-1');
    expect(await links.redeem(TENANT, code, 'p-staff-chat')).toBe('linked');
    expect(await links.profileOf(TENANT, 'staff-1')).toBe('p-staff-chat');
    const stored = await store.collection(staffChatLinksCollection).find({ tenantId: TENANT });
    expect(JSON.stringify(stored)).not.toContain(code);
    // The same chat again (a second tap on the link) is fine; another chat cannot use the code.
    expect(await links.redeem(TENANT, code, 'p-staff-chat')).toBe('linked');
    expect(await links.redeem(TENANT, code, 'p-somebody-else')).toBe('invalid');
    expect(await links.profileOf(TENANT, 'staff-1')).toBe('p-staff-chat');
  });

  it('lets only one of two chats that race for the same code link', async () => {
    const { code } = await links.offer(TENANT, 'staff-1');
    const results = await Promise.all([links.redeem(TENANT, code, 'p-a'), links.redeem(TENANT, code, 'p-b')]);
    expect([...results].sort()).toEqual(['invalid', 'linked']);
    expect(await links.profileOf(TENANT, 'staff-1')).toBe(results[0] === 'linked' ? 'p-a' : 'p-b');
  });

  it('refuses unknown, malformed, expired, replaced and other tenants\' codes', async () => {
    const first = await links.offer(TENANT, 'staff-1');
    const second = await links.offer(TENANT, 'staff-1');
    expect(await links.redeem(TENANT, first.code, 'p-1')).toBe('invalid');
    expect(await links.redeem('dortmund', second.code, 'p-1')).toBe('invalid');
    expect(await links.redeem(TENANT, 'abcdefghijkmnpqr', 'p-1')).toBe('invalid');
    expect(await links.redeem(TENANT, '{"$gt":""}', 'p-1')).toBe('invalid');
    expect(await links.redeem(TENANT, '', 'p-1')).toBe('invalid');
    now = new Date(second.expiresAt.getTime());
    expect(await links.redeem(TENANT, second.code, 'p-1')).toBe('invalid');
    expect(await links.profileOf(TENANT, 'staff-1')).toBeNull();
  });

  it('keeps one linked chat per staff member: a new link replaces the old, unlink removes it', async () => {
    await links.redeem(TENANT, (await links.offer(TENANT, 'staff-1')).code, 'p-old');
    await links.redeem(TENANT, (await links.offer(TENANT, 'staff-1')).code, 'p-new');
    expect(await links.profileOf(TENANT, 'staff-1')).toBe('p-new');
    await links.unlink(TENANT, 'staff-1');
    expect(await links.profileOf(TENANT, 'staff-1')).toBeNull();
    await links.unlink(TENANT, 'nobody');
  });

  it('exports the link with the person\'s data and undoes it when the person is erased', async () => {
    const source = staffChatLinksDataSource(links);
    expect(source.section).toBe('staffChatLink');
    await links.redeem(TENANT, (await links.offer(TENANT, 'staff-1')).code, 'p-staff-chat');
    expect(await source.export(subject('p-staff-chat'))).toEqual([{ staffUserId: 'staff-1', linkedAt: now }]);
    expect(await source.export(subject('p-other'))).toBeNull();
    expect(await source.export(subject('p-staff-chat', 'dortmund'))).toBeNull();
    await source.erase(subject('p-staff-chat'));
    expect(await links.profileOf(TENANT, 'staff-1')).toBeNull();
    expect(await source.export(subject('p-staff-chat'))).toBeNull();
  });
});

const OTHER: User = { id: 4343, is_bot: false, first_name: 'Jonas', language_code: 'en' };
const STAFF = 'staff-editor-7';
const CONNECTED_EN = 'Connected: this chat now receives the tests you send to yourself in the staff console (“Test an mich senden”). You can disconnect it there under “Eigener Chat für Tests”.';
const telegramAccount = (user: User) => ({ tenantId: APP_TEST_TENANT, channel: 'telegram' as const, accountId: String(user.id) });

describe('a staff member links their Telegram chat', () => {
  let now = new Date('2027-03-01T09:00:00Z');
  beforeEach(() => {
    now = new Date('2027-03-01T09:00:00Z');
  });
  const running = telegramTestApp({ overrides: { clock: () => now } });
  const say = (text: string, user: User = TEST_USER): Promise<ApiCall[]> => running.chat.say(text, user);
  const press = (title: string, user: User = TEST_USER): Promise<ApiCall[]> => running.chat.press(title, user);

  it('opens the console\'s link, agrees to the privacy notice, is connected and receives test sends', async () => {
    const app = running.harness.app;
    const offer = await app.broadcasts.offerChatLink(APP_TEST_TENANT, STAFF);
    expect(offer.telegramLink).toBe(`https://t.me/${TEST_BOT.username}?start=staff-link-${offer.code}`);

    const start = await say(`/start staff-link-${offer.code}`);
    expect(textsOf(start)[0]).toMatch(/^Hallo! Ich bin der KoSI-Bot/);
    await press('English');
    const linked = await press('I agree');
    expect(paragraphsOf(linked)).toContain(CONNECTED_EN);
    expect(paragraphsOf(linked)).toContain('What would you like to do?');
    const profile = await profileOf(app, telegramAccount(TEST_USER));
    expect(await app.broadcasts.linkedChannels(APP_TEST_TENANT, STAFF)).toEqual(['telegram']);

    // A second tap on the same link: still connected, not an error.
    expect(paragraphsOf(await say(`/start staff-link-${offer.code}`))).toContain(CONNECTED_EN);
    // Nobody else can use the code.
    await say('/start', OTHER);
    await press('English', OTHER);
    await press('I agree', OTHER);
    expect(textsOf(await say(`/open staff-link-${offer.code}`, OTHER))[0]).toMatch(/^This connection code is invalid or has expired/);

    const broadcast = await app.broadcasts.create(APP_TEST_TENANT, EDITOR, { title: 'Probe', topic: 'city', texts: { de: 'Hallo Stadt', en: 'Hello city' }, audience: EVERYONE, longText: 'split' });
    const before = running.telegram.calls.length;
    await app.broadcasts.sendTest(APP_TEST_TENANT, broadcast._id, STAFF);
    const sent = textsOf(running.telegram.calls.slice(before).filter((call) => Number(call.body.chat_id) === TEST_USER.id));
    expect(sent.join('\n')).toMatch(/\[TEST · DE\][\s\S]*Hallo Stadt[\s\S]*\[TEST · EN\][\s\S]*Hello city/);
    expect(await app.broadcasts.linkedChannels(APP_TEST_TENANT, STAFF)).toEqual(['telegram']);
    expect(profile.announcements.subscribed).toBe(true);
  });

  it('says when the code has expired or is unknown, and links nothing', async () => {
    const app = running.harness.app;
    const offer = await app.broadcasts.offerChatLink(APP_TEST_TENANT, STAFF);
    await say('/start');
    await press('English');
    await press('I agree');
    now = new Date(now.getTime() + 16 * 60_000);
    const expired = await say(`/start staff-link-${offer.code}`);
    expect(paragraphsOf(expired)).toContain('This connection code is invalid or has expired (a code is valid for 15 minutes and only once). Please get a new one in the console.');
    expect(textsOf(await say('/open staff-link-NOT-A-CODE'))[0]).toMatch(/^This connection code is invalid or has expired/);
    expect(await app.broadcasts.linkedChannels(APP_TEST_TENANT, STAFF)).toEqual([]);
  });

  it('links nothing for someone who declines the privacy notice', async () => {
    const app = running.harness.app;
    const offer = await app.broadcasts.offerChatLink(APP_TEST_TENANT, STAFF);
    await say(`/start staff-link-${offer.code}`);
    await press('English');
    const declined = await press('No, thanks');
    expect(textsOf(declined)[0]).toMatch(/^All right – I store nothing about you/);
    expect(await app.broadcasts.linkedChannels(APP_TEST_TENANT, STAFF)).toEqual([]);
    // The action button path asks nobody who declined again: the reminder, no link.
    const again = await say(`/open staff-link-${offer.code}`);
    expect(textsOf(again).join('\n')).not.toMatch(/Connected/);
    expect(await app.broadcasts.linkedChannels(APP_TEST_TENANT, STAFF)).toEqual([]);
  });

  it('forgets the link when the staff member deletes their chat profile', async () => {
    const app = running.harness.app;
    const offer = await app.broadcasts.offerChatLink(APP_TEST_TENANT, STAFF);
    await say(`/start staff-link-${offer.code}`);
    await press('English');
    await press('I agree');
    await press('My profile');
    const exported = await press('Export my data');
    expect(exported.find((call) => call.method === 'sendDocument')?.raw).toContain(`"staffUserId": "${STAFF}"`);
    await press('Delete me');
    await press('Yes, delete all');
    expect(await new StaffChatLinks(app.store, () => now).profileOf(APP_TEST_TENANT, STAFF)).toBeNull();
    expect(await app.broadcasts.linkedChannels(APP_TEST_TENANT, STAFF)).toEqual([]);
  });
});

describe('a staff member links their web chat', () => {
  const { start, open } = webChatSessions();

  it('opens the widget link, agrees and is connected', async () => {
    const app = await start();
    const offer = await app.app.broadcasts.offerChatLink(APP_TEST_TENANT, STAFF);
    expect(offer.webchatLink).toBe(`/?tenant=${APP_TEST_TENANT}&start=staff-link-${offer.code}`);
    const visit = await open(app, { start: `staff-link-${offer.code}` });
    await choose(visit, 'Deutsch');
    await choose(visit, 'Einverstanden');
    await visit.client.waitForBotReply(isBotText(/^Verbunden: Dieser Chat bekommt jetzt deine Tests aus der Konsole/));
    expect(await app.app.broadcasts.linkedChannels(APP_TEST_TENANT, STAFF)).toEqual(['webchat']);
  });
});
