import type { PersonalDataSource } from '../../../foundation/privacy/personal-data.js';
import type { MarketplaceService } from './marketplace/marketplace-service.js';
import type { OpportunityService } from './opportunities/opportunity-service.js';
import type { VolunteerProfileRepository } from './volunteers/volunteer-profile-repository.js';
import { volunteerProfileDataSource } from './volunteers/volunteer-data-source.js';

/** The volunteer profile, good-deed registrations and marketplace entries, for export and "delete me". */
export function volunteeringDataSources(volunteers: VolunteerProfileRepository, opportunities: OpportunityService, marketplace: MarketplaceService): PersonalDataSource[] {
  return [
    volunteerProfileDataSource(volunteers),
    {
      section: 'opportunityRegistrations',
      async export(subject) {
        if (!subject.profileId) return null;
        const entries = await opportunities.registrationsOf(subject.tenantId, subject.profileId);
        return entries.map(({ registration, opportunity }) => ({ ...registration, opportunityTitle: opportunity?.title }));
      },
      async erase(subject) {
        if (subject.profileId) await opportunities.eraseRegistrationsOf(subject.tenantId, subject.profileId);
      },
    },
    {
      section: 'marketplace',
      async export(subject) {
        if (!subject.profileId) return null;
        const { listings, brokeringRequests } = await marketplace.ofPerson(subject.tenantId, subject.profileId);
        return listings.length + brokeringRequests.length > 0 ? { listings, brokeringRequests } : null;
      },
      async erase(subject) {
        if (subject.profileId) await marketplace.eraseOf(subject.tenantId, subject.profileId);
      },
    },
  ];
}
