import type { Feature, FeatureServices } from '../feature-module.js';
import { WorkshopRegistrationRepository, WorkshopRepository } from './domain/workshop-repository.js';
import { WorkshopService } from './domain/workshop-service.js';
import { workshopRegistrationsDataSource } from './domain/workshop-data-source.js';
import { workshopCalendar } from './domain/workshop-calendar.js';
import type { Workshop } from './domain/workshop.js';
import type { Locale } from '../../platform/config/config-types.js';
import { registerWorkshopJourneys, workshopsDialogs } from './dialogs/workshops-dialog.js';
import { loadWorkshopDemoContent } from './demo/workshops-demo.js';
import { workshopMessageJobs } from './jobs/message-jobs.js';
import { calendarRoutes } from './http/calendar-routes.js';
import { workshopsConsole } from './console/workshops-console.js';
import { workshopAudience } from './domain/workshop-audience.js';

/** The workshops' texts (namespace `workshops`). */
export { WORKSHOPS_TEXTS } from './texts.js';
import { WORKSHOPS_TEXTS } from './texts.js';

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
      locale,
      calendarName: tenants.get(workshop.tenantId)?.name ?? workshop.tenantId,
      uidDomain: config.publicUrl ? new URL(config.publicUrl).hostname : `${workshop.tenantId}.kosi-bot`,
      url: calendarUrl(workshop.tenantId, workshop) ?? undefined,
      now: clock(),
    });

  return {
    name: 'workshops',
    texts: WORKSHOPS_TEXTS,
    service,
    calendarUrl,
    calendarPath,
    dialogs: () => workshopsDialogs({ service, calendarUrl, calendarFile }),
    registerJourneys: (journeys) => registerWorkshopJourneys(journeys),
    jobs: workshopMessageJobs({ service, messenger, clock, logger }),
    dataSources: [workshopRegistrationsDataSource(service)],
    routers: [calendarRoutes(tenants, service, (workshop) => calendarFile(workshop))],
    console: workshopsConsole(service),
    audienceSources: [workshopAudience(service)],
    async loadDemoContent(tenantId, sets, now) {
      const added = await loadWorkshopDemoContent(service, tenantId, sets, now);
      // The deep links of the demo workshops, e.g. to print a poster QR code for a demonstration.
      if (added.length > 0) logger.info({ tenantId, workshops: added.map((workshop) => ({ title: workshop.title, startsAt: workshop.startsAt, deepLink: `workshop-${workshop._id}` })) }, 'demo workshops loaded');
    },
  };
}
