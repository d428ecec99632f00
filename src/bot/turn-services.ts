import { TurnContext } from 'botbuilder-core';
import type { Locale, TenantConfig } from '../platform/config/config-types.js';
import type { Translate, Translator } from '../platform/i18n/translator.js';
import type { AccountKey, ChannelId, Profile } from '../foundation/profiles/profile.js';
import type { ConversationLink } from '../foundation/profiles/profile-service.js';
import type { ConversationData } from './conversation-data.js';

/** What every dialog step needs about the current turn, computed once per turn by the bot. */
export interface TurnServices {
  tenant: TenantConfig;
  account: AccountKey;
  link: ConversationLink;
  /** Id of the incoming activity of this turn (as the channel stored it). */
  activityId: string | undefined;
  data: ConversationData;
  locale: Locale;
  t: Translate;
  /** The person's profile at the start of the turn (null before consent or after erasure). */
  profile: Profile | null;
  /** Switches the language for the rest of the turn and the conversation. */
  useLocale(locale: Locale): void;
  /** Set by "delete me": the conversation's state is deleted instead of saved at the end of the turn. */
  erased: boolean;
}

const TURN_SERVICES = Symbol('kosi.turnServices');

export function setTurnServices(context: TurnContext, services: TurnServices): void {
  context.turnState.set(TURN_SERVICES, services);
}

/** False for turns the bot ignores (unknown tenant or sender). */
export function hasTurnServices(context: TurnContext): boolean {
  return context.turnState.has(TURN_SERVICES);
}

export function turnServices(context: TurnContext): TurnServices {
  const services = context.turnState.get(TURN_SERVICES) as TurnServices | undefined;
  if (!services) throw new Error('turn services missing: the turn did not pass through KosiBot');
  return services;
}

export function channelOf(context: TurnContext): ChannelId {
  const channel = context.activity.channelId;
  if (channel !== 'telegram' && channel !== 'webchat') throw new Error(`unsupported channel: ${channel}`);
  return channel;
}

export function createTurnServices(
  context: TurnContext,
  tenant: TenantConfig,
  translator: Translator,
  data: ConversationData,
  profile: Profile | null,
  clientLocale: Locale | undefined,
): TurnServices {
  const activity = context.activity;
  const reference = TurnContext.getConversationReference(activity);
  // Only ids: names and texts stay out of what we keep for proactive messages.
  const slimReference = {
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    user: { id: reference.user?.id },
    bot: { id: reference.bot?.id },
    conversation: {
      id: reference.conversation?.id,
      tenantId: reference.conversation?.tenantId,
      conversationType: reference.conversation?.conversationType,
    },
  };
  // The app's or the page's language only when the city offers it.
  const offeredClientLocale = clientLocale && tenant.languages.includes(clientLocale) ? clientLocale : undefined;
  const locale = data.locale ?? profile?.locale ?? offeredClientLocale ?? tenant.defaultLocale;
  const services: TurnServices = {
    tenant,
    account: { tenantId: tenant.id, channel: channelOf(context), accountId: activity.from.id },
    link: { conversationId: activity.conversation.id, conversationReference: JSON.stringify(slimReference) },
    activityId: activity.id,
    data,
    profile,
    locale,
    t: translator.forLocale(locale),
    erased: false,
    useLocale(locale) {
      services.locale = locale;
      services.t = translator.forLocale(locale);
      data.locale = locale;
    },
  };
  return services;
}
