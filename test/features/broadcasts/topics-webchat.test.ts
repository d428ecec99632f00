import { describe, expect, it } from 'vitest';
import type { Activity, CardAction } from 'botframework-directlinejs';
import { APP_TEST_TENANT, type WebChatVisit } from '../../support/test-app.js';
import { buttonsOf, chatCursor, choose, isBotText, textOf, webChatSessions } from '../../support/chat-helpers.js';
import { announce, audienceOf, profileOf } from './chat-journey-helpers.js';

const accountOf = (visit: WebChatVisit) => ({ tenantId: APP_TEST_TENANT, channel: 'webchat' as const, accountId: visit.client.userId });

/** The buttons on the announcement's card (they stay under it, unlike suggested actions). */
function cardActionsOf(activity: Activity): CardAction[] {
  if (activity.type !== 'message') return [];
  return (activity.attachments ?? []).flatMap((attachment) => (attachment as { content?: { buttons?: CardAction[] } }).content?.buttons ?? []);
}

describe('announcement topics in the web chat', () => {
  const { start, open } = webChatSessions();

  async function consentIn(visit: WebChatVisit, language: 'Deutsch' | 'English'): Promise<void> {
    await choose(visit, language);
    await choose(visit, language === 'Deutsch' ? 'Einverstanden' : 'I agree');
  }

  it('shows the waiting announcement with "Thema abbestellen"; the button ends that topic and topics can be chosen', async () => {
    const app = await start();
    const visit = await open(app);
    await consentIn(visit, 'Deutsch');
    await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Mein Profil'));
    await announce(app.app, APP_TEST_TENANT, 'workshops', { de: 'Neuer Workshop im Mai!', en: 'A new workshop in May!' });

    // The next turn of the visitor shows it.
    const chat = chatCursor(visit.client, visit.client.activities.length);
    await visit.client.send('/menu');
    const announcement = await chat.waitText(/^Neuer Workshop im Mai!/);
    const unsubscribe = cardActionsOf(announcement).find((action) => action.title === 'Thema abbestellen');
    expect((unsubscribe as { text?: string } | undefined)?.text).toBe('/open topic-off-workshops');
    await visit.client.press(unsubscribe!);
    const question = await chat.waitFor((activity) => buttonsOf(activity).includes('Themen wählen'));
    expect(buttonsOf(question)).toEqual(['Alle Ankündigungen abbestellen', 'Themen wählen', 'Fertig']);
    expect(visit.client.activities.map(textOf)).toContain('Erledigt: Zum Thema „Workshops“ bekommst du keine Ankündigungen mehr. Deine anderen Themen bekommst du weiter.');
    expect((await profileOf(app.app, accountOf(visit))).announcements).toEqual({ subscribed: true, topics: ['city', 'volunteering', 'jobs'] });

    // Pressed again later on the old card: no change, no error.
    await chat.pressOn(question, 'Fertig');
    await chat.waitFor((activity) => buttonsOf(activity).includes('Mein Profil'));
    await visit.client.press(unsubscribe!);
    await chat.waitText(/^Zum Thema „Workshops“ bekommst du schon keine Ankündigungen mehr\.$/);

    await chat.choose('Themen wählen');
    const list = await chat.waitFor((activity) => buttonsOf(activity).includes('✅ Neues aus der Stadt'));
    expect(textOf(list)).toBe(
      'Ankündigungen bekommst du zu den Themen mit ✅:\n✅ Neues aus der Stadt – an\n⬜ Workshops – aus\n✅ Ehrenamt und gute Taten – an\n✅ Ausbildung und Arbeit – an\n\nTippe auf ein Thema, um es an- oder auszuschalten.',
    );
    await chat.pressOn(list, '✅ Neues aus der Stadt');
    await chat.waitText(/^„Neues aus der Stadt“ ist jetzt aus\.$/);
    await chat.choose('Fertig');
    await chat.waitFor((activity) => buttonsOf(activity).includes('Mein Profil'));
    expect((await profileOf(app.app, accountOf(visit))).announcements).toEqual({ subscribed: true, topics: ['volunteering', 'jobs'] });
    expect(await audienceOf(app.app, APP_TEST_TENANT, 'city')).toBe(0);
    expect(await audienceOf(app.app, APP_TEST_TENANT, 'jobs')).toBe(1);
  });

  it('"My profile" → "Announcement topics" switches topics and returns to the profile', async () => {
    const app = await start();
    const visit = await open(app);
    await consentIn(visit, 'English');
    await choose(visit, 'My profile');
    await visit.client.waitForBotReply(isBotText(/• Announcements: on \(all topics\)/));
    await choose(visit, 'Announcement topics');
    await choose(visit, '✅ Workshops');
    await visit.client.waitForBotReply(isBotText(/^“Workshops” is off now\.$/));
    await choose(visit, '⬜ Workshops');
    await visit.client.waitForBotReply(isBotText(/^“Workshops” is on now\.$/));
    await choose(visit, '✅ Volunteering and good deeds');
    await visit.client.waitForBotReply(isBotText(/^“Volunteering and good deeds” is off now\.$/));
    await choose(visit, 'Done');
    await visit.client.waitForBotReply(isBotText(/• Announcements: on \(City news, Workshops, Training and work\)/));
    expect((await profileOf(app.app, accountOf(visit))).announcements).toEqual({ subscribed: true, topics: ['city', 'workshops', 'jobs'] });
  });

  it('opens the topic link of a new visitor after consent', async () => {
    const app = await start();
    const visit = await open(app, { start: 'topic-off-jobs' });
    await consentIn(visit, 'English');
    await visit.client.waitForBotReply(isBotText(/^Done: you will not receive announcements on “Training and work” any more\./));
    expect((await profileOf(app.app, accountOf(visit))).announcements.topics).toEqual(['city', 'workshops', 'volunteering']);
  });
});
