import type { Translator } from '../i18n/translator.js';
import { COMMANDS } from './commands.js';

// /open is what action buttons send, not something to type.
const HIDDEN = new Set<string>(['open']);

/** The command list Telegram shows in its menu, per language, from locales/<lng>/help.json. */
export function telegramCommands(translator: Translator): Record<string, Array<{ command: string; description: string }>> {
  return Object.fromEntries(
    translator.locales.map((locale) => {
      const t = translator.forLocale(locale);
      return [locale, COMMANDS.filter((command) => !HIDDEN.has(command)).map((command) => ({ command, description: t(`help:commands.${command}`) }))];
    }),
  );
}
