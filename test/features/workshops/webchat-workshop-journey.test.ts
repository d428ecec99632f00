import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { APP_TEST_TENANT, startTestApp, type TestApp, type WebChatVisit } from '../../support/test-app.js';
import { ProfileRepository } from '../../../src/foundation/profiles/profile-repository.js';
import type { Workshop } from '../../../src/features/workshops/domain/workshop.js';
import { buttonsOf, choose, comeBack, isBotText } from '../../support/chat-helpers.js';
import { consentInEnglish, werkstatt2, workshopsOf } from './journey-helpers.js';
import { DAY, HOUR, workshopInput } from './fixtures.js';

describe('workshops in the web chat', () => {
  let now: Date;
  let harness: TestApp;
  const visits: WebChatVisit[] = [];

  beforeEach(async () => {
    now = new Date('2026-11-22T09:00:00Z');
    harness = await startTestApp({ overrides: { clock: () => now } });
  });

  afterEach(async () => {
    for (const visit of visits.splice(0)) visit.client.end();
    await harness.stop();
  });

  async function open(start?: string): Promise<WebChatVisit> {
    const visit = await harness.openWebChat(start ? { start } : {});
    visits.push(visit);
    return visit;
  }

  async function runJobsAt(time: Date): Promise<number> {
    now = time;
    return harness.app.scheduler.runDue();
  }

  /** What the bot stored in the person's conversation (also what the next visit will show). */
  const transcriptOf = async (visit: WebChatVisit): Promise<string> => {
    const stored = await harness.app.webchat.exportSubject({ tenantId: APP_TEST_TENANT, userIds: [], conversationIds: [visit.conversationId] });
    return stored.conversations.flatMap((conversation) => conversation.activities.map((activity) => activity.text ?? '')).join('\n');
  };

  const profileIdOf = async (visit: WebChatVisit) =>
    (await new ProfileRepository(harness.app.store).findByAccount({ tenantId: APP_TEST_TENANT, channel: 'webchat', accountId: visit.client.userId }))!._id;

  it('registers from a poster link, sends the calendar file, both reminders and the follow-up with the next part', async () => {
    const workshop = await werkstatt2(harness.app, APP_TEST_TENANT);
    let visit = await open(`workshop-${workshop._id}`);
    await consentInEnglish(visit);
    const details = await visit.client.waitForBotReply(isBotText(/^Workshop 2: Developing concepts\n\nMonday, 22 February \d{4}, 18:00–20:30\nPlace: Zentrum für gute Taten/));
    expect(details.type === 'message' && details.text).toContain('Language: German');
    await choose(visit, 'Register');
    await visit.client.waitForBotReply(isBotText(/^You are registered for "Workshop 2: Developing concepts"/));

    await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Cancel my seat'));
    // Twice is once.
    await visit.client.send('/open workshop-' + workshop._id);
    await visit.client.waitForBotReply(isBotText(/^Workshop 2: Developing concepts\n/));
    const again = await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Cancel my seat'));
    expect(again.type === 'message' && again.text).toBe('You are registered. I will remind you one day and one hour before.');
    expect((await workshopsOf(harness.app).service.availability(workshop)).registered).toBe(1);

    await visit.pressButton('Add to calendar');
    const file = await visit.client.waitForBotReply((activity) => activity.type === 'message' && (activity.attachments?.length ?? 0) > 0);
    const attachment = (file.type === 'message' ? file.attachments?.[0] : undefined) as { name?: string; contentUrl?: string } | undefined;
    expect(attachment?.name).toBe(`workshop-${workshop._id}.ics`);
    const download = await fetch(new URL(attachment!.contentUrl!, harness.baseUrl));
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(await download.text())).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Workshop 2: Developing concepts');
    expect(event.startDate.toString()).toMatch(/-02-22T18:00:00$/);

    // Nothing is due yet: both reminders and the follow-up wait for their time.
    await harness.app.scheduler.runDue();
    expect((await harness.app.scheduler.pending({ tenantId: APP_TEST_TENANT, keyPrefix: `workshop-${workshop._id}:` })).map((job) => job.name)).toEqual([
      'workshop-reminder',
      'workshop-reminder',
      'workshop-follow-up',
    ]);

    await runJobsAt(new Date(workshop.startsAt.getTime() - DAY));
    visit = await comeBack(harness, visit);
    visits.push(visit);
    const dayBefore = await visit.client.waitForBotReply(isBotText(/^Reminder: "Workshop 2: Developing concepts" is tomorrow\.\nMonday, 22 February \d{4}, 18:00–20:30\nPlace: Zentrum für gute Taten, Friedrich-Engels-Allee 1/));
    expect(buttonsOf(dayBefore)).toEqual(['I cannot come', 'No reminders']);

    await runJobsAt(new Date(workshop.startsAt.getTime() - HOUR));
    visit = await comeBack(harness, visit);
    visits.push(visit);
    await visit.client.waitForBotReply(isBotText(/^Starting soon: "Workshop 2: Developing concepts" begins in one hour/));

    await runJobsAt(new Date(workshop.endsAt.getTime() + 2 * HOUR));
    visit = await comeBack(harness, visit);
    visits.push(visit);
    const followUp = await visit.client.waitForBotReply(isBotText(/^Thank you for taking part in "Workshop 2: Developing concepts"!/));
    expect(followUp.type === 'message' && followUp.text).toContain('https://www.wuppertal.de/kosi-lab/werkstatt-2');
    expect(followUp.type === 'message' && followUp.text).toContain('Next up: "Workshop 3: Setting it up"');
    expect(buttonsOf(followUp)).toEqual(['To part 3']);

    // Every message once, however often the jobs are looked at.
    await harness.app.scheduler.runDue();
    const texts = (await transcriptOf(visit)).split('\n');
    expect(texts.filter((text) => text.startsWith('Reminder:'))).toHaveLength(1);
    expect(texts.filter((text) => text.startsWith('Starting soon:'))).toHaveLength(1);
    expect(texts.filter((text) => text.startsWith('Thank you for taking part'))).toHaveLength(1);

    // One tap on "next part" opens it.
    await visit.pressButton('To part 3');
    await visit.client.waitForBotReply(isBotText(/^Workshop 3: Setting it up\n/));
    await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('Register'));
  });

  it('registers from a poster link and gets both reminders and the follow-up once each across a restart of the service', async () => {
    const workshop = await werkstatt2(harness.app, APP_TEST_TENANT);
    let visit = await open(`workshop-${workshop._id}`);
    await consentInEnglish(visit);
    await choose(visit, 'Register');
    await visit.client.waitForBotReply(isBotText(/^You are registered for "Workshop 2: Developing concepts"/));

    // The service restarts: a new process on the same data directory, with the same clock.
    for (const earlier of visits.splice(0)) earlier.client.end();
    const { dataDir } = harness;
    await harness.stop();
    harness = await startTestApp({ dataDir, overrides: { clock: () => now } });

    await runJobsAt(new Date(workshop.startsAt.getTime() - DAY));
    visit = await comeBack(harness, visit);
    visits.push(visit);
    await visit.client.waitForBotReply(isBotText(/^Reminder: "Workshop 2: Developing concepts" is tomorrow\.\nMonday, 22 February \d{4}, 18:00–20:30/));

    await runJobsAt(new Date(workshop.startsAt.getTime() - HOUR));
    await runJobsAt(new Date(workshop.endsAt.getTime() + 2 * HOUR));
    visit = await comeBack(harness, visit);
    visits.push(visit);
    const followUp = await visit.client.waitForBotReply(isBotText(/^Thank you for taking part in "Workshop 2: Developing concepts"!/));
    expect(buttonsOf(followUp)).toEqual(['To part 3']);

    // Once each, however often the jobs are looked at after the restart.
    await runJobsAt(new Date(workshop.endsAt.getTime() + 3 * HOUR));
    const texts = (await transcriptOf(visit)).split('\n');
    expect(texts.filter((text) => text.startsWith('Reminder:'))).toHaveLength(1);
    expect(texts.filter((text) => text.startsWith('Starting soon:'))).toHaveLength(1);
    expect(texts.filter((text) => text.startsWith('Thank you for taking part'))).toHaveLength(1);
  });

  it('frees the seat with "cannot come" from the reminder and moves the person waiting up', async () => {
    const service = workshopsOf(harness.app).service;
    const workshop: Workshop = await service.create(APP_TEST_TENANT, workshopInput(now, { capacity: 1, title: 'Kleine Runde', series: undefined, daysAhead: 5 }));

    let first = await open(`workshop-${workshop._id}`);
    await consentInEnglish(first);
    await choose(first, 'Register');
    await first.client.waitForBotReply(isBotText(/^You are registered for "Kleine Runde"/));

    let second = await open(`workshop-${workshop._id}`);
    await consentInEnglish(second);
    const full = await second.client.waitForBotReply((activity) => buttonsOf(activity).includes('Join the waiting list'));
    expect(full.type === 'message' && full.text).toBe('Fully booked – you can join the waiting list.');
    expect(buttonsOf(full)).not.toContain('Register');
    await second.pressButton('Join the waiting list');
    await second.client.waitForBotReply(isBotText(/^You are now number 1 on the waiting list for "Kleine Runde"/));

    await runJobsAt(new Date(workshop.startsAt.getTime() - DAY));
    first = await comeBack(harness, first);
    second = await comeBack(harness, second);
    visits.push(first, second);
    await first.client.waitForBotReply(isBotText(/^Reminder: "Kleine Runde" is tomorrow/));
    // Nobody on the waiting list is reminded.
    expect(await transcriptOf(second)).not.toContain('Reminder:');

    await first.pressButton('I cannot come');
    await first.client.waitForBotReply(isBotText(/^You cannot come to "Kleine Runde"/));
    await first.pressButton('Yes, free my seat');
    await first.client.waitForBotReply(isBotText(/^Done: your seat at "Kleine Runde" is free/));

    await harness.app.scheduler.runDue();
    const movedUp = await second.client.waitForBotReply(isBotText(/^Good news: a seat became free at "Kleine Runde" – you are now registered!/));
    expect(buttonsOf(movedUp)).toEqual(['I cannot come']);
    expect((await service.registrationOf(APP_TEST_TENANT, workshop._id, await profileIdOf(second)))?.status).toBe('registered');
    expect((await service.registrationOf(APP_TEST_TENANT, workshop._id, await profileIdOf(first)))?.status).toBe('cancelled');

    // The old button again: the seat is already free, nothing else changes.
    await first.client.send(`/open workshop-nogo-${workshop._id}`);
    await first.client.waitForBotReply(isBotText(/^Your seat at "Kleine Runde" is already free/));

    // The person who moved up gets the reminder one hour before; the one who left does not.
    await runJobsAt(new Date(workshop.startsAt.getTime() - HOUR));
    first = await comeBack(harness, first);
    second = await comeBack(harness, second);
    visits.push(first, second);
    await second.client.waitForBotReply(isBotText(/^Starting soon: "Kleine Runde"/));
    expect(await transcriptOf(first)).not.toContain('Starting soon:');
  });

  it('says so for a past or cancelled workshop and lets people switch reminders off', async () => {
    const service = workshopsOf(harness.app).service;
    const past = await service.create(APP_TEST_TENANT, workshopInput(now, { daysAhead: -2, title: 'Gestern', series: undefined }));
    let visit = await open(`workshop-${past._id}`);
    await consentInEnglish(visit);
    const pastAnswer = await visit.client.waitForBotReply((activity) => buttonsOf(activity).length > 0 && isBotText(/taken place/)(activity));
    expect(buttonsOf(pastAnswer)).toEqual(['Back']);

    const workshop = await service.create(APP_TEST_TENANT, workshopInput(now, { daysAhead: 3, title: 'Bald', series: undefined }));
    await visit.client.send(`/open workshop-${workshop._id}`);
    await choose(visit, 'Register');
    await choose(visit, 'Reminders off');
    await visit.client.waitForBotReply(isBotText(/^I will not remind you of "Bald" any more/));
    await runJobsAt(new Date(workshop.startsAt.getTime() - DAY));
    await runJobsAt(new Date(workshop.startsAt.getTime() - HOUR));
    const transcript = await transcriptOf(visit);
    expect(transcript).not.toContain('Reminder:');
    expect(transcript).not.toContain('Starting soon:');
    visit = await comeBack(harness, visit);
    visits.push(visit);

    await service.cancelWorkshop(APP_TEST_TENANT, workshop._id);
    await harness.app.scheduler.runDue();
    await visit.client.waitForBotReply(isBotText(/^Unfortunately "Bald" \(.*\) has been cancelled/));
    await visit.client.send(`/open workshop-${workshop._id}`);
    await visit.client.waitForBotReply(isBotText(/^Unfortunately this workshop has been cancelled\.$/));
  });

  it('lists upcoming workshops from the menu, filters the series and shows "my workshops"', async () => {
    const visit = await open();
    await consentInEnglish(visit);
    await choose(visit, 'Workshops');
    const list = await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes('My workshops'));
    expect(list.type === 'message' && list.text).toBe('These are the next workshops. Tap one to learn more:');
    expect(buttonsOf(list)).toContain('Only Workshop series');
    await visit.pressButton('Only Workshop series');
    const series = await visit.client.waitForBotReply(isBotText(/^The next dates of the Workshop series:/));
    expect(buttonsOf(series).slice(0, 4).map((title) => title.replace(/^\S+ \S+ /, ''))).toEqual([
      'Workshop 1: Introduction',
      'Workshop 2: Developing concepts',
      'Workshop 3: Setting it up',
      'Workshop 4: Making it last',
    ]);
    const part2 = buttonsOf(series).find((title) => title.includes('Developing concepts'))!;
    expect(part2).toMatch(/^22 Feb /);
    await visit.pressButton(part2);
    await choose(visit, 'Register');
    await choose(visit, 'Back');
    await choose(visit, 'My workshops');
    const mine = await visit.client.waitForBotReply(isBotText(/^These are your workshops:/));
    expect(buttonsOf(mine)).toEqual([part2, 'All reminders off', 'Back']);
  });

  it('serves the calendar file at a public URL and 404 for unknown workshops', async () => {
    const workshop = await werkstatt2(harness.app, APP_TEST_TENANT);
    const response = await fetch(`${harness.baseUrl}/calendar/${APP_TEST_TENANT}/workshop-${workshop._id}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await response.text();
    expect(text).toContain('BEGIN:VTIMEZONE');
    expect(text).toMatch(/DTSTART;TZID=Europe\/Berlin:\d{4}0222T180000/);
    expect((await fetch(`${harness.baseUrl}/calendar/${APP_TEST_TENANT}/workshop-nothere.ics`)).status).toBe(404);
    expect((await fetch(`${harness.baseUrl}/calendar/dortmund/workshop-${workshop._id}.ics`)).status).toBe(404);
    expect((await fetch(`${harness.baseUrl}/calendar/${APP_TEST_TENANT}/workshop-${workshop._id}.txt`)).status).toBe(404);
  });

  it('exports registrations and planned reminders, and "delete me" frees the seat', async () => {
    const workshop = await werkstatt2(harness.app, APP_TEST_TENANT);
    const visit = await open(`workshop-${workshop._id}`);
    await consentInEnglish(visit);
    await choose(visit, 'Register');
    await visit.client.waitForBotReply(isBotText(/^You are registered/));
    const profileId = await profileIdOf(visit);
    await visit.client.send('/menu');
    await choose(visit, 'My profile');
    await choose(visit, 'Export my data');
    const file = await visit.client.waitForBotReply((activity) => activity.type === 'message' && (activity.attachments?.length ?? 0) > 0);
    const url = (file.type === 'message' ? file.attachments?.[0] : undefined) as { contentUrl?: string } | undefined;
    const data = (await (await fetch(new URL(url!.contentUrl!, harness.baseUrl))).json()) as { sections: Record<string, unknown> };
    expect(data.sections['workshopRegistrations']).toMatchObject({ registrations: [{ workshopId: workshop._id, status: 'registered', workshop: { title: 'Werkstatt 2: Konzeptentwicklung' } }] });
    expect(JSON.stringify(data.sections['scheduledMessages'])).toContain('workshop-reminder');

    await choose(visit, 'Delete me');
    await choose(visit, 'Yes, delete all');
    await visit.client.waitForBotReply(isBotText(/all your data has been deleted/));
    const service = workshopsOf(harness.app).service;
    expect(await service.registrationOf(APP_TEST_TENANT, workshop._id, profileId)).toBeNull();
    expect((await service.availability(workshop)).registered).toBe(0);
    expect(await harness.app.scheduler.pending({ tenantId: APP_TEST_TENANT, profileId })).toEqual([]);
  });
});
