import type { Locale } from '../../platform/config/config-types.js';
import type { Clock } from '../../platform/clock.js';
import { DuplicateKeyError } from '../../platform/store/document-store.js';
import { ANNOUNCEMENT_TOPICS, receivedTopics, type AnnouncementTopic } from './announcement-topics.js';
import type { AccountKey, ChannelAccount, Profile } from './profile.js';
import { profileIdFor, type ProfileRepository } from './profile-repository.js';

export interface ConversationLink {
  conversationId: string;
  /** Serialized conversation reference without names, for proactive messages. */
  conversationReference: string;
}

/** Profiles of citizens: consent first, then only what the person chose to give. */
export class ProfileService {
  constructor(
    private readonly repository: ProfileRepository,
    private readonly clock: Clock,
  ) {}

  findByAccount(key: AccountKey): Promise<Profile | null> {
    return this.repository.findByAccount(key);
  }

  /** Records consent and the channel account; idempotent for repeated clicks and re-consent. */
  async giveConsent(key: AccountKey, version: string, locale: Locale, link: ConversationLink): Promise<Profile> {
    const now = this.clock();
    const existing = await this.repository.findByAccount(key);
    if (existing) {
      return (await this.repository.update(key.tenantId, existing._id, {
        $set: {
          consent: { status: 'given', version, at: now, locale },
          locale,
          status: 'active',
          accounts: withLink(existing.accounts, key, link, now),
          // A refusal record had announcements off; agreeing starts like a new profile.
          ...(existing.consent.status === 'declined' ? { announcements: { subscribed: true, topics: [] } } : {}),
          updatedAt: now,
        },
      }))!;
    }
    const profile: Profile = {
      _id: profileIdFor(key),
      tenantId: key.tenantId,
      accounts: [{ channel: key.channel, accountId: key.accountId, ...link, addedAt: now }],
      locale,
      consent: { status: 'given', version, at: now, locale },
      announcements: { subscribed: true, topics: [] },
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    try {
      return await this.repository.insert(profile);
    } catch (error) {
      if (error instanceof DuplicateKeyError) return this.giveConsent(key, version, locale, link);
      throw error;
    }
  }

  /** Stores nothing but the refusal: the account id (to know whom it concerns), version and time. */
  async recordRefusal(key: AccountKey, version: string): Promise<void> {
    const now = this.clock();
    const refusal = { consent: { status: 'declined' as const, version, at: now }, announcements: { subscribed: false, topics: [] }, updatedAt: now };
    const existing = await this.repository.findByAccount(key);
    if (existing) {
      // An earlier refusal (of an older notice): it now concerns the current one.
      await this.repository.update(key.tenantId, existing._id, { $set: refusal });
      return;
    }
    try {
      await this.repository.insert({
        _id: profileIdFor(key),
        tenantId: key.tenantId,
        accounts: [{ channel: key.channel, accountId: key.accountId, addedAt: now }],
        consent: { status: 'declined', version, at: now },
        announcements: { subscribed: false, topics: [] },
        status: 'active',
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }

  /** Keeps the way to reach the person current (a web visitor opens new conversations). */
  async linkConversation(profile: Profile, key: AccountKey, link: ConversationLink): Promise<void> {
    const account = profile.accounts.find((item) => item.channel === key.channel && item.accountId === key.accountId);
    if (account?.conversationId === link.conversationId && account.conversationReference === link.conversationReference) return;
    const now = this.clock();
    await this.repository.update(profile.tenantId, profile._id, {
      $set: { accounts: withLink(profile.accounts, key, link, now), updatedAt: now },
    });
  }

  async setLocale(profile: Profile, locale: Locale): Promise<void> {
    await this.repository.update(profile.tenantId, profile._id, { $set: { locale, updatedAt: this.clock() } });
  }

  async setAnnouncements(profile: Profile, subscribed: boolean): Promise<void> {
    await this.repository.update(profile.tenantId, profile._id, {
      $set: { 'announcements.subscribed': subscribed, updatedAt: this.clock() },
    });
  }

  /**
   * The topics the person chose (unknown ids are dropped); announcements are on again. Choosing none
   * switches announcements off and keeps the earlier choice for when they are switched on again.
   */
  async setTopics(profile: Profile, topics: readonly AnnouncementTopic[]): Promise<void> {
    const chosen = ANNOUNCEMENT_TOPICS.filter((topic) => topics.includes(topic));
    if (chosen.length === 0) return this.setAnnouncements(profile, false);
    await this.repository.update(profile.tenantId, profile._id, {
      $set: { announcements: { subscribed: true, topics: chosen }, updatedAt: this.clock() },
    });
  }

  /**
   * No more announcements on this topic (the button under every broadcast). Without a choice yet
   * ("every topic") the others stay chosen; when no topic would remain, announcements go off.
   */
  async unsubscribeTopic(profile: Profile, topic: AnnouncementTopic): Promise<TopicUnsubscribe> {
    const received = receivedTopics(profile);
    if (!received.includes(topic)) return 'not-received';
    const remaining = received.filter((other) => other !== topic);
    if (remaining.length === 0) {
      await this.setAnnouncements(profile, false);
      return 'nothing-left';
    }
    await this.repository.update(profile.tenantId, profile._id, {
      $set: { 'announcements.topics': remaining, updatedAt: this.clock() },
    });
    return 'unsubscribed';
  }

  /** The person blocked the bot (Telegram 403 or "kicked"): never message them again. */
  async markBlocked(key: AccountKey): Promise<boolean> {
    const profile = await this.repository.findByAccount(key);
    if (!profile || profile.status === 'blocked') return false;
    await this.repository.update(profile.tenantId, profile._id, { $set: { status: 'blocked', updatedAt: this.clock() } });
    return true;
  }

  async reactivate(profile: Profile): Promise<void> {
    await this.repository.update(profile.tenantId, profile._id, { $set: { status: 'active', updatedAt: this.clock() } });
  }

  async erase(profile: Profile): Promise<void> {
    await this.repository.delete(profile.tenantId, profile._id);
  }
}

/** `unsubscribed`: other topics remain; `nothing-left`: it was the last one, announcements are off. */
export type TopicUnsubscribe = 'unsubscribed' | 'nothing-left' | 'not-received';

function withLink(accounts: readonly ChannelAccount[], key: AccountKey, link: ConversationLink, now: Date): ChannelAccount[] {
  const others = accounts.filter((item) => !(item.channel === key.channel && item.accountId === key.accountId));
  const current = accounts.find((item) => item.channel === key.channel && item.accountId === key.accountId);
  return [...others, { channel: key.channel, accountId: key.accountId, ...link, addedAt: current?.addedAt ?? now }];
}
