import type { ConsoleContribution } from '../../../staff/console/console-contribution.js';
import type { ContentSection } from '../../../staff/content/content-section.js';
import type { MarketplaceService } from '../domain/marketplace/marketplace-service.js';
import type { OpportunityService } from '../domain/opportunities/opportunity-service.js';
import type { VolunteerProfileRepository } from '../domain/volunteers/volunteer-profile-repository.js';
import { deedsSection, recentDeedRegistrations } from './deeds-section.js';
import { marketplaceAdmin } from './marketplace-admin.js';

/** Good deeds (section, recent registrations on the dashboard) and the marketplace review queue. */
export function volunteeringConsole(opportunities: OpportunityService, marketplace: MarketplaceService, volunteers: VolunteerProfileRepository): ConsoleContribution {
  return {
    sections: ({ people, t }) => [deedsSection(opportunities, people, t) as ContentSection],
    marketplace: ({ t }) => marketplaceAdmin(marketplace, t),
    dashboard: { recentDeedRegistrations: (tenantId) => recentDeedRegistrations(opportunities, tenantId) },
    // Given for good deeds: the console shows it on good-deed lists only (see PersonLookup).
    firstNameOf: async (tenantId, profileId) => (await volunteers.find(tenantId, profileId))?.firstName,
  };
}
