import type { ProfileRepository } from '../../foundation/profiles/profile-repository.js';

export interface PersonSummary {
  /** The profile id: pseudonymous, the same on every list of the city. */
  id: string;
  /** The first name the person gave for volunteering; '–' when none, and on lists of other purposes. */
  name: string;
  channel: string;
  language: string;
}

/**
 * What a registration list shows about a person. Purpose limitation: the first name from the
 * volunteer profile was given for good deeds, so only good-deed lists show it; workshop and pathway
 * lists show the channel, the language and the pseudonymous id.
 */
export interface PersonLookup {
  /** For good-deed registrations: with the first name from the volunteer profile. */
  describe(tenantId: string, profileId: string): Promise<PersonSummary>;
  /** For every other purpose: channel, language and pseudonymous id only. */
  describeWithoutName(tenantId: string, profileId: string): Promise<Omit<PersonSummary, 'name'>>;
}

export function personLookup(profiles: ProfileRepository, firstNameOf: (tenantId: string, profileId: string) => Promise<string | undefined>): PersonLookup {
  const withoutName = async (tenantId: string, profileId: string): Promise<Omit<PersonSummary, 'name'>> => {
    const profile = await profiles.findById(tenantId, profileId);
    return {
      id: profileId,
      channel: profile ? [...new Set(profile.accounts.map((account) => account.channel))].join(', ') : '–',
      language: profile?.locale ?? '–',
    };
  };
  return {
    describeWithoutName: withoutName,
    async describe(tenantId, profileId) {
      const [person, name] = await Promise.all([withoutName(tenantId, profileId), firstNameOf(tenantId, profileId)]);
      return { ...person, name: name ?? '–' };
    },
  };
}
