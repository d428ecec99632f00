import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from 'grammy/types';
import { paragraphsOf, type ApiCall } from '../../support/telegram-api.js';
import { callbackUpdate, TEST_USER, textUpdate } from '../../support/telegram-updates.js';
import { APP_TEST_TENANT } from '../../support/test-app.js';
import { inlineKeyboardOf as keyboardOf, telegramTestApp, textsOf } from '../../support/chat-helpers.js';
import { ProfileRepository } from '../../../src/foundation/profiles/profile-repository.js';
import { werkstatt2, workshopsOf } from './journey-helpers.js';
import { DAY, HOUR, workshopInput } from './fixtures.js';

const OTHER: User = { id: 4343, is_bot: false, first_name: 'Jonas', language_code: 'en' };

const toChat = (chatId: number) => (call: ApiCall) => Number(call.body.chat_id) === chatId;

describe('workshops on Telegram', () => {
  let now = new Date('2026-11-22T09:00:00Z');
  beforeEach(() => {
    now = new Date('2026-11-22T09:00:00Z');
  });
  const running = telegramTestApp({ overrides: { clock: () => now } });

  const send = (update: unknown): Promise<ApiCall[]> => running.chat.send(update);
  /** Presses the button titled `title` on the newest keyboard the bot sent to this person. */
  const press = (title: string, user: User = TEST_USER): Promise<ApiCall[]> => running.chat.press(title, user);

  /** Runs the jobs due at `time` and returns the Bot API calls they made. */
  async function runJobsAt(time: Date): Promise<ApiCall[]> {
    now = time;
    const before = running.telegram.calls.length;
    await running.harness.app.scheduler.runDue();
    return running.telegram.calls.slice(before);
  }

  async function startFromPoster(workshopId: string, user: User = TEST_USER): Promise<ApiCall[]> {
    await send(textUpdate(`/start workshop-${workshopId}`, { from: user, chatId: user.id }));
    await press('English', user);
    return press('I agree', user);
  }

  it('registers from a poster deep link, sends the .ics document, both reminders and the follow-up', async () => {
    const workshop = await werkstatt2(running.harness.app, APP_TEST_TENANT);
    const opened = await startFromPoster(workshop._id);
    expect(textsOf(opened).join('\n')).toMatch(/Workshop 2: Developing concepts\n\nMonday, 22 February \d{4}, 18:00–20:30/);
    const registered = await press('Register');
    expect(textsOf(registered)[0]).toMatch(/^You are registered for "Workshop 2: Developing concepts"/);

    const calendar = await press('Add to calendar');
    expect(textsOf(calendar)[0]).toContain(`https://bot.example.org/calendar/${APP_TEST_TENANT}/workshop-${workshop._id}.ics`);
    const document = calendar.find((call) => call.method === 'sendDocument');
    expect(document?.raw).toMatch(new RegExp(`filename="?workshop-${workshop._id}\\.ics`));
    expect(document?.raw).toMatch(/DTSTART;TZID=Europe\/Berlin:\d{4}0222T180000/);

    const dayBefore = await runJobsAt(new Date(workshop.startsAt.getTime() - DAY));
    const reminder = dayBefore.find((call) => call.method === 'sendMessage')!;
    expect(String(reminder.body.text)).toMatch(/^Reminder: "Workshop 2: Developing concepts" is tomorrow\.\nMonday, 22 February \d{4}, 18:00–20:30\nPlace: Zentrum für gute Taten/);
    expect(keyboardOf(reminder).map((button) => [button.text, button.callback_data])).toEqual([
      ['I cannot come', `0|/open workshop-nogo-${workshop._id}`],
      ['No reminders', `0|/open workshop-quiet-${workshop._id}`],
    ]);

    const hourBefore = await runJobsAt(new Date(workshop.startsAt.getTime() - HOUR));
    expect(textsOf(hourBefore)).toEqual([expect.stringMatching(/^Starting soon: "Workshop 2: Developing concepts" begins in one hour/)]);

    const after = await runJobsAt(new Date(workshop.endsAt.getTime() + 2 * HOUR));
    const followUp = after.find((call) => call.method === 'sendMessage')!;
    expect(String(followUp.body.text)).toMatch(/^Thank you for taking part in "Workshop 2: Developing concepts"!\n\nYou can find the material here: https:\/\/www\.wuppertal\.de\/kosi-lab\/werkstatt-2/);
    expect(keyboardOf(followUp).map((button) => button.text)).toEqual(['To part 3']);

    // Each message once.
    expect(await runJobsAt(new Date(workshop.endsAt.getTime() + 3 * HOUR))).toEqual([]);

    const next = await press('To part 3');
    expect(textsOf(next)[0]).toMatch(/^Workshop 3: Setting it up\n/);
  });

  it('"cannot come" from the reminder frees the seat and the person waiting moves up and is told', async () => {
    const service = workshopsOf(running.harness.app).service;
    const workshop = await service.create(APP_TEST_TENANT, workshopInput(now, { capacity: 1, title: 'Kleine Runde', series: undefined, daysAhead: 5 }));
    await startFromPoster(workshop._id);
    await press('Register');

    const other = await startFromPoster(workshop._id, OTHER);
    expect(paragraphsOf(other).at(-1)).toBe('Fully booked – you can join the waiting list.');
    const waiting = await press('Join the waiting list', OTHER);
    expect(textsOf(waiting)[0]).toMatch(/^You are now number 1 on the waiting list for "Kleine Runde"/);

    const reminders = await runJobsAt(new Date(workshop.startsAt.getTime() - DAY));
    expect(reminders.filter((call) => call.method === 'sendMessage').map((call) => Number(call.body.chat_id))).toEqual([TEST_USER.id]);

    const question = await press('I cannot come');
    expect(textsOf(question)[0]).toMatch(/^You cannot come to "Kleine Runde"/);
    const freed = await press('Yes, free my seat');
    expect(textsOf(freed)[0]).toMatch(/^Done: your seat at "Kleine Runde" is free/);

    const notices = await runJobsAt(now);
    const movedUp = notices.find(toChat(OTHER.id))!;
    expect(String(movedUp.body.text)).toMatch(/^Good news: a seat became free at "Kleine Runde" – you are now registered!/);
    const otherProfile = await new ProfileRepository(running.harness.app.store).findByAccount({ tenantId: APP_TEST_TENANT, channel: 'telegram', accountId: String(OTHER.id) });
    expect((await service.registrationOf(APP_TEST_TENANT, workshop._id, otherProfile!._id))?.status).toBe('registered');

    // The old reminder button again: nothing changes.
    const reminder = reminders.find(toChat(TEST_USER.id))!;
    const again = await send(callbackUpdate(keyboardOf(reminder)[0]!.callback_data!));
    expect(textsOf(again)[0]).toMatch(/^Your seat at "Kleine Runde" is already free/);

    const hourBefore = await runJobsAt(new Date(workshop.startsAt.getTime() - HOUR));
    expect(hourBefore.filter((call) => call.method === 'sendMessage').map((call) => Number(call.body.chat_id))).toEqual([OTHER.id]);
  });

  it('switches reminders off from the reminder itself and still sends the follow-up', async () => {
    const workshop = await werkstatt2(running.harness.app, APP_TEST_TENANT);
    await startFromPoster(workshop._id);
    await press('Register');
    await runJobsAt(new Date(workshop.startsAt.getTime() - DAY));
    const question = await press('No reminders');
    expect(textsOf(question)[0]).toBe('No more reminders – only for "Workshop 2: Developing concepts" or for all workshops?');
    const done = await press('All workshops');
    expect(textsOf(done)[0]).toMatch(/^I will not remind you of any workshop any more/);
    expect(await runJobsAt(new Date(workshop.startsAt.getTime() - HOUR))).toEqual([]);
    const after = await runJobsAt(new Date(workshop.endsAt.getTime() + 2 * HOUR));
    expect(textsOf(after)).toEqual([expect.stringMatching(/^Thank you for taking part/)]);
  });

  it('tells registered people when staff move the workshop and reminds them at the new time', async () => {
    const service = workshopsOf(running.harness.app).service;
    const workshop = await werkstatt2(running.harness.app, APP_TEST_TENANT);
    await startFromPoster(workshop._id);
    await press('Register');
    const startsAt = new Date(workshop.startsAt.getTime() + 2 * DAY);
    await service.update(APP_TEST_TENANT, workshop._id, { startsAt, endsAt: new Date(startsAt.getTime() + 2.5 * HOUR), place: { name: 'Rathaus Barmen', address: 'Johannes-Rau-Platz 1, 42275 Wuppertal' } });
    const notice = await runJobsAt(now);
    expect(textsOf(notice)).toEqual([expect.stringMatching(/^Change for "Workshop 2: Developing concepts": the workshop now takes place:\nWednesday, 24 February \d{4}, 18:00–20:30\nPlace: Rathaus Barmen/)]);
    // Nothing at the old time; the reminder comes a day before the new one.
    expect(await runJobsAt(new Date(workshop.startsAt.getTime() - DAY))).toEqual([]);
    expect(textsOf(await runJobsAt(new Date(startsAt.getTime() - DAY)))).toEqual([expect.stringMatching(/^Reminder: .* is tomorrow\.\nWednesday, 24 February/)]);
  });

  it('drops a reminder without error when the person blocked the bot', async () => {
    const workshop = await werkstatt2(running.harness.app, APP_TEST_TENANT);
    await startFromPoster(workshop._id);
    await press('Register');
    running.telegram.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    const calls = await runJobsAt(new Date(workshop.startsAt.getTime() - DAY));
    expect(calls.filter((call) => call.method === 'sendMessage')).toHaveLength(1);
    expect(await running.harness.app.scheduler.failures({ tenantId: APP_TEST_TENANT })).toEqual([]);
    // Blocked: the next reminder is not even tried.
    expect(await runJobsAt(new Date(workshop.startsAt.getTime() - HOUR))).toEqual([]);
  });

  it('sends a reminder planned before a restart of the service once after it', async () => {
    const workshop = await werkstatt2(running.harness.app, APP_TEST_TENANT);
    await startFromPoster(workshop._id);
    await press('Register');
    const { dataDir } = running.harness;
    const workshopCount = await workshopsOf(running.harness.app).service.count(APP_TEST_TENANT);
    await running.restart({ dataDir, overrides: { clock: () => now } });

    const reminder = await runJobsAt(new Date(workshop.startsAt.getTime() - DAY));
    expect(textsOf(reminder)).toEqual([expect.stringMatching(/^Reminder: "Workshop 2: Developing concepts" is tomorrow/)]);
    expect(textsOf(await runJobsAt(new Date(workshop.startsAt.getTime() - DAY + 60_000)))).toEqual([]);
    // The demo content was not loaded a second time.
    expect(await workshopsOf(running.harness.app).service.count(APP_TEST_TENANT)).toBe(workshopCount);
  });

  it('tells registered people once when staff cancel the workshop, and shows it as cancelled under "my workshops"', async () => {
    const service = workshopsOf(running.harness.app).service;
    const workshop = await werkstatt2(running.harness.app, APP_TEST_TENANT);
    await startFromPoster(workshop._id);
    await press('Register');
    expect(await service.cancelWorkshop(APP_TEST_TENANT, workshop._id)).toMatchObject({ status: 'cancelled', notified: 1 });
    const notice = await runJobsAt(now);
    expect(textsOf(notice)).toEqual([expect.stringMatching(/^Unfortunately "Workshop 2: Developing concepts" \(Monday, 22 February \d{4}, 18:00–20:30\) has been cancelled/)]);
    expect(await runJobsAt(new Date(now.getTime() + 60_000))).toEqual([]);
    // No reminder, no follow-up for a cancelled workshop.
    expect(textsOf(await runJobsAt(new Date(workshop.startsAt.getTime() - DAY)))).toEqual([]);

    await send(textUpdate('/start'));
    const menu = await press('Workshops');
    expect(textsOf(menu).length).toBeGreaterThan(0);
    const mine = await press('My workshops');
    const listed = keyboardOf(mine.find((call) => keyboardOf(call).length > 0)!).map((button) => button.text);
    expect(listed).toEqual([expect.stringMatching(/^22 Feb Workshop 2: Developing concepts \(cancelled\)$/), 'All reminders off', 'Back']);
    const details = await press(listed[0]!);
    expect(paragraphsOf(details).at(-1)).toBe('Unfortunately this workshop has been cancelled.');
  });

  it('sends a reminder once when the first try fails and the job is retried', async () => {
    const workshop = await werkstatt2(running.harness.app, APP_TEST_TENANT);
    await startFromPoster(workshop._id);
    await press('Register');
    running.telegram.failNext('sendMessage', 500, 'Internal Server Error');
    const dayBefore = new Date(workshop.startsAt.getTime() - DAY);
    const first = await runJobsAt(dayBefore);
    expect(first.filter((call) => call.method === 'sendMessage')).toHaveLength(1);
    // The retry (a minute later) sends it; later looks send nothing more.
    const retried = await runJobsAt(new Date(dayBefore.getTime() + 5 * 60_000));
    expect(textsOf(retried)).toEqual([expect.stringMatching(/^Reminder: "Workshop 2: Developing concepts" is tomorrow/)]);
    expect(await runJobsAt(new Date(dayBefore.getTime() + 60 * 60_000))).toEqual([]);
    expect(await running.harness.app.scheduler.failures({ tenantId: APP_TEST_TENANT })).toEqual([]);
  });
});
