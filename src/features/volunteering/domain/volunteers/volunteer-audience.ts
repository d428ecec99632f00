import type { AudienceSource } from '../../../feature-module.js';
import type { VolunteerProfileRepository } from './volunteer-profile-repository.js';
import { INTERESTS, type Interest } from './volunteer-profile.js';

/** Broadcasts to volunteers with one of some interests or living in one of some districts. */
export function volunteerAudience(volunteers: VolunteerProfileRepository): AudienceSource {
  return {
    async narrow(tenantId, filter) {
      if (filter.interests.length === 0 && filter.districts.length === 0) return null;
      const interests = filter.interests.filter((interest): interest is Interest => (INTERESTS as readonly string[]).includes(interest));
      const found = await volunteers.listComplete(tenantId, { interests, districts: [...filter.districts] });
      return new Set(found.map((volunteer) => volunteer.profileId));
    },
  };
}
