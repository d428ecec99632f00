import { Router } from 'express';
import type { Feature, FeatureServices } from '../feature-module.js';
import { HttpError } from '../../platform/http/http-error.js';
import { WorkshopRegistrationRepository, WorkshopRepository, isWorkshopId } from './domain/workshop-repository.js';
import { WorkshopService } from './domain/workshop-service.js';
import { workshopRegistrationsDataSource } from './domain/workshop-data-source.js';
import { calendarFileName, workshopCalendar } from './domain/workshop-calendar.js';
import type { Workshop } from './domain/workshop.js';
import type { Locale } from '../../platform/config/config-types.js';
import {
  reminderTime,
  WORKSHOP_FOLLOW_UP_JOB,
  WORKSHOP_NOTICE_JOB,
  WORKSHOP_REMINDER_JOB,
  type NoticeJobData,
  type ReminderJobData,
  type WorkshopJobData,
} from './domain/workshop-jobs.js';
import type { ComposeMessages } from '../../bot/proactive-messenger.js';
import { registerWorkshopJourneys, workshopsDialogs } from './dialogs/workshops-dialog.js';
import { cancelledMessages, followUpMessages, movedMessages, movedUpMessages, reminderMessages } from './dialogs/workshop-messages.js';
import { loadWorkshopDemoContent } from './demo/workshops-demo.js';

export interface WorkshopsFeature extends Feature {
  /** For the staff console: create, update (moved → people told), cancelWorkshop, participants. */
  readonly service: WorkshopService;
  /** Public address of a workshop's calendar file (null without PUBLIC_URL). */
  calendarUrl(tenantId: string, workshop: Pick<Workshop, '_id'>): string | null;
  /** Path of the calendar file on this service: `/calendar/<tenant>/workshop-<id>.ics`. */
  calendarPath(tenantId: string, workshop: Pick<Workshop, '_id'>): string;
}

/**
 * Journey 6: workshops with seats and a waiting list, a calendar file, reminders one day and one
 * hour before, a follow-up after the event, and notices when staff move or cancel a workshop.
 */
export function createWorkshopsFeature(services: FeatureServices): WorkshopsFeature {
  const { store, scheduler, messenger, clock, logger, tenants, config, translator } = services;
  const service = new WorkshopService(new WorkshopRepository(store), new WorkshopRegistrationRepository(store), scheduler, clock);

  const calendarPath = (tenantId: string, workshop: Pick<Workshop, '_id'>) => `/calendar/${encodeURIComponent(tenantId)}/workshop-${workshop._id}.ics`;
  const calendarUrl = (tenantId: string, workshop: Pick<Workshop, '_id'>) => (config.publicUrl ? `${config.publicUrl}${calendarPath(tenantId, workshop)}` : null);
  /** The .ics text in the person's language (the public URL: the city's default language). */
  const calendarFile = (workshop: Workshop, locale: Locale = tenants.get(workshop.tenantId)?.defaultLocale ?? config.defaultLocale): string =>
    workshopCalendar(workshop, {
      t: translator.forLocale(locale),
      calendarName: tenants.get(workshop.tenantId)?.name ?? workshop.tenantId,
      uidDomain: config.publicUrl ? new URL(config.publicUrl).hostname : `${workshop.tenantId}.kosi-bot`,
      url: calendarUrl(workshop.tenantId, workshop) ?? undefined,
      now: clock(),
    });

  /**
   * Sends one message of a registration at most once (agenda runs a job at least once): the mark is
   * claimed first and given back when sending fails, so that the retry sends it. The messenger
   * throws only when nothing was delivered (delivered to one of several chats counts as `sent`),
   * so a retry never repeats a message someone got. A person who is gone, blocked the bot or
   * withdrew consent is `unreachable`: the job ends without error. If the service dies between
   * the claim and the send, the mark stays and the message is lost rather than sent twice.
   */
  async function sendOnce(data: WorkshopJobData, mark: string, compose: ComposeMessages): Promise<void> {
    const registration = await service.registrations.find(data.tenantId, data.workshopId, data.profileId);
    if (!registration) return;
    if (!(await service.registrations.claimMessage(registration, mark))) return;
    try {
      const result = await messenger.sendToProfile(data.tenantId, data.profileId, compose);
      if (result === 'unreachable') logger.info({ tenantId: data.tenantId, job: mark.split('@')[0] }, 'workshop message dropped: person unreachable');
    } catch (error) {
      await service.registrations.releaseMessage(registration, mark);
      throw error;
    }
  }

  scheduler.define<ReminderJobData>(WORKSHOP_REMINDER_JOB, async (data) => {
    const workshop = await service.get(data.tenantId, data.workshopId);
    const registration = await service.registrationOf(data.tenantId, data.workshopId, data.profileId);
    if (!workshop || !service.isOpen(workshop) || registration?.status !== 'registered' || !registration.remindersOn) return;
    // Planned for another time (the workshop moved): the re-planned job reminds instead.
    const plannedFor = reminderTime(workshop.startsAt, data.kind).getTime();
    if (clock().getTime() < plannedFor - 60_000) return;
    await sendOnce(data, `${data.kind}@${workshop.startsAt.toISOString()}`, (t, locale) => reminderMessages(t, locale, workshop, data.kind));
  });

  scheduler.define<WorkshopJobData>(WORKSHOP_FOLLOW_UP_JOB, async (data) => {
    const workshop = await service.get(data.tenantId, data.workshopId);
    const registration = await service.registrationOf(data.tenantId, data.workshopId, data.profileId);
    if (!workshop || workshop.status !== 'scheduled' || registration?.status !== 'registered' || clock() < workshop.endsAt) return;
    const next = await service.nextPart(workshop);
    await sendOnce(data, `follow-up@${workshop.startsAt.toISOString()}`, (t) => followUpMessages(t, workshop, next));
  });

  scheduler.define<NoticeJobData>(WORKSHOP_NOTICE_JOB, async (data) => {
    const workshop = await service.get(data.tenantId, data.workshopId);
    const registration = await service.registrationOf(data.tenantId, data.workshopId, data.profileId);
    if (!workshop || !registration) return;
    // A registration that staff ended by cancelling the workshop still gets the cancellation notice.
    if (registration.status === 'cancelled' && !(data.notice === 'cancelled' && registration.cancelReason === 'workshop-cancelled')) return;
    const mark = `${data.notice}#${data.noticeId}`;
    switch (data.notice) {
      case 'moved-up':
        if (registration.status !== 'registered' || !service.isOpen(workshop)) return;
        return sendOnce(data, mark, (t, locale) => movedUpMessages(t, locale, workshop));
      case 'moved':
        if (!service.isOpen(workshop)) return;
        return sendOnce(data, mark, (t, locale) => movedMessages(t, locale, workshop));
      case 'cancelled':
        if (workshop.status !== 'cancelled') return;
        return sendOnce(data, mark, (t, locale) => cancelledMessages(t, locale, workshop));
    }
  });

  const router = Router();
  router.get('/calendar/:tenantId/:file', async (request, response) => {
    const tenantId = String(request.params.tenantId);
    const match = /^workshop-(.+)\.ics$/.exec(String(request.params.file));
    const workshop = tenants.has(tenantId) && match && isWorkshopId(match[1]!) ? await service.get(tenantId, match[1]!) : null;
    if (!workshop) throw new HttpError(404, 'NotFound', 'No workshop with this id');
    response
      .status(200)
      .type('text/calendar; charset=utf-8')
      .set('content-disposition', `attachment; filename="${calendarFileName(workshop)}"`)
      .set('cache-control', 'public, max-age=300')
      .send(calendarFile(workshop));
  });

  return {
    name: 'workshops',
    service,
    calendarUrl,
    calendarPath,
    dialogs: () => workshopsDialogs({ service, calendarUrl, calendarFile }),
    registerJourneys: (journeys) => registerWorkshopJourneys(journeys),
    dataSources: [workshopRegistrationsDataSource(service)],
    routers: [router],
    async loadDemoContent(tenantId, sets, now) {
      const added = await loadWorkshopDemoContent(service, tenantId, sets, now);
      // The deep links of the demo workshops, e.g. to print a poster QR code for a demonstration.
      if (added.length > 0) logger.info({ tenantId, workshops: added.map((workshop) => ({ title: workshop.title, startsAt: workshop.startsAt, deepLink: `workshop-${workshop._id}` })) }, 'demo workshops loaded');
    },
  };
}
