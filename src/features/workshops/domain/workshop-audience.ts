import type { AudienceSource } from '../../feature-module.js';
import type { WorkshopService } from './workshop-service.js';

/** Broadcasts to the people registered (or waiting) for one workshop, and the workshops the composer offers. */
export function workshopAudience(service: WorkshopService): AudienceSource {
  return {
    async narrow(tenantId, filter) {
      if (!filter.registeredFor) return null;
      return new Set((await service.activeRegistrations(tenantId, filter.registeredFor)).map((registration) => registration.profileId));
    },
    async eventChoices(tenantId) {
      return (await service.listUpcoming(tenantId, { limit: 50 })).map((workshop) => ({ id: workshop._id, title: workshop.title, startsAt: workshop.startsAt }));
    },
  };
}
