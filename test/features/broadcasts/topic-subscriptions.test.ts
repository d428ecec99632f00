import { beforeEach, expect, it } from 'vitest';
import type { DocumentStore } from '../../../src/platform/store/document-store.js';
import { ProfileRepository } from '../../../src/foundation/profiles/profile-repository.js';
import { ProfileService } from '../../../src/foundation/profiles/profile-service.js';
import { receivedTopics } from '../../../src/foundation/profiles/announcement-topics.js';
import type { Profile } from '../../../src/foundation/profiles/profile.js';
import { receivesTopic } from '../../../src/features/broadcasts/domain/broadcast.js';
import { describeEachBackend } from '../../support/store-backends.js';

const TENANT = 'wuppertal';
const now = new Date('2027-03-01T09:00:00Z');
const key = { tenantId: TENANT, channel: 'telegram' as const, accountId: '4242' };
const link = { conversationId: 'telegram:wuppertal:4242', conversationReference: '{}' };

describeEachBackend('announcement topics of a profile', (backend) => {
  let store: DocumentStore;
  let repository: ProfileRepository;
  let profiles: ProfileService;
  let profile: Profile;

  const reload = async (): Promise<Profile> => (profile = (await repository.findByAccount(key))!);

  beforeEach(async () => {
    store = await backend.open();
    repository = new ProfileRepository(store);
    profiles = new ProfileService(repository, () => now);
    profile = await profiles.giveConsent(key, 'v1', 'de', link);
  });

  it('starts with every topic: nothing chosen yet', () => {
    expect(profile.announcements).toEqual({ subscribed: true, topics: [] });
    expect(receivedTopics(profile)).toEqual(['city', 'workshops', 'volunteering', 'jobs']);
  });

  it('unsubscribing one topic from "every topic" keeps all the others', async () => {
    expect(await profiles.unsubscribeTopic(profile, 'workshops')).toBe('unsubscribed');
    await reload();
    expect(profile.announcements).toEqual({ subscribed: true, topics: ['city', 'volunteering', 'jobs'] });
    expect(receivesTopic(profile.announcements, 'workshops')).toBe(false);
    expect(receivesTopic(profile.announcements, 'city')).toBe(true);
  });

  it('unsubscribing the same topic twice changes nothing the second time', async () => {
    await profiles.unsubscribeTopic(profile, 'jobs');
    const before = await reload();
    expect(await profiles.unsubscribeTopic(profile, 'jobs')).toBe('not-received');
    expect((await reload()).announcements).toEqual(before.announcements);
  });

  it('switches announcements off instead of leaving no topic, and keeps the last choice', async () => {
    await profiles.setTopics(profile, ['city']);
    await reload();
    expect(await profiles.unsubscribeTopic(profile, 'city')).toBe('nothing-left');
    await reload();
    expect(profile.announcements).toEqual({ subscribed: false, topics: ['city'] });
    expect(receivedTopics(profile)).toEqual([]);
    // Nothing to unsubscribe any more.
    expect(await profiles.unsubscribeTopic(profile, 'city')).toBe('not-received');
  });

  it('choosing topics again switches announcements on (after /stop too)', async () => {
    await profiles.setAnnouncements(profile, false);
    await reload();
    await profiles.setTopics(profile, ['jobs', 'city', 'jobs']);
    await reload();
    // Known ids only, once each, in the fixed order.
    expect(profile.announcements).toEqual({ subscribed: true, topics: ['city', 'jobs'] });
    expect(receivesTopic(profile.announcements, 'jobs')).toBe(true);
    expect(receivesTopic(profile.announcements, 'workshops')).toBe(false);
  });

  it('choosing no topic at all means no announcements', async () => {
    await profiles.setTopics(profile, ['workshops']);
    await reload();
    await profiles.setTopics(profile, []);
    await reload();
    expect(profile.announcements).toEqual({ subscribed: false, topics: ['workshops'] });
  });
});
