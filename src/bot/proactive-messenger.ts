import type { Activity } from 'botbuilder-core';
import type { Locale } from '../platform/config/config-types.js';
import type { Translate } from '../platform/i18n/translator.js';

/** Builds the messages for one person, in that person's language. */
export type ComposeMessages = (t: Translate, locale: Locale) => Partial<Activity>[];

/**
 * `sent`: delivered to at least one of the person's chats (on the web chat: waiting in the
 * conversation for the next visit). `unreachable`: nobody to send to: no profile, no consent, the
 * person blocked the bot (now marked blocked), or no chat is known. Never retry `unreachable`.
 */
export type ProactiveResult = 'sent' | 'unreachable';

/**
 * Messages the bot sends on its own (reminders, follow-ups, staff replies, broadcasts). Throws only
 * when no chat of the person got the messages and one failed for another reason than a block (the
 * caller's job retries); a partial delivery counts as sent.
 */
export interface ProactiveMessenger {
  sendToProfile(tenantId: string, profileId: string, compose: ComposeMessages): Promise<ProactiveResult>;
}
