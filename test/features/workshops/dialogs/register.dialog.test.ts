import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkshopRegistrationRepository, WorkshopRepository } from '../../../../src/features/workshops/domain/workshop-repository.js';
import type { Workshop } from '../../../../src/features/workshops/domain/workshop.js';
import { profileIdFor } from '../../../../src/foundation/profiles/profile-repository.js';
import { agreeToPrivacy, de, reply, startDialogTestKit, textsOf, type DialogChat, type DialogTestKit } from '../../../support/dialog-test-kit.js';

/** Workshop times as people in Wuppertal read them, in the formats of the German texts. */
const berlin = (date: Date) => DateTime.fromJSDate(date, { zone: 'Europe/Berlin' }).setLocale('de');
const listTitle = (workshop: Workshop): string => de('workshops:listItem', { date: berlin(workshop.startsAt).toFormat(de('workshops:shortDateFormat')), title: workshop.title });
const when = (workshop: Workshop): string =>
  de('workshops:when', {
    date: berlin(workshop.startsAt).toFormat(de('workshops:dateFormat')),
    start: berlin(workshop.startsAt).toFormat(de('workshops:timeFormat')),
    end: berlin(workshop.endsAt).toFormat(de('workshops:timeFormat')),
  });
const where = (workshop: Workshop): string => de('workshops:place', { name: workshop.place!.name, address: workshop.place!.address });

describe('registering for a workshop (dialog test, Wuppertal demo content)', () => {
  let kit: DialogTestKit;
  let chat: DialogChat;
  let upcoming: Workshop[];
  /** "Ehrenamt-Sprechstunde" of the demo content: one date, twelve seats, in German. */
  let sprechstunde: Workshop;

  beforeEach(async () => {
    kit = await startDialogTestKit({ tenant: 'wuppertal' });
    chat = kit.chat();
    upcoming = await new WorkshopRepository(kit.app.store).listUpcoming('wuppertal', new Date(), { limit: 8 });
    sprechstunde = upcoming.find((workshop) => workshop.title.startsWith('Ehrenamt-Sprechstunde'))!;
    expect(sprechstunde).toBeDefined();
    await agreeToPrivacy(kit, chat, 'de');
  });
  afterEach(async () => kit.close());

  const registrationOf = async (workshop: Workshop) =>
    new WorkshopRegistrationRepository(kit.app.store).find('wuppertal', workshop._id, profileIdFor(chat.account));

  /** Main menu → "Workshops" → the list, checked; returns the press that opens the Sprechstunde. */
  async function openList() {
    const list = await chat.turn(chat.press(de('workshops:menuEntry')));
    expect(textsOf(list)).toEqual([de('workshops:listIntro')]);
    const series = [...new Set(upcoming.flatMap((workshop) => (workshop.series ? [workshop.series.title] : [])))];
    expect(chat.buttons()).toEqual([
      ...upcoming.map(listTitle),
      ...series.map((title) => de('workshops:onlySeries', { series: title })),
      de('workshops:myWorkshops'),
      de('common:back'),
    ]);
    return chat.press(listTitle(sprechstunde));
  }

  it('goes from the list to the details, registers, and confirms the seat; the registration and its reminders are stored', async () => {
    await chat.adapter
      .send(await openList())
      .assertReply(
        reply(
          de('workshops:details', {
            title: sprechstunde.title,
            when: when(sprechstunde),
            where: where(sprechstunde),
            description: sprechstunde.description,
            targetGroup: sprechstunde.targetGroup,
            language: de('common:languages.de'),
            organiser: [sprechstunde.organiser.name, sprechstunde.organiser.email, sprechstunde.organiser.phone].filter(Boolean).join(', '),
          }),
        ),
      )
      .assertReply(
        reply(de('workshops:statusFree', { free: sprechstunde.capacity, capacity: sprechstunde.capacity }), [
          de('workshops:register'),
          de('workshops:addToCalendar'),
          de('common:back'),
        ]),
      );
    expect(await registrationOf(sprechstunde)).toBeNull();

    await chat.adapter
      .send(chat.press(de('workshops:register')))
      .assertReply(reply(de('workshops:registered', { title: sprechstunde.title, when: when(sprechstunde), where: where(sprechstunde) })))
      .assertReply(
        reply(de('workshops:statusRegistered'), [de('workshops:addToCalendar'), de('workshops:remindersOff'), de('workshops:cancelSeat'), de('common:back')]),
      )
      .assertNoReply('the seat is confirmed once', 50);

    expect(await registrationOf(sprechstunde)).toMatchObject({ workshopId: sprechstunde._id, status: 'registered', remindersOn: true });
    // One day and one hour before, and the follow-up afterwards.
    const jobs = await kit.app.scheduler.pending({ tenantId: 'wuppertal', keyPrefix: `workshop-${sprechstunde._id}:` });
    expect(jobs.map((job) => job.name).sort()).toEqual(['workshop-follow-up', 'workshop-reminder', 'workshop-reminder']);

    // "Back" returns to the list, which now still offers the same workshops.
    await chat.adapter.send(chat.press(de('common:back'))).assertReply(reply(de('workshops:listIntro')));
    expect(chat.buttons()).toContain(listTitle(sprechstunde));
  });

  it('books one seat for a double press, refuses an old button, and frees the seat on "Abmelden"', async () => {
    const openDetails = await openList();
    await chat.turn(openDetails);
    const register = chat.press(de('workshops:register'));
    const registered = await chat.turn(register);
    expect(textsOf(registered)[0]).toBe(de('workshops:registered', { title: sprechstunde.title, when: when(sprechstunde), where: where(sprechstunde) }));

    // The same press arriving twice (a double click) is answered once: nothing more is said or booked.
    await chat.adapter.send({ ...register, id: `${register.id}-again` }).assertNoReply('a double press is ignored', 100);
    // A button of the list answered two messages ago is stale: the bot says so and shows the menu.
    await chat.adapter
      .send({ ...openDetails, id: `${openDetails.id}-late` })
      .assertReply(reply(de('common:staleButton')))
      .assertReply(reply(de('menu:prompt')));
    const seats = await new WorkshopRegistrationRepository(kit.app.store).countByStatus('wuppertal', sprechstunde._id, 'registered');
    expect(seats).toBe(1);

    // Back to the workshop through the list; "Abmelden" gives the seat back.
    await chat.turn(await openList());
    expect(chat.buttons()).toContain(de('workshops:cancelSeat'));
    await chat.adapter
      .send(chat.press(de('workshops:cancelSeat')))
      .assertReply(reply(de('workshops:seatCancelled', { title: sprechstunde.title })))
      .assertReply(reply(de('workshops:statusFree', { free: sprechstunde.capacity, capacity: sprechstunde.capacity })));
    expect(await registrationOf(sprechstunde)).toMatchObject({ status: 'cancelled' });
  });
});
