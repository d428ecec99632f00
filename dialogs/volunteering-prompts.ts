import { MessageFactory, type Activity } from 'botbuilder-core';
import { TextPrompt, type PromptOptions, type PromptValidator, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { buttonChoices, type ButtonChoice } from '../src/bot/choices.js';

/** Longest free-text answer the volunteering questions take (a description may be longer). */
export const MAX_ANSWER = 300;

/** A question that takes typed text but also offers buttons (skip, districts, a multi-select). */
export function textWithButtons(prompt: string, retry: string, items: readonly ButtonChoice[]): PromptOptions {
  const actions = buttonChoices(items).map((choice) => choice.action!);
  const withButtons = (text: string): Partial<Activity> => (actions.length > 0 ? MessageFactory.suggestedActions(actions, text) : MessageFactory.text(text));
  return { prompt: withButtons(prompt), retryPrompt: withButtons(retry) };
}

const fold = (text: string): string => text.trim().toLocaleLowerCase('de').replace(/\s+/g, ' ');

/** The value of the button whose id or title (or a synonym) the text is, if any. */
export function buttonValueOf(text: string | undefined, items: readonly ButtonChoice[]): string | undefined {
  const said = fold(text ?? '');
  return items.find((item) => [item.value, item.title, ...(item.synonyms ?? [])].some((accepted) => fold(accepted) === said))?.value;
}

/** A text prompt whose answers `accept` judges (false: the retry prompt with its buttons again). */
export function createTextPrompt(
  id: string,
  accept: (text: string, prompt: PromptValidatorContext<string>) => boolean = (text) => text.trim().length > 0 && text.length <= MAX_ANSWER,
): TextPrompt {
  const validator: PromptValidator<string> = async (prompt) => prompt.recognized.succeeded && accept(prompt.recognized.value ?? '', prompt);
  return new TextPrompt(id, validator);
}

/** "1", "2 Std.", "ca. 10 Stunden" → 1, 2, 10; anything else null. */
export function hoursOf(text: string): number | null {
  const match = /^(?:ca\.?\s*|about\s*|etwa\s*)?(\d{1,3})\s*(?:h|std\.?|stunden|hours?)?(?:\s*(?:im|pro|per|a)\s*(?:monat|month))?$/i.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  return hours <= 200 ? hours : null;
}

/** Short button title: Telegram shows long ones, but they must stay readable. */
export function shorten(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** The step's scratch values (what earlier steps of this dialog collected). */
export function valuesOf(step: WaterfallStepContext): Record<string, unknown> {
  return step.values as Record<string, unknown>;
}
