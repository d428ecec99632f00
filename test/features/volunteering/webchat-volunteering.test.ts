import { describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/foundation/profiles/profile-repository.js';
import type { VolunteeringFeature } from '../../../src/features/volunteering/index.js';
import { APP_TEST_TENANT, type TestApp, type WebChatVisit } from '../../support/test-app.js';
import { buttonsOf, choose as chooseButton, isBotText, textOf, webChatSessions, type ButtonTitle } from '../../support/chat-helpers.js';

const DAY_MS = 86_400_000;

describe('a volunteer in the web chat', () => {
  const sessions = webChatSessions();
  let now = new Date();
  let sentByPerson = 0;

  async function open(): Promise<{ app: TestApp; visit: WebChatVisit }> {
    // The app's clock starts 40 days back, so that moving it forward by weeks stays behind the real
    // time (the scheduler's runDue scans for due jobs up to the real time).
    now = new Date(Date.now() - 40 * DAY_MS);
    sentByPerson = 0;
    const app = await sessions.start({ overrides: { clock: () => now, scheduler: { mode: 'manual' } } });
    const visit = await sessions.open(app);
    return { app, visit };
  }

  /** Waits until the bot offers a button matching `title`, then presses it (and counts it). */
  async function choose(visit: WebChatVisit, title: ButtonTitle): Promise<void> {
    sentByPerson++;
    await chooseButton(visit, title);
  }

  async function say(visit: WebChatVisit, text: string): Promise<void> {
    sentByPerson++;
    await visit.client.send(text);
  }

  const feature = (app: TestApp): VolunteeringFeature => app.app.features.volunteering;
  const profileIdOf = async (app: TestApp, visit: WebChatVisit): Promise<string> =>
    (await new ProfileRepository(app.app.store).findByAccount({ tenantId: APP_TEST_TENANT, channel: 'webchat', accountId: visit.client.userId }))!._id;

  it('goes from opening the chat to a registered good deed in under ten messages', async () => {
    const { app, visit } = await open();
    await choose(visit, 'Deutsch');
    await choose(visit, 'Einverstanden');
    await choose(visit, 'Was kann ich Gutes tun?');
    await visit.client.waitForBotReply(isBotText(/^Diese guten Taten stehen gerade an:/));
    await choose(visit, /^1\. /);
    await visit.client.waitForBotReply(isBotText(/Noch \d+ Pl(atz|ätze) frei/));
    await choose(visit, 'Ich mache mit');
    await visit.client.waitForBotReply(isBotText(/^Super, du bist dabei/));
    expect(sentByPerson).toBeLessThan(10);
    const registrations = await feature(app).opportunities.registrationsOf(APP_TEST_TENANT, await profileIdOf(app, visit));
    expect(registrations).toHaveLength(1);
  });

  it('runs the full onboarding with typed answers, registers, and is asked how it went two days after the deed', async () => {
    const { app, visit } = await open();
    await choose(visit, 'English');
    await choose(visit, 'I agree');
    await choose(visit, 'My volunteering');
    await visit.client.waitForBotReply(isBotText(/What may I call you/));
    await say(visit, 'Jonas');
    await visit.client.waitForBotReply(isBotText(/In which district of Wuppertal/));
    await say(visit, 'Langerfeld Beyenburg');
    await visit.client.waitForBotReply(isBotText(/What would you like to support/));
    await say(visit, 'sport, environment');
    await visit.client.waitForBotReply(isBotText(/What are you good at/));
    sentByPerson++;
    await visit.pressButton('Skip');
    await choose(visit, 'Weekends');
    await choose(visit, 'Done');
    await visit.client.waitForBotReply(isBotText(/About how many hours a month/));
    await say(visit, '6');
    await choose(visit, 'By e-mail');
    await visit.client.waitForBotReply(isBotText(/Which e-mail address/));
    await say(visit, 'not an address');
    await visit.client.waitForBotReply(isBotText(/does not look like an e-mail address/));
    await say(visit, 'jonas@example.org');
    const summary = await visit.client.waitForBotReply(isBotText(/Your volunteer profile/));
    expect(textOf(summary)).toContain('• Place: Langerfeld-Beyenburg (Wuppertal)');
    expect(textOf(summary)).toContain('• Interests: Environment, Sport');
    expect(textOf(summary)).toContain('• Contact: by e-mail: jonas@example.org');
    // Correct one answer before confirming.
    await choose(visit, 'Change an answer');
    await choose(visit, 'Name');
    await say(visit, 'Jonas-Peter');
    await visit.client.waitForBotReply(isBotText(/^Saved\.$/));
    const corrected = await visit.client.waitForBotReply(isBotText(/Your volunteer profile/));
    expect(textOf(corrected)).toContain('• Name: Jonas-Peter');
    await choose(visit, 'Looks good');
    const list = await visit.client.waitForBotReply(isBotText(/These good deeds fit you well:/));
    // The city run in Langerfeld-Beyenburg on a Sunday fits sport, district and weekends (the demo deeds come in English too).
    expect(textOf(list)).toMatch(/1\. Course marshal at the Wuppertal city run\n.*\n\s+fits: Sport, Langerfeld-Beyenburg, Weekends/);
    await choose(visit, /^1\. Course marshal/);
    await choose(visit, "I'm in");
    await visit.client.waitForBotReply(isBotText(/^Great, you're in: “Course marshal at the Wuppertal city run”/));
    await visit.client.waitForBotReply(isBotText(/A few days afterwards/));

    const profileId = await profileIdOf(app, visit);
    const jobs = await app.app.scheduler.pending({ tenantId: APP_TEST_TENANT, name: 'deed-follow-up', profileId });
    expect(jobs).toHaveLength(1);
    // The run is in 16 days; the follow-up two days after it ends.
    const registeredAt = now;
    now = new Date(jobs[0]!.nextRunAt!.getTime() + 1000);
    expect(now.getTime() - registeredAt.getTime()).toBeGreaterThan(17 * DAY_MS);
    await app.app.scheduler.runDue();
    // Days later the old token has expired: the person opens the chat again and finds the question.
    visit.client.end();
    const later = await app.resumeWebChat(visit);
    const question = await later.waitForBotReply(isBotText(/You took part in “Course marshal at the Wuppertal city run”. How was it\?/));
    expect(buttonsOf(question)).toEqual(['1 – not good', '2', '3', '4', '5 – great', 'Find the next good deed']);
    // A second run of the same job (agenda runs at least once) asks nothing more.
    await feature(app).followUp({ tenantId: APP_TEST_TENANT, profileId, registrationId: (await feature(app).opportunities.registrationsOf(APP_TEST_TENANT, profileId))[0]!.registration._id });

    const great = question.type === 'message' ? question.suggestedActions!.actions.find((action) => action.title === '5 – great')! : undefined;
    await later.press(great!);
    await later.waitForBotReply(isBotText(/your rating \(5 of 5\) is noted/));
    await later.send('Lovely people, well organised.');
    await later.waitForBotReply(isBotText(/^Thank you for your feedback!/));
    await later.waitForBotReply(isBotText(/^Maybe your next good deed is among these:/));
    const [entry] = await feature(app).opportunities.registrationsOf(APP_TEST_TENANT, profileId);
    expect(entry!.registration.feedback).toMatchObject({ rating: 5, comment: 'Lovely people, well organised.' });
    expect(later.activities.filter(isBotText(/How was it\?/))).toHaveLength(1);
    later.end();
  });

  it('does nothing when the person withdrew before the follow-up is due', async () => {
    const { app, visit } = await open();
    await choose(visit, 'Deutsch');
    await choose(visit, 'Einverstanden');
    const deed = await feature(app).opportunities.create(APP_TEST_TENANT, {
      title: 'Kuchenbasar im Stadtteiltreff',
      organisation: 'Stadtteiltreff Barmen',
      description: 'Kuchen backen und verkaufen.',
      district: 'Barmen',
      online: false,
      startsAt: new Date(now.getTime() + 3 * DAY_MS),
      timeNeeded: '3 Stunden',
      slots: ['weekends'],
      interests: ['neighbourhood'],
      skills: [],
      places: 5,
      contact: { name: 'Team' },
    });
    const profileId = await profileIdOf(app, visit);
    const registered = await feature(app).opportunities.register(APP_TEST_TENANT, deed._id, profileId);
    expect(registered.status).toBe('registered');
    if (registered.status !== 'registered') return;
    await feature(app).opportunities.withdrawRegistration(APP_TEST_TENANT, registered.registration._id, profileId);
    expect(await app.app.scheduler.pending({ tenantId: APP_TEST_TENANT, name: 'deed-follow-up', profileId })).toEqual([]);
    // Even a job that ran anyway asks nothing.
    const before = visit.client.activities.length;
    await feature(app).followUp({ tenantId: APP_TEST_TENANT, profileId, registrationId: registered.registration._id });
    now = new Date(now.getTime() + 10 * DAY_MS);
    await app.app.scheduler.runDue();
    expect(visit.botTextsSince(before).filter((text) => /Wie war es/.test(text))).toEqual([]);
  });
});
