import type { ConsoleContribution } from '../../../staff/console/console-contribution.js';
import type { ContentSection } from '../../../staff/content/content-section.js';
import { can } from '../../../staff/accounts/staff-user.js';
import type { StaffNoticeKind } from '../../../staff/notices/staff-notices.js';
import type { MarketplaceService } from '../domain/marketplace/marketplace-service.js';
import type { OpportunityService } from '../domain/opportunities/opportunity-service.js';
import type { VolunteerProfileRepository } from '../domain/volunteers/volunteer-profile-repository.js';
import { deedsSection, recentDeedRegistrations } from './deeds-section.js';
import { marketplaceAdmin } from './marketplace-admin.js';
import { addMarketplaceApi, addMarketplacePages } from './marketplace-pages.js';
import { addListingTranslationApi, addListingTranslationPages } from './listing-translation-pages.js';

const DEED_NOTICES: readonly StaffNoticeKind[] = ['registration', 'withdrawal', 'contactAdded'];
const MARKETPLACE_NOTICES: readonly StaffNoticeKind[] = ['brokeringRequest', 'listingSubmitted'];

/** Good deeds (section, recent registrations on the dashboard) and the marketplace review queue. */
export function volunteeringConsole(opportunities: OpportunityService, marketplace: MarketplaceService, volunteers: VolunteerProfileRepository): ConsoleContribution {
  return {
    sections: ({ people, t }) => [deedsSection(opportunities, people, t) as ContentSection],
    dashboard: () => [{ key: 'deedRegistrations', view: '/features/volunteering/console/views/deeds-panel', order: 30, load: (tenantId) => recentDeedRegistrations(opportunities, tenantId) }],
    nav: [{ href: '/console/marketplace', label: 'marketplaceConsole:nav', permission: 'marketplace' }],
    pages(router, kit) {
      const admin = marketplaceAdmin(marketplace, kit.t);
      addMarketplacePages(router, kit, admin);
      addListingTranslationPages(router, kit, admin);
    },
    api(router, kit) {
      const admin = marketplaceAdmin(marketplace, kit.t);
      addMarketplaceApi(router, kit, admin);
      addListingTranslationApi(router, kit, admin);
    },
    noticeLink(notice, role) {
      if (DEED_NOTICES.includes(notice.kind) && notice.opportunityId) return can(role, 'content') ? `/console/deeds/${encodeURIComponent(notice.opportunityId)}/registrations` : undefined;
      if (MARKETPLACE_NOTICES.includes(notice.kind)) return can(role, 'marketplace') ? '/console/marketplace' : undefined;
      return undefined;
    },
    // Given for good deeds: the console shows it on good-deed lists only (see PersonLookup).
    firstNameOf: async (tenantId, profileId) => (await volunteers.find(tenantId, profileId))?.firstName,
  };
}
