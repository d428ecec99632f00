import type { JobData, JobScheduler } from '../../../platform/scheduler/job-scheduler.js';
import { DateTime } from 'luxon';
import { WORKSHOP_TIME_ZONE, type Workshop, type WorkshopRegistration } from './workshop.js';

/** The scheduler jobs of workshops. Every job names the tenant, the person and the workshop. */
export const WORKSHOP_REMINDER_JOB = 'workshop-reminder';
export const WORKSHOP_FOLLOW_UP_JOB = 'workshop-follow-up';
export const WORKSHOP_NOTICE_JOB = 'workshop-notice';

export type ReminderKind = '1d' | '1h';

const HOUR_MS = 3_600_000;
export const REMINDER_KINDS: readonly ReminderKind[] = ['1d', '1h'];

/**
 * When a reminder goes out: "one day before" is the same wall-clock time on the day before in
 * Europe/Berlin (23 or 25 hours before across a change to or from summer time), "one hour before"
 * is one hour before.
 */
export function reminderTime(startsAt: Date, kind: ReminderKind): Date {
  const start = DateTime.fromJSDate(startsAt, { zone: WORKSHOP_TIME_ZONE });
  return (kind === '1d' ? start.minus({ days: 1 }) : start.minus({ hours: 1 })).toJSDate();
}
/** The follow-up (thanks, material, next part) goes out this long after the end. */
export const FOLLOW_UP_DELAY_MS = HOUR_MS;

export interface WorkshopJobData extends JobData {
  profileId: string;
  workshopId: string;
}

export interface ReminderJobData extends WorkshopJobData {
  kind: ReminderKind;
}

/** What happened that a person must be told about. */
export type WorkshopNoticeKind = 'moved-up' | 'moved' | 'cancelled';

export interface NoticeJobData extends WorkshopJobData {
  notice: WorkshopNoticeKind;
  /** Identity of this notice: it is sent at most once. */
  noticeId: string;
}

/** All jobs of one workshop share this key prefix; those of one person at it, the longer one. */
export function workshopJobPrefix(workshopId: string, profileId?: string): string {
  return profileId ? `workshop-${workshopId}:${profileId}:` : `workshop-${workshopId}:`;
}

/** Plans (or re-plans) the reminders and the follow-up of one seat; past times are skipped. */
export async function planRegistrationJobs(scheduler: JobScheduler, workshop: Workshop, registration: WorkshopRegistration, now: Date): Promise<void> {
  const prefix = workshopJobPrefix(workshop._id, registration.profileId);
  const base = { tenantId: workshop.tenantId, profileId: registration.profileId, workshopId: workshop._id };
  await cancelRegistrationJobs(scheduler, workshop.tenantId, workshop._id, registration.profileId, { keepNotices: true });
  if (registration.status !== 'registered' || workshop.status !== 'scheduled') return;
  if (registration.remindersOn) {
    for (const kind of REMINDER_KINDS) {
      const runAt = reminderTime(workshop.startsAt, kind);
      if (runAt > now) await scheduler.schedule<ReminderJobData>(WORKSHOP_REMINDER_JOB, runAt, { ...base, kind }, { key: `${prefix}${kind}` });
    }
  }
  const followUpAt = new Date(workshop.endsAt.getTime() + FOLLOW_UP_DELAY_MS);
  if (followUpAt > now) await scheduler.schedule<WorkshopJobData>(WORKSHOP_FOLLOW_UP_JOB, followUpAt, base, { key: `${prefix}follow-up` });
}

/** Removes the planned reminders and follow-up of a person at a workshop (notices too, unless kept). */
export async function cancelRegistrationJobs(
  scheduler: JobScheduler,
  tenantId: string,
  workshopId: string,
  profileId: string,
  options: { keepNotices?: boolean } = {},
): Promise<void> {
  const keyPrefix = workshopJobPrefix(workshopId, profileId);
  const names = [WORKSHOP_REMINDER_JOB, WORKSHOP_FOLLOW_UP_JOB, ...(options.keepNotices ? [] : [WORKSHOP_NOTICE_JOB])];
  // By person (indexed): a registration reads that person's jobs, not every job of the city.
  for (const name of names) await scheduler.cancel({ tenantId, name, profileId, keyPrefix });
}

export async function scheduleNotice(scheduler: JobScheduler, workshop: Workshop, profileId: string, notice: WorkshopNoticeKind, noticeId: string, now: Date): Promise<void> {
  const data: NoticeJobData = { tenantId: workshop.tenantId, profileId, workshopId: workshop._id, notice, noticeId };
  await scheduler.schedule<NoticeJobData>(WORKSHOP_NOTICE_JOB, now, data, { key: `${workshopJobPrefix(workshop._id, profileId)}notice-${noticeId}` });
}
