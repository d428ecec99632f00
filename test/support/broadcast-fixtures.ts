import type { Locale } from '../../src/platform/config/config-types.js';
import { conversationIdOf } from '../../src/channels/telegram/conversation-id.js';
import { CONSENT_VERSION } from '../../src/foundation/privacy/consent-version.js';
import type { Profile } from '../../src/foundation/profiles/profile.js';
import { profileIdFor, ProfileRepository } from '../../src/foundation/profiles/profile-repository.js';
import type { DocumentStore } from '../../src/platform/store/document-store.js';
import { EMULATOR_BOT } from './bot-api-emulator.js';

/** Private chat ids of seeded subscribers start here (distinct from the chat tests' 4242). */
export const FIRST_SUBSCRIBER_CHAT_ID = 700_000_000;

export interface SeedOptions {
  /** Given in turn (person i gets locales[i % length]); default German and English alternating. */
  locales?: readonly Locale[];
  /** The chat id of the first person; the others count up. */
  firstChatId?: number;
  /** The bot that talked to them (the reference names it); default the emulator's bot. */
  botId?: number;
  /** Announcement topics each person chose; default none (every topic). */
  topics?: string[];
  createdAt?: Date;
  /** Inserts running in parallel. */
  batchSize?: number;
}

export interface SeededSubscribers {
  chatIds: number[];
  profileIds: string[];
}

/**
 * `count` Telegram subscribers of `tenantId` as the start dialog leaves them: consent to the current
 * notice, one private chat with the conversation reference the bot stores for proactive messages,
 * announcements on, active. Written straight through the profile repository (a 10,000-person
 * audience in seconds, without running 10,000 dialogs).
 */
export async function seedTelegramSubscribers(store: DocumentStore, tenantId: string, count: number, options: SeedOptions = {}): Promise<SeededSubscribers> {
  const repository = new ProfileRepository(store);
  const locales = options.locales ?? (['de', 'en'] as const);
  const firstChatId = options.firstChatId ?? FIRST_SUBSCRIBER_CHAT_ID;
  const botId = String(options.botId ?? EMULATOR_BOT.id);
  const createdAt = options.createdAt ?? new Date();
  const batchSize = options.batchSize ?? 250;
  const chatIds = Array.from({ length: count }, (_, i) => firstChatId + i);
  const profileIds: string[] = [];

  const profileOf = (chatId: number, index: number): Profile => {
    const accountId = String(chatId);
    const conversationId = conversationIdOf(tenantId, chatId);
    // The same slim reference turn-services.ts keeps: ids only, no names.
    const conversationReference = JSON.stringify({
      channelId: 'telegram',
      serviceUrl: `telegram:${tenantId}`,
      user: { id: accountId },
      bot: { id: botId },
      conversation: { id: conversationId, tenantId, conversationType: 'private' },
    });
    return {
      _id: profileIdFor({ tenantId, channel: 'telegram', accountId }),
      tenantId,
      accounts: [{ channel: 'telegram', accountId, conversationId, conversationReference, addedAt: createdAt }],
      locale: locales[index % locales.length]!,
      consent: { status: 'given', version: CONSENT_VERSION, at: createdAt },
      announcements: { subscribed: true, topics: [...(options.topics ?? [])] },
      status: 'active',
      createdAt,
      updatedAt: createdAt,
    };
  };

  for (let start = 0; start < count; start += batchSize) {
    const batch = chatIds.slice(start, start + batchSize).map((chatId, offset) => profileOf(chatId, start + offset));
    const inserted = await Promise.all(batch.map((profile) => repository.insert(profile)));
    profileIds.push(...inserted.map((profile) => profile._id));
  }
  return { chatIds, profileIds };
}
