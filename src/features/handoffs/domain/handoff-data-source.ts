import type { PersonalDataSource } from '../../../foundation/privacy/personal-data.js';
import type { HandoffRepository } from './handoff-repository.js';

/** Requests to talk to a person, with their threads and what was shared. */
export function handoffDataSource(repository: HandoffRepository): PersonalDataSource {
  return {
    section: 'handoffRequests',
    async export(subject) {
      if (!subject.profileId) return null;
      const requests = await repository.listForProfile(subject.tenantId, subject.profileId);
      if (requests.length === 0) return null;
      return requests.map(({ _id, tenantId: _tenant, profileId: _profile, ...rest }) => ({ id: _id, ...rest }));
    },
    async erase(subject) {
      if (subject.profileId) await repository.deleteForProfile(subject.tenantId, subject.profileId);
    },
  };
}
