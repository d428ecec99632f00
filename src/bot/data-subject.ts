import type { DataSubject } from '../foundation/privacy/personal-data.js';
import type { BotDeps } from './bot-deps.js';
import type { TurnServices } from './turn-services.js';

/** Everyone and every conversation that "export my data" / "delete me" must cover for this person. */
export async function dataSubjectOf(turn: TurnServices, deps: BotDeps): Promise<DataSubject> {
  const profile = await deps.profiles.findByAccount(turn.account);
  const accounts = profile ? profile.accounts.map(({ channel, accountId }) => ({ tenantId: turn.tenant.id, channel, accountId })) : [turn.account];
  const conversationIds = new Set<string>([turn.link.conversationId]);
  for (const account of profile?.accounts ?? []) if (account.conversationId) conversationIds.add(account.conversationId);
  for (const account of accounts) for (const id of await deps.conversationsOf(account)) conversationIds.add(id);
  const trigger = turn.account.channel === 'webchat' ? turn.activityId : undefined;
  return {
    tenantId: turn.tenant.id,
    profileId: profile?._id ?? null,
    accounts,
    conversationIds: [...conversationIds],
    ...(trigger ? { keepActivityIds: [trigger] } : {}),
  };
}
