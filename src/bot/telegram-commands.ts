import type { Translator } from '../platform/i18n/translator.js';
import { COMMANDS } from './commands.js';

// /open is what action buttons send, not something to type.
type Shown = Exclude<(typeof COMMANDS)[number], 'open'>;
const isShown = (command: (typeof COMMANDS)[number]): command is Shown => command !== 'open';

/** The command list Telegram shows in its menu, per language, from locales/<lng>/help.json. */
export function telegramCommands(translator: Translator): Record<string, Array<{ command: string; description: string }>> {
  return Object.fromEntries(
    translator.locales.map((locale) => {
      const t = translator.forLocale(locale);
      return [locale, COMMANDS.filter(isShown).map((command) => ({ command, description: t(`help:commands.${command}`) }))];
    }),
  );
}
