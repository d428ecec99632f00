import type { Api } from 'grammy';
import type { LanguageCode } from 'grammy/types';
import type { Logger } from '../../platform/logging/logger.js';
import { describeError } from './telegram-errors.js';

export interface BotCommandText {
  command: string;
  description: string;
}

/** The command menu per language ("de", "en"...), texts from locales/. */
export type BotCommandsByLocale = Readonly<Record<string, readonly BotCommandText[]>>;

/**
 * Publishes the command menu: the default locale's list for everybody, each locale's list for users
 * with that app language. Optional: a failure is logged and the bot runs without a menu.
 */
export async function publishCommands(
  api: Api,
  commands: BotCommandsByLocale,
  defaultLocale: string,
  logger: Logger,
  tenantId: string,
): Promise<void> {
  const calls: Array<{ languageCode?: string; list: readonly BotCommandText[] }> = [];
  const fallback = commands[defaultLocale];
  if (fallback) calls.push({ list: fallback });
  // Telegram knows app languages by their two-letter code only: Leichte Sprache (de-x-ls) has no menu of its own.
  for (const [languageCode, list] of Object.entries(commands)) if (/^[a-z]{2}$/.test(languageCode)) calls.push({ languageCode, list });
  let published = 0;
  for (const { languageCode, list } of calls) {
    try {
      await api.setMyCommands(list, languageCode ? { language_code: languageCode as LanguageCode } : {});
      published++;
    } catch (error) {
      logger.warn({ tenantId, languageCode, ...describeError(error) }, 'telegram: setMyCommands failed');
    }
  }
  logger.info({ tenantId, published, of: calls.length }, 'telegram: command menus published');
}
