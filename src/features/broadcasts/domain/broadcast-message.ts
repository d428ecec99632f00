import { SUPPORTED_LOCALES, type Locale } from '../../../platform/config/config-types.js';
import { topicTitle } from '../../../foundation/profiles/announcement-topics.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { TELEGRAM_TEXT_LIMIT } from '../../../channels/telegram/telegram-limits.js';
import { splitText } from '../../../platform/text/split-text.js';
import type { Broadcast, BroadcastPreview } from './broadcast.js';

export type BroadcastContent = Pick<Broadcast, 'texts' | 'button' | 'topic' | 'longText'>;

/** The text of a language, else the city's default language, else any text there is. */
export function textFor(content: Pick<Broadcast, 'texts'>, locale: Locale, defaultLocale: Locale): { text: string; fallback: boolean } {
  const own = content.texts[locale]?.trim();
  if (own) return { text: own, fallback: false };
  const other = content.texts[defaultLocale]?.trim() || SUPPORTED_LOCALES.map((candidate) => content.texts[candidate]?.trim()).find(Boolean) || '';
  return { text: other, fallback: true };
}

/**
 * One language variant as people see it: the text, then how to unsubscribe (every message says it),
 * split into Telegram messages at paragraph boundaries when the editor chose that.
 */
export function composeBroadcast(content: BroadcastContent, locale: Locale, defaultLocale: Locale, t: Translate): BroadcastPreview {
  const { text, fallback } = textFor(content, locale, defaultLocale);
  const footer = t('broadcasts:footer', { topic: topicTitle(t, content.topic) });
  // Someone who reads another language gets the German text with a word why.
  const note = fallback && locale !== 'de' && content.texts['de']?.trim() === text ? `\n\n${t('common:onlyInGerman')}` : '';
  const full = `${text}${note}\n\n${footer}`;
  const tooLong = full.length > TELEGRAM_TEXT_LIMIT;
  const messages = tooLong && content.longText === 'split' ? splitText(full, TELEGRAM_TEXT_LIMIT) : [full];
  const label = content.button ? content.button.labels[locale]?.trim() || content.button.labels[defaultLocale]?.trim() || t('broadcasts:defaultButton') : undefined;
  return { locale, fallback, messages, tooLong, ...(label ? { buttonLabel: label } : {}) };
}
