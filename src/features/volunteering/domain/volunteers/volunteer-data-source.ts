import type { PersonalDataSource } from '../../../../foundation/privacy/personal-data.js';
import type { VolunteerProfileRepository } from './volunteer-profile-repository.js';

/** "Export my data" and "delete me" for the volunteer profile (also an unfinished one). */
export function volunteerProfileDataSource(repository: VolunteerProfileRepository): PersonalDataSource {
  return {
    section: 'volunteerProfile',
    async export(subject) {
      return subject.profileId ? repository.find(subject.tenantId, subject.profileId) : null;
    },
    async erase(subject) {
      if (subject.profileId) await repository.delete(subject.tenantId, subject.profileId);
    },
  };
}
