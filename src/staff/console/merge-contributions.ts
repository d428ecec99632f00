import type { ProfileRepository } from '../../foundation/profiles/profile-repository.js';
import type { Router } from 'express';
import type { ConsoleContribution, ConsoleKit, ConsoleNavEntry, ConsolePageKit, StaffNameLookup } from './console-contribution.js';
import type { Translate } from '../../platform/i18n/translator.js';
import type { ConsoleIntegrations, DashboardParts } from '../content/integrations.js';
import { personLookup } from '../content/person-lookup.js';

/**
 * The console's view of the mounted features: their sections in list order, the one marketplace
 * queue and handoff inbox, the dashboard panels and the navigation entries they add.
 */
export interface MergedContributions {
  integrations: ConsoleIntegrations;
  nav: ConsoleNavEntry[];
  pages: Array<(router: Router, kit: ConsolePageKit) => void>;
}

export function mergeContributions(contributions: readonly ConsoleContribution[], deps: { t: Translate; profiles: ProfileRepository; staffName: StaffNameLookup }): MergedContributions {
  const namers = contributions.flatMap((contribution) => (contribution.firstNameOf ? [contribution.firstNameOf] : []));
  const people = personLookup(deps.profiles, async (tenantId, profileId) => {
    for (const firstNameOf of namers) {
      const name = await firstNameOf(tenantId, profileId);
      if (name) return name;
    }
    return undefined;
  });
  const kit: ConsoleKit = { t: deps.t, people, staffName: deps.staffName };
  const only = <T>(found: T[], what: string): T | undefined => {
    if (found.length > 1) throw new Error(`two features contribute the console's ${what}`);
    return found[0];
  };
  const dashboard: DashboardParts = Object.assign({}, ...contributions.map((contribution) => contribution.dashboard ?? {}));
  const nav: ConsoleNavEntry[] = contributions.flatMap((contribution) => contribution.nav ?? []);
  const marketplace = only(contributions.flatMap((contribution) => (contribution.marketplace ? [contribution.marketplace(kit)] : [])), 'marketplace');
  const handoffs = only(contributions.flatMap((contribution) => (contribution.handoffs ? [contribution.handoffs(kit)] : [])), 'handoff inbox');
  return {
    integrations: {
      sections: contributions.flatMap((contribution) => contribution.sections?.(kit) ?? []),
      ...(marketplace ? { marketplace } : {}),
      ...(handoffs ? { handoffs } : {}),
      dashboard,
    },
    nav,
    pages: contributions.flatMap((contribution) => (contribution.pages ? [contribution.pages] : [])),
  };
}
