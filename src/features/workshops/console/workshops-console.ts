import type { ConsoleContribution } from '../../../staff/console/console-contribution.js';
import type { ContentSection } from '../../../staff/content/content-section.js';
import type { WorkshopService } from '../domain/workshop-service.js';
import { workshopsSection } from './workshops-section.js';

/** The workshops in the console: the content section with registrations, and the dashboard's upcoming workshops. */
export function workshopsConsole(service: WorkshopService): ConsoleContribution {
  return {
    sections: ({ people, t }) => [workshopsSection(service, people, t) as ContentSection],
    dashboard: () => [
      {
        key: 'workshops',
        view: '/features/workshops/console/views/dashboard-panel',
        order: 20,
        async load(tenantId) {
          const upcoming = await service.listUpcoming(tenantId, { limit: 5 });
          return Promise.all(upcoming.map(async (workshop) => ({ id: workshop._id, title: workshop.title, when: workshop.startsAt, registrations: (await service.availability(workshop)).registered })));
        },
      },
    ],
  };
}
