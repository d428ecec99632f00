import type { Feature, FeatureServices } from './feature.js';
import { createPathwayAndHandoffFeatures } from './pathways-feature.js';
import { createWorkshopsFeature } from './workshops-feature.js';
import { createVolunteeringFeature } from './volunteering/volunteering-feature.js';
import { createBroadcastsFeature, type BroadcastChannels } from './broadcasts-feature.js';

/**
 * Every journey beyond the foundation, in menu order of their entries. Each feature defines its
 * scheduler jobs while it is created, so this runs before the scheduler starts.
 */
export function createFeatures(services: FeatureServices, channels: BroadcastChannels): Feature[] {
  return [createWorkshopsFeature(services), ...createPathwayAndHandoffFeatures(services), createVolunteeringFeature(services), createBroadcastsFeature(services, channels)];
}
