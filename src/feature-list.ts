import type { FeatureServices } from './features/feature-module.js';
import { createWorkshopsFeature } from './features/workshops/index.js';
import { createPathwaysFeature } from './features/pathways/index.js';
import { createHandoffsFeature } from './features/handoffs/index.js';
import { createVolunteeringFeature } from './features/volunteering/index.js';
import { createBroadcastsFeature, type BroadcastChannels } from './features/broadcasts/index.js';

/**
 * Every journey beyond the foundation, one line each, in the order of their console sections and
 * personal-data sections (the menu sorts its entries by their own order). A feature that builds
 * on another gets that one's public part here, typed.
 */
export function mountFeatures(services: FeatureServices, channels: BroadcastChannels) {
  const volunteering = createVolunteeringFeature(services);
  const pathways = createPathwaysFeature(services);
  const handoffs = createHandoffsFeature(services, pathways);
  const workshops = createWorkshopsFeature(services);
  const broadcasts = createBroadcastsFeature(services, channels);
  return { volunteering, pathways, handoffs, workshops, broadcasts };
}

/** The mounted features by their role, typed (tests and the app's own operations reach them here). */
export type MountedFeatureSet = ReturnType<typeof mountFeatures>;
