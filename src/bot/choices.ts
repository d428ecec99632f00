import { ActionTypes, MessageFactory } from 'botbuilder-core';
import { ChoicePrompt, ListStyle, type Choice, type FoundChoice, type PromptOptions, type PromptValidator } from 'botbuilder-dialogs';

export interface ButtonChoice {
  /** Short ASCII id, what a press sends (Telegram callback data is at most 64 bytes). */
  value: string;
  /** What the person reads on the button; typing it also selects the choice. */
  title: string;
  synonyms?: string[];
}

/** Choices rendered as buttons that send their id but show their title in the transcript. */
export function buttonChoices(items: readonly ButtonChoice[]): Choice[] {
  return items.map(({ value, title, synonyms = [] }) => ({
    value,
    synonyms: [title, ...synonyms],
    action: { type: ActionTypes.MessageBack, title, text: value, displayText: title, value: {} },
  }));
}

export function choicePromptOptions(prompt: string, retry: string, items: readonly ButtonChoice[]): PromptOptions {
  return {
    prompt: MessageFactory.text(prompt),
    retryPrompt: MessageFactory.text(retry),
    choices: buttonChoices(items),
    style: ListStyle.suggestedAction,
  };
}

export interface ChoicePromptSettings {
  /**
   * Accept only a press or the exact title/value, never a word found inside a longer text. For
   * decisions that must be explicit: consent, erasure.
   */
  exact?: boolean;
  /**
   * Judges the answers in place of the built-in check (e.g. lenient parsing or free text); `exact`
   * then only turns off partial matches.
   */
  validator?: PromptValidator<FoundChoice>;
}

/**
 * A ChoicePrompt that always shows buttons, whatever the channel id and title length. Numbers are
 * not recognised: botbuilder would take a "1" anywhere in a sentence ("ich hab 1 Frage") as the
 * first option, and every choice here is a button anyway.
 */
export function createChoicePrompt(id: string, settings: ChoicePromptSettings = {}): ChoicePrompt {
  const prompt = new ChoicePrompt(id, settings.validator ?? (settings.exact ? exactAnswer : undefined));
  prompt.style = ListStyle.suggestedAction;
  // Menus are lenient ("profil" finds "Mein Profil"); explicit decisions are checked by exactAnswer.
  prompt.recognizerOptions = { recognizeNumbers: false, recognizeOrdinals: false, allowPartialMatches: !settings.exact };
  return prompt;
}

/** How typed text is compared with a button: case, outer and repeated spaces do not count. */
export const normaliseTyped = (text: string | undefined): string => (text ?? '').trim().toLocaleLowerCase('de').replace(/\s+/g, ' ');

/**
 * The choice the text selects exactly: its value (what a press sends) or its title or a synonym,
 * compared after `normalise`. Never a word found inside a longer text.
 */
export function matchingChoice(choices: readonly Choice[], text: string | undefined, normalise: (text: string) => string = normaliseTyped): Choice | undefined {
  const raw = (text ?? '').trim();
  const said = normalise(raw);
  return choices.find((choice) => choice.value === raw || [choice.value, ...(choice.synonyms ?? [])].some((accepted) => normalise(accepted) === said));
}

/** The value of the button whose id or title (or a synonym) the text is, if any. */
export function buttonValueOf(text: string | undefined, items: readonly ButtonChoice[]): string | undefined {
  return matchingChoice(buttonChoices(items), text)?.value;
}

const exactAnswer: PromptValidator<FoundChoice> = async (promptContext) => {
  const found = promptContext.recognized.value;
  if (!promptContext.recognized.succeeded || !found) return false;
  const choice = (promptContext.options.choices as Choice[] | undefined)?.find((candidate) => candidate.value === found.value);
  return !!choice && matchingChoice([choice], promptContext.context.activity.text) === choice;
};
