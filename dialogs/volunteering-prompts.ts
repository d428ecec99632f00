import { MessageFactory, type Activity } from 'botbuilder-core';
import { TextPrompt, type Choice, type DialogTurnResult, type PromptOptions, type PromptValidator, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { actionButton } from '../src/bot/action-buttons.js';
import type { BotDeps } from '../src/bot/bot-deps.js';
import { buttonChoices, type ButtonChoice } from '../src/bot/choices.js';
import type { Locale } from '../src/config/config-types.js';
import type { Translate } from '../src/i18n/translator.js';

/** Options shared by the journeys that a deep link or an action button can open. */
export interface RootOptions {
  /** Opened by a deep link or action button, not from the menu: the menu follows its end. */
  root?: boolean;
}

/** The BCP 47 locale used to format dates for each language the bot speaks. */
export const DATE_LOCALES: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

/** The deep-link payload of "talk to a person" (registered by the pathways feature). */
export const HUMAN_PAYLOAD = 'human';
const HUMAN_VALUE = 'human';

/**
 * Adds "Mit einem Menschen sprechen" to a choice prompt: pressed, it opens the handoff journey as an
 * action button (a command, whatever question is open); typed, the step gets the value `human`.
 */
export function withHumanButton(options: PromptOptions, t: Translate, deps: Pick<BotDeps, 'translator'>): PromptOptions {
  const title = t('handoff:menuEntry');
  const human: Choice = { value: HUMAN_VALUE, synonyms: [title, ...deps.translator.inAllLocales('handoff:menuEntry')], action: actionButton(title, HUMAN_PAYLOAD) };
  return { ...options, choices: [...(options.choices as Choice[]), human] };
}

/** The step's answer was the typed "talk to a person": opens the handoff journey in place of this one. */
export async function openHumanIfChosen(step: WaterfallStepContext, value: string, deps: Pick<BotDeps, 'journeys'>): Promise<DialogTurnResult | null> {
  if (value !== HUMAN_VALUE) return null;
  const route = deps.journeys.resolveDeepLink(HUMAN_PAYLOAD);
  return route ? step.replaceDialog(route.dialogId, route.options) : null;
}

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
