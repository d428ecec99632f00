import type { ProfileRepository } from '../../foundation/profiles/profile-repository.js';
import type { Router } from 'express';
import type { ConsoleContribution, ConsoleKit, ConsoleNavEntry, ConsolePageKit, StaffNameLookup } from './console-contribution.js';
import type { Translate } from '../../platform/i18n/translator.js';
import type { ConsoleIntegrations } from '../content/integrations.js';
import { personLookup } from '../content/person-lookup.js';

type RouteAdder = (router: Router, kit: ConsolePageKit) => void;

/**
 * The console's view of the mounted features: their sections in list order, the dashboard panels
 * in their order, the navigation entries, pages, admin API routes and notice links they add.
 */
export interface MergedContributions {
  kit: ConsoleKit;
  integrations: ConsoleIntegrations;
  nav: ConsoleNavEntry[];
  pages: RouteAdder[];
  apis: RouteAdder[];
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
  const panels = contributions.flatMap((contribution) => contribution.dashboard?.(kit) ?? []).sort((a, b) => a.order - b.order);
  // The dashboard's own data goes under these keys.
  const keys = new Set<string>(['people', 'failedJobs']);
  for (const panel of panels) {
    if (keys.has(panel.key)) throw new Error(`the dashboard panel key "${panel.key}" is taken (by another feature or the dashboard itself)`);
    keys.add(panel.key);
  }
  return {
    kit,
    integrations: {
      sections: contributions.flatMap((contribution) => contribution.sections?.(kit) ?? []),
      panels,
      noticeLinks: contributions.flatMap((contribution) => (contribution.noticeLink ? [contribution.noticeLink] : [])),
    },
    nav: contributions.flatMap((contribution) => contribution.nav ?? []),
    pages: contributions.flatMap((contribution) => (contribution.pages ? [contribution.pages] : [])),
    apis: contributions.flatMap((contribution) => (contribution.api ? [contribution.api] : [])),
  };
}
