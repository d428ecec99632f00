import type { ChoicePrompt, Choice, FoundChoice, PromptOptions, PromptValidator } from 'botbuilder-dialogs';
import { createChoicePrompt, matchingChoice } from '../../../bot/choices.js';
import { isSkip, normaliseAnswer } from '../domain/answer-parsing.js';

/** The value a free-text answer gets; the dialog reads the text from the activity. */
export const FREE_TEXT = '__text__';
export const SKIP = 'skip';

const found = (value: string): FoundChoice => ({ value, index: -1, score: 1 });

/** A press or an exact title, compared leniently ("Mittlere-Reife" is "Mittlere Reife"). */
const pressedOrTitled = (choices: readonly Choice[], text: string): Choice | undefined => matchingChoice(choices, text, normaliseAnswer);

/**
 * A question with buttons that also understands typed answers leniently: a press or an exact title
 * first, then `skipWords` (when the question offers a skip button), then `parse` (e.g. "Mittlere
 * Reife" → realschule), then botbuilder's own fuzzy match. Anything else is asked again.
 */
export function createLenientPrompt(id: string, parse: (text: string, options: PromptOptions) => string | undefined, skipWords: readonly string[]): ChoicePrompt {
  const validator: PromptValidator<FoundChoice> = async (promptContext) => {
    const text = promptContext.context.activity.text ?? '';
    const choices = (promptContext.options.choices ?? []) as Choice[];
    const exact = pressedOrTitled(choices, text);
    const parsed = exact ? exact.value : choices.some((choice) => choice.value === SKIP) && isSkip(text, skipWords) ? SKIP : parse(text, promptContext.options);
    if (parsed !== undefined) {
      promptContext.recognized.value = found(parsed);
      promptContext.recognized.succeeded = true;
      return true;
    }
    return promptContext.recognized.succeeded;
  };
  return createChoicePrompt(id, { validator });
}

/**
 * A question that takes any text, with a few buttons (e.g. "Skip", "Cancel") that count only when
 * pressed or typed exactly: a sentence that merely contains "cancel" is taken as text.
 */
export function createFreeTextPrompt(id: string): ChoicePrompt {
  const validator: PromptValidator<FoundChoice> = async (promptContext) => {
    const text = (promptContext.context.activity.text ?? '').trim();
    if (!text) return false;
    const choice = pressedOrTitled((promptContext.options.choices ?? []) as Choice[], text);
    promptContext.recognized.value = found(choice ? choice.value : FREE_TEXT);
    promptContext.recognized.succeeded = true;
    return true;
  };
  return createChoicePrompt(id, { exact: true, validator });
}

