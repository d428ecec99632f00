import type { BotAdapter, ConversationReference } from 'botbuilder-core';
import type { TenantConfig } from '../platform/config/config-types.js';
import type { Translator } from '../platform/i18n/translator.js';
import type { Logger } from '../platform/logging/logger.js';
import { CONSENT_VERSION } from '../foundation/privacy/consent-version.js';
import { consentedProfile, type ChannelAccount } from '../foundation/profiles/profile.js';
import type { ProfileRepository } from '../foundation/profiles/profile-repository.js';
import type { ComposeMessages, ProactiveMessenger, ProactiveResult } from './proactive-messenger.js';

export interface ChannelMessengerDeps {
  tenants: ReadonlyMap<string, TenantConfig>;
  translator: Translator;
  profiles: ProfileRepository;
  logger: Logger;
  /** The adapter that reaches an account of a tenant on its channel, if that channel runs. */
  adapterFor(tenantId: string, channel: ChannelAccount['channel']): BotAdapter | undefined;
  /** Telegram's 403: the person blocked the bot (the channel already marked the profile blocked). */
  isRecipientBlocked(error: unknown): boolean;
}

/**
 * Proactive messages through the same adapters as the conversations: each linked chat of the
 * person gets the messages in the person's language. Blocked people and people without current
 * consent are unreachable; a channel error is thrown (so that the calling job retries) only when no
 * chat got the messages.
 */
export function createChannelMessenger(deps: ChannelMessengerDeps): ProactiveMessenger {
  return {
    async sendToProfile(tenantId: string, profileId: string, compose: ComposeMessages): Promise<ProactiveResult> {
      const tenant = deps.tenants.get(tenantId);
      const profile = consentedProfile(await deps.profiles.findById(tenantId, profileId), CONSENT_VERSION);
      if (!tenant || !profile || profile.status === 'blocked') return 'unreachable';
      const locale = profile.locale ?? tenant.defaultLocale;
      const activities = compose(deps.translator.forLocale(locale), locale);
      let sent = 0;
      const failed: unknown[] = [];
      for (const account of profile.accounts) {
        const adapter = deps.adapterFor(tenantId, account.channel);
        if (!adapter || !account.conversationReference) continue;
        const reference = JSON.parse(account.conversationReference) as Partial<ConversationReference>;
        // Caught inside the turn: the adapter's turn error handler would otherwise swallow it.
        let failure: unknown;
        await adapter.continueConversation(reference, async (context) => {
          try {
            // One call for all: Telegram joins consecutive texts into one message (see turn-outbox.ts).
            await context.sendActivities(activities.map((activity) => ({ textFormat: 'plain', ...activity })));
          } catch (error) {
            failure = error;
          }
        });
        if (failure === undefined) sent += 1;
        else if (deps.isRecipientBlocked(failure)) deps.logger.info({ tenantId, channel: account.channel }, 'proactive message: recipient blocked the bot');
        else failed.push(failure);
      }
      // Delivered on one chat is delivered: a retry would repeat it there.
      if (sent > 0) {
        if (failed.length > 0) deps.logger.warn({ tenantId, failedChats: failed.length }, 'proactive message: some chats of the person could not be reached');
        return 'sent';
      }
      if (failed.length > 0) throw failed[0];
      return 'unreachable';
    },
  };
}
