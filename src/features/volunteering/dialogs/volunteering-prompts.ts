import { MessageFactory, type Activity } from 'botbuilder-core';
import { TextPrompt, type PromptOptions, type PromptValidator, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { buttonChoices, buttonValueOf, type ButtonChoice } from '../../../bot/choices.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { westernDigits } from '../../../platform/text/typed-input.js';

/** Options shared by the journeys that a deep link or an action button can open. */
export interface RootOptions {
  /** Opened by a deep link or action button, not from the menu: the menu follows its end. */
  root?: boolean;
}

/** The "Überspringen" button; typed in any language the bot speaks, it skips too. */
export function skipButton(t: Translate, deps: Pick<BotDeps, 'translator'>): ButtonChoice {
  return { value: 'skip', title: t('volunteering:skip'), synonyms: deps.translator.inAllLocales('volunteering:skip') };
}

/** The text is the skip button's title (in any language) or its id. */
export function isSkipAnswer(text: string, t: Translate, deps: Pick<BotDeps, 'translator'>): boolean {
  return buttonValueOf(text, [skipButton(t, deps)]) === 'skip';
}

/** Longest free-text answer the volunteering questions take (a description may be longer). */
export const MAX_ANSWER = 300;

/** A question that takes typed text but also offers buttons (skip, districts, a multi-select). */
export function textWithButtons(prompt: string, retry: string, items: readonly ButtonChoice[]): PromptOptions {
  const actions = buttonChoices(items).map((choice) => choice.action!);
  const withButtons = (text: string): Partial<Activity> => (actions.length > 0 ? MessageFactory.suggestedActions(actions, text) : MessageFactory.text(text));
  return { prompt: withButtons(prompt), retryPrompt: withButtons(retry) };
}

/** A text prompt whose answers `accept` judges (false: the retry prompt with its buttons again). */
export function createTextPrompt(
  id: string,
  accept: (text: string, prompt: PromptValidatorContext<string>) => boolean = (text) => text.trim().length > 0 && text.length <= MAX_ANSWER,
): TextPrompt {
  const validator: PromptValidator<string> = async (prompt) => prompt.recognized.succeeded && accept(prompt.recognized.value ?? '', prompt);
  return new TextPrompt(id, validator);
}

/**
 * "1", "2 Std.", "ca. 10 Stunden", "٤ ساعات", "10 saat", "5 годин" → 1, 2, 10, 4, 10, 5: one number
 * with at most a few words around it (in any language); anything else null.
 */
export function hoursOf(text: string): number | null {
  const typed = westernDigits(text).trim();
  const numbers = typed.match(/\d+/g) ?? [];
  const words = typed.replace(/\d+/g, ' ').split(/\s+/).filter((word) => /\p{L}/u.test(word));
  const match = numbers.length === 1 && words.length <= 4 && typed.length <= 40 ? /(\d{1,3})(?!\d)/.exec(typed) : null;
  if (!match) return null;
  const hours = Number(match[1]);
  return hours <= 200 ? hours : null;
}

/** The step's scratch values (what earlier steps of this dialog collected). */
export function valuesOf(step: WaterfallStepContext): Record<string, unknown> {
  return step.values as Record<string, unknown>;
}
