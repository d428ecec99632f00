import type { TenantConfig } from '../../platform/config/config-types.js';
import type { MarketplaceService } from './domain/marketplace/marketplace-service.js';
import type { OpportunityService } from './domain/opportunities/opportunity-service.js';
import type { StaffNoticeService } from '../../staff/notices/staff-notices.js';
import type { VolunteerProfileRepository } from './domain/volunteers/volunteer-profile-repository.js';

/** What the volunteering dialogs (and the staff console) use. */
export interface VolunteeringServices {
  volunteers: VolunteerProfileRepository;
  opportunities: OpportunityService;
  marketplace: MarketplaceService;
  notices: StaffNoticeService;
  tenants: ReadonlyMap<string, TenantConfig>;
  clock: () => Date;
}
