import type { DataSubject, PersonalDataSource } from './personal-data.js';
import type { Profile } from '../profiles/profile.js';
import type { ProfileRepository } from '../profiles/profile-repository.js';

export function profileDataSource(repository: ProfileRepository): PersonalDataSource {
  const load = async (subject: DataSubject): Promise<Profile | null> =>
    subject.profileId ? repository.findById(subject.tenantId, subject.profileId) : null;
  return {
    section: 'profile',
    async export(subject) {
      const profile = await load(subject);
      if (!profile) return null;
      return {
        ...profile,
        accounts: profile.accounts.map(({ conversationReference, ...account }) => ({
          ...account,
          conversationReference: conversationReference ? JSON.parse(conversationReference) : undefined,
        })),
      };
    },
    async erase(subject) {
      if (subject.profileId) await repository.delete(subject.tenantId, subject.profileId);
    },
  };
}
