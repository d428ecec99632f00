import type { Feature, FeatureServices } from './feature-module.js';
import { createPathwayAndHandoffFeatures } from './pathways/index.js';
import { createWorkshopsFeature } from './workshops/index.js';
import { createVolunteeringFeature } from './volunteering/index.js';
import { createBroadcastsFeature, type BroadcastChannels } from './broadcasts/index.js';

/**
 * Every journey beyond the foundation, in menu order of their entries. Each feature defines its
 * scheduler jobs while it is created, so this runs before the scheduler starts.
 */
export function createFeatures(services: FeatureServices, channels: BroadcastChannels): Feature[] {
  return [createWorkshopsFeature(services), ...createPathwayAndHandoffFeatures(services), createVolunteeringFeature(services), createBroadcastsFeature(services, channels)];
}
