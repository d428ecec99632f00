import { ActionTypes } from 'botbuilder-core';
import { ChoicePrompt, ListStyle, type Choice, type PromptOptions, type PromptValidator, type FoundChoice } from 'botbuilder-dialogs';
import { MessageFactory } from 'botbuilder-core';

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

/** A ChoicePrompt that always shows buttons, whatever the channel id and title length. */
export function createChoicePrompt(id: string, validator?: PromptValidator<FoundChoice>): ChoicePrompt {
  const prompt = new ChoicePrompt(id, validator);
  prompt.style = ListStyle.suggestedAction;
  return prompt;
}
