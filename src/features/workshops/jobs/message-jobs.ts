import type { ComposeMessages, ProactiveMessenger } from '../../../bot/proactive-messenger.js';
import type { Clock } from '../../../platform/clock.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { JobDefinition } from '../../feature-module.js';
import type { WorkshopService } from '../domain/workshop-service.js';
import {
  reminderTime,
  WORKSHOP_FOLLOW_UP_JOB,
  WORKSHOP_NOTICE_JOB,
  WORKSHOP_REMINDER_JOB,
  type NoticeJobData,
  type ReminderJobData,
  type WorkshopJobData,
} from '../domain/workshop-jobs.js';
import { cancelledMessages, followUpMessages, movedMessages, movedUpMessages, reminderMessages } from '../dialogs/workshop-messages.js';

export interface MessageJobDeps {
  service: WorkshopService;
  messenger: ProactiveMessenger;
  clock: Clock;
  logger: Logger;
}

/** The reminders one day and one hour before, the follow-up after the event, and the notices when staff move or cancel. */
export function workshopMessageJobs({ service, messenger, clock, logger }: MessageJobDeps): JobDefinition[] {
  /**
   * Sends one message of a registration at most once (agenda runs a job at least once): the mark is
   * claimed first and given back when sending fails, so that the retry sends it. The messenger
   * throws only when nothing was delivered (delivered to one of several chats counts as `sent`),
   * so a retry never repeats a message someone got. A person who is gone, blocked the bot or
   * withdrew consent is `unreachable`: the job ends without error. If the service dies between
   * the claim and the send, the mark stays and the message is lost rather than sent twice.
   */
  async function sendOnce(data: WorkshopJobData, mark: string, compose: ComposeMessages): Promise<void> {
    const registration = await service.registrationOf(data.tenantId, data.workshopId, data.profileId);
    if (!registration) return;
    if (!(await service.claimMessage(registration, mark))) return;
    try {
      const result = await messenger.sendToProfile(data.tenantId, data.profileId, compose);
      if (result === 'unreachable') logger.info({ tenantId: data.tenantId, job: mark.split('@')[0] }, 'workshop message dropped: person unreachable');
    } catch (error) {
      await service.releaseMessage(registration, mark);
      throw error;
    }
  }

  const reminder: JobDefinition<ReminderJobData> = {
    name: WORKSHOP_REMINDER_JOB,
    async run(data) {
      const workshop = await service.get(data.tenantId, data.workshopId);
      const registration = await service.registrationOf(data.tenantId, data.workshopId, data.profileId);
      if (!workshop || !service.isOpen(workshop) || registration?.status !== 'registered' || !registration.remindersOn) return;
      // Planned for another time (the workshop moved): the re-planned job reminds instead.
      const plannedFor = reminderTime(workshop.startsAt, data.kind).getTime();
      if (clock().getTime() < plannedFor - 60_000) return;
      await sendOnce(data, `${data.kind}@${workshop.startsAt.toISOString()}`, (t, locale) => reminderMessages(t, locale, workshop, data.kind));
    },
  };

  const followUp: JobDefinition<WorkshopJobData> = {
    name: WORKSHOP_FOLLOW_UP_JOB,
    async run(data) {
      const workshop = await service.get(data.tenantId, data.workshopId);
      const registration = await service.registrationOf(data.tenantId, data.workshopId, data.profileId);
      if (!workshop || workshop.status !== 'scheduled' || registration?.status !== 'registered' || clock() < workshop.endsAt) return;
      const next = await service.nextPart(workshop);
      await sendOnce(data, `follow-up@${workshop.startsAt.toISOString()}`, (t, locale) => followUpMessages(t, locale, workshop, next));
    },
  };

  const notice: JobDefinition<NoticeJobData> = {
    name: WORKSHOP_NOTICE_JOB,
    async run(data) {
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
    },
  };

  return [reminder, followUp, notice] as JobDefinition[];
}
