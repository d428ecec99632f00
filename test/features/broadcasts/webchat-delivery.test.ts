import { describe, expect, it } from 'vitest';
import type { Activity, CardAction } from 'botframework-directlinejs';
import { APP_TEST_TENANT } from '../../support/test-app.js';
import { choose, isBotText, webChatSessions } from '../../support/chat-helpers.js';
import type { BroadcastInput } from '../../../src/features/broadcasts/domain/broadcast.js';
import { DeliveryRepository } from '../../../src/features/broadcasts/domain/broadcast-repository.js';
import { until } from './console-fixtures.js';
import { profileIdFor } from '../../../src/foundation/profiles/profile-repository.js';

const EDITOR = { id: 'staff-editor', name: 'Erika Editor' };
const INPUT: BroadcastInput = {
  title: 'Marktplatz neu',
  topic: 'volunteering',
  texts: { de: 'Neu auf dem Marktplatz: Lastenräder zum Ausleihen. <b>nicht fett</b>' },
  button: { kind: 'deep-link', target: 'marketplace', labels: { de: 'Zum Marktplatz' } },
  audience: { channels: ['webchat'], locales: [], interests: [], districts: [], topics: [] },
  longText: 'split',
};

const cardButtons = (activity: Activity): CardAction[] =>
  activity.type === 'message' ? (activity.attachments ?? []).flatMap((attachment) => (attachment as { content?: { buttons?: CardAction[] } }).content?.buttons ?? []) : [];

describe('broadcasts to web chat visitors', () => {
  const sessions = webChatSessions();

  it('shows the announcement once, at the next visit, with a counted button that opens the journey', async () => {
    const app = await sessions.start({ env: { DEMO_CONTENT: 'none' }, overrides: { broadcasts: { pollMs: 100 } } });
    const first = await sessions.open(app);
    await choose(first, 'Deutsch');
    await choose(first, 'Einverstanden');
    await first.client.waitForBotReply((activity) => activity.type === 'message' && (activity.suggestedActions?.actions.length ?? 0) > 2);
    first.client.end();

    const broadcast = await app.app.broadcasts.create(APP_TEST_TENANT, EDITOR, INPUT);
    expect((await app.app.broadcasts.audienceSize(APP_TEST_TENANT, 'volunteering', INPUT.audience)).byChannel).toEqual({ telegram: 0, webchat: 1 });
    await app.app.broadcasts.submit(APP_TEST_TENANT, broadcast._id, EDITOR, 'now');
    let progress = await app.app.broadcasts.progress(APP_TEST_TENANT, broadcast._id);
    for (const deadline = Date.now() + 10_000; progress.status !== 'completed' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      progress = await app.app.broadcasts.progress(APP_TEST_TENANT, broadcast._id);
    }
    // Sending is done; the visitor sees it when they come back.
    expect(progress).toMatchObject({ status: 'completed', total: 1, waiting: 1, sent: 0 });

    const second = await sessions.open(app, { ticket: first.ticket });
    const announcement = await second.client.waitForBotReply(isBotText(/Lastenräder/));
    expect(announcement.type === 'message' && announcement.text).toContain('<b>nicht fett</b>');
    expect(announcement.type === 'message' && announcement.textFormat).toBe('plain');
    expect(announcement.type === 'message' && announcement.text).toMatch(/Abbestellen: \/stop/);
    expect(cardButtons(announcement).map((button) => button.title)).toEqual(['Zum Marktplatz', 'Thema abbestellen']);
    // The statistics follow within moments of the visit.
    await until(async () => (await app.app.broadcasts.progress(APP_TEST_TENANT, broadcast._id)).sent === 1, 5000);
    expect(await app.app.broadcasts.progress(APP_TEST_TENANT, broadcast._id)).toMatchObject({ waiting: 0, sent: 1 });

    await second.client.press(cardButtons(announcement)[0]!);
    await second.client.waitForBotReply(isBotText(/Marktplatz/));
    expect(await app.app.broadcasts.progress(APP_TEST_TENANT, broadcast._id)).toMatchObject({ clicks: 1, clickers: 1 });

    // A third visit does not show it again.
    second.client.end();
    const third = await sessions.open(app, { ticket: first.ticket });
    await third.client.waitForBotReply((activity) => activity.type === 'message' && (activity.suggestedActions?.actions.length ?? 0) > 2);
    expect(third.botTextsSince(0).some((text) => /Lastenräder/.test(text))).toBe(false);
  });

  it('includes the delivery records in "export my data" and removes them with "delete me"', async () => {
    const app = await sessions.start({ env: { DEMO_CONTENT: 'none' }, overrides: { broadcasts: { pollMs: 100 } } });
    const visit = await sessions.open(app);
    await choose(visit, 'Deutsch');
    await choose(visit, 'Einverstanden');
    await visit.client.waitForBotReply(isBotText(/^Danke! Du kannst loslegen/));
    const broadcast = await app.app.broadcasts.create(APP_TEST_TENANT, EDITOR, INPUT);
    await app.app.broadcasts.submit(APP_TEST_TENANT, broadcast._id, EDITOR, 'now');
    for (const deadline = Date.now() + 10_000; (await app.app.broadcasts.progress(APP_TEST_TENANT, broadcast._id)).status !== 'completed' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // The person's next turn shows the announcement; the export lists it, "delete me" removes it.
    await choose(visit, 'Mein Profil');
    await visit.client.waitForBotReply(isBotText(/Lastenräder/));
    await choose(visit, 'Daten exportieren');
    const exported = await visit.client.waitForBotReply((activity) => activity.type === 'message' && (activity.attachments?.length ?? 0) > 0);
    const url = ((exported.type === 'message' ? exported.attachments?.[0] : undefined) as { contentUrl?: string } | undefined)!.contentUrl!;
    const data = (await (await fetch(new URL(url, app.baseUrl))).json()) as { sections: Record<string, unknown> };
    expect(data.sections['broadcastDeliveries']).toEqual([expect.objectContaining({ broadcast: 'Marktplatz neu', channel: 'webchat', status: 'sent', clicks: 0 })]);

    await choose(visit, 'Mich löschen');
    await choose(visit, 'Ja, alles löschen');
    await visit.client.waitForBotReply(isBotText(/^Erledigt: Alle deine Daten sind gelöscht/));
    const profileId = profileIdFor({ tenantId: APP_TEST_TENANT, channel: 'webchat', accountId: visit.client.userId });
    expect(await new DeliveryRepository(app.app.store).listForProfile(APP_TEST_TENANT, profileId)).toEqual([]);
    expect((await app.app.broadcasts.progress(APP_TEST_TENANT, broadcast._id)).total).toBe(0);
  });
});
