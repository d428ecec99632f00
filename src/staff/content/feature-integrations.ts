import type { Feature } from '../../features/feature-module.js';
import type { Clock } from '../../platform/clock.js';
import { ProfileRepository } from '../../foundation/profiles/profile-repository.js';
import type { WorkshopService } from '../../features/workshops/domain/workshop-service.js';
import type { OpportunityService } from '../../features/volunteering/domain/opportunities/opportunity-service.js';
import type { MarketplaceService } from '../../features/volunteering/domain/marketplace/marketplace-service.js';
import type { VolunteerProfileRepository } from '../../features/volunteering/domain/volunteers/volunteer-profile-repository.js';
import type { PathwayService } from '../../features/pathways/domain/pathway-service.js';
import type { HandoffService } from '../../features/handoffs/domain/handoff-service.js';
import type { Translator } from '../../platform/i18n/translator.js';
import type { DocumentStore } from '../../platform/store/document-store.js';
import type { Logger } from '../../platform/logging/logger.js';
import { StaffUserRepository } from '../accounts/staff-user-repository.js';
import { ALL_TENANTS } from '../accounts/staff-user.js';
import type { ContentSection } from './content-section.js';
import { deedsSection, recentDeedRegistrations } from '../../features/volunteering/console/deeds-section.js';
import { handoffAdmin } from '../../features/handoffs/console/handoff-admin.js';
import type { ConsoleIntegrations } from './integrations.js';
import { marketplaceAdmin } from '../../features/volunteering/console/marketplace-admin.js';
import { pathwaysSection } from '../../features/pathways/console/pathways-section.js';
import { personLookup } from './person-lookup.js';
import { workshopsSection } from '../../features/workshops/console/workshops-section.js';

export interface IntegrationDeps {
  store: DocumentStore;
  clock: Clock;
  translator: Translator;
  /** For replies that were saved but could not be sent. */
  logger?: Logger;
}

/** The parts of the features the console uses, looked up by feature name (absent feature: no page). */
interface WorkshopsPart {
  service: WorkshopService;
}
interface VolunteeringPart {
  opportunities: OpportunityService;
  marketplace: MarketplaceService;
  volunteers: VolunteerProfileRepository;
}
interface PathwaysPart {
  service: PathwayService;
}
interface HandoffsPart {
  service: HandoffService;
}

function part<T>(features: readonly Feature[], name: string, has: (feature: Record<string, unknown>) => boolean): T | undefined {
  const feature = features.find((candidate) => candidate.name === name) as unknown as Record<string, unknown> | undefined;
  return feature && has(feature) ? (feature as T) : undefined;
}

/** Finds the features of this deployment and adapts their services to the console's pages (the console's language: German). */
export function consoleIntegrations(features: readonly Feature[], deps: IntegrationDeps): ConsoleIntegrations {
  const t = deps.translator.forLocale('de');
  const workshops = part<WorkshopsPart>(features, 'workshops', (feature) => 'service' in feature);
  const volunteering = part<VolunteeringPart>(features, 'volunteering', (feature) => 'opportunities' in feature && 'marketplace' in feature);
  const pathways = part<PathwaysPart>(features, 'pathways', (feature) => 'service' in feature);
  const handoffs = part<HandoffsPart>(features, 'handoffs', (feature) => 'service' in feature);

  const people = personLookup(new ProfileRepository(deps.store), async (tenantId, profileId) => (await volunteering?.volunteers.find(tenantId, profileId))?.firstName);
  const staffUsers = new StaffUserRepository(deps.store);
  const staffName = async (tenantId: string, id: string) => ((await staffUsers.findById(tenantId, id)) ?? (await staffUsers.findById(ALL_TENANTS, id)))?.name;

  const sections: ContentSection[] = [];
  if (volunteering) sections.push(deedsSection(volunteering.opportunities, people, t) as ContentSection);
  if (pathways) sections.push(pathwaysSection(pathways.service, people, t) as ContentSection);
  if (workshops) sections.push(workshopsSection(workshops.service, deps.store, people, t) as ContentSection);

  return {
    sections,
    ...(volunteering ? { marketplace: marketplaceAdmin(volunteering.marketplace, t) } : {}),
    ...(handoffs ? { handoffs: handoffAdmin(handoffs.service, t, staffName) } : {}),
    dashboard: {
      ...(workshops
        ? {
            async upcomingWorkshops(tenantId: string) {
              const upcoming = await workshops.service.listUpcoming(tenantId, { limit: 5 });
              return Promise.all(
                upcoming.map(async (workshop) => ({ id: workshop._id, title: workshop.title, when: workshop.startsAt, registrations: (await workshops.service.availability(workshop)).registered })),
              );
            },
          }
        : {}),
      ...(volunteering ? { recentDeedRegistrations: (tenantId: string) => recentDeedRegistrations(volunteering.opportunities, tenantId) } : {}),
    },
  };
}
