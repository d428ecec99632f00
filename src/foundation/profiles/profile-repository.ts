import { createHash } from 'node:crypto';
import type { DocumentCollection, DocumentStore, Update } from '../../platform/store/document-store.js';
import type { AccountKey, Profile } from './profile.js';
import { profilesCollection } from './profile-schema.js';

/** The first account fixes the id, so that a double click on "I agree" cannot create two profiles. */
export function profileIdFor(key: AccountKey): string {
  return 'p-' + createHash('sha256').update(`${key.tenantId}|${key.channel}|${key.accountId}`).digest('hex').slice(0, 24);
}

export class ProfileRepository {
  private readonly profiles: DocumentCollection<Profile>;

  constructor(store: DocumentStore) {
    this.profiles = store.collection<Profile>(profilesCollection);
  }

  findByAccount(key: AccountKey): Promise<Profile | null> {
    return this.profiles.findOne({
      tenantId: key.tenantId,
      accounts: { $elemMatch: { channel: key.channel, accountId: key.accountId } },
    });
  }

  findById(tenantId: string, id: string): Promise<Profile | null> {
    return this.profiles.findOne({ _id: id, tenantId });
  }

  insert(profile: Profile): Promise<Profile> {
    return this.profiles.insertOne(profile);
  }

  update(tenantId: string, id: string, update: Update): Promise<Profile | null> {
    return this.profiles.updateOne({ _id: id, tenantId }, update);
  }

  /** Everyone who agreed to this notice version, is not blocked and receives announcements (broadcast audiences). */
  listSubscribed(tenantId: string, consentVersion: string): Promise<Profile[]> {
    return this.profiles.find(
      { tenantId, 'consent.status': 'given', 'consent.version': consentVersion, status: 'active', 'announcements.subscribed': true },
      { sort: { createdAt: 1 } },
    );
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.profiles.deleteOne({ _id: id, tenantId });
  }
}
