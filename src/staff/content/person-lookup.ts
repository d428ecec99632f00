import type { ProfileRepository } from '../../domain/profiles/profile-repository.js';

export interface PersonSummary {
  id: string;
  name: string;
  channel: string;
  language: string;
}

/** What a registration list shows about a person: the first name they gave (if any), channel and language. */
export interface PersonLookup {
  describe(tenantId: string, profileId: string): Promise<PersonSummary>;
}

export function personLookup(profiles: ProfileRepository, firstNameOf: (tenantId: string, profileId: string) => Promise<string | undefined>): PersonLookup {
  return {
    async describe(tenantId, profileId) {
      const profile = await profiles.findById(tenantId, profileId);
      const name = (await firstNameOf(tenantId, profileId)) ?? '–';
      return {
        id: profileId,
        name,
        channel: profile ? [...new Set(profile.accounts.map((account) => account.channel))].join(', ') : '–',
        language: profile?.locale ?? '–',
      };
    },
  };
}
