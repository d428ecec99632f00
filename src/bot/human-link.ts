import type { Choice, DialogTurnResult, PromptOptions, WaterfallStepContext } from 'botbuilder-dialogs';
import { actionButton } from './action-buttons.js';
import type { BotDeps } from './bot-deps.js';
import type { Translate } from '../platform/i18n/translator.js';

/** The value of the typed "talk to a person" in a choice prompt. */
const HUMAN_CHOICE = 'human';

/**
 * Adds "Mit einem Menschen sprechen" to a choice prompt when a journey answers /human (the handoffs
 * feature): pressed, it opens that journey as an action button (a command, whatever question is
 * open); typed, the step gets the value `human`.
 */
export function withHumanButton(options: PromptOptions, t: Translate, deps: Pick<BotDeps, 'translator' | 'journeys'>): PromptOptions {
  const link = deps.journeys.commandLink('human');
  if (!link) return options;
  const title = t(link.titleKey);
  const human: Choice = { value: HUMAN_CHOICE, synonyms: [title, ...deps.translator.inAllLocales(link.titleKey)], action: actionButton(title, link.deepLink) };
  return { ...options, choices: [...(options.choices as Choice[]), human] };
}

/** The step's answer was the typed "talk to a person": opens that journey in place of this one. */
export async function openHumanIfChosen(step: WaterfallStepContext, value: string, deps: Pick<BotDeps, 'journeys'>): Promise<DialogTurnResult | null> {
  const link = deps.journeys.commandLink('human');
  if (value !== HUMAN_CHOICE || !link) return null;
  const route = deps.journeys.resolveDeepLink(link.deepLink);
  return route ? step.replaceDialog(route.dialogId, route.options) : null;
}
