import type { AccountKey } from '../profiles/profile.js';
import type { ProfileService } from '../profiles/profile-service.js';
import type { PrivacyService } from './privacy-service.js';

export interface UnconsentedVisitorDeps {
  /** Web chat visitors whose conversations have been idle since the given time. */
  listIdleVisitors(since: Date): Promise<Array<{ tenantId: string; userId: string }>>;
  profiles: Pick<ProfileService, 'findByAccount'>;
  privacy: Pick<PrivacyService, 'eraseAll'>;
  conversationsOf(account: AccountKey): Promise<string[]>;
}

/**
 * The web chat must store a visitor's messages to show them, even before consent. Whoever leaves
 * without agreeing keeps nothing: their transcript and dialog state go once the chat is idle (a
 * refusal record, if any, stays). Returns how many visitors were erased.
 */
export function eraseUnconsentedVisitors(deps: UnconsentedVisitorDeps): (idleSince: Date) => Promise<number> {
  return async (idleSince) => {
    let erased = 0;
    for (const { tenantId, userId } of await deps.listIdleVisitors(idleSince)) {
      const account: AccountKey = { tenantId, channel: 'webchat', accountId: userId };
      const profile = await deps.profiles.findByAccount(account);
      if (profile?.consent.status === 'given') continue;
      await deps.privacy.eraseAll({ tenantId, profileId: null, accounts: [account], conversationIds: await deps.conversationsOf(account) });
      erased++;
    }
    return erased;
  };
}
