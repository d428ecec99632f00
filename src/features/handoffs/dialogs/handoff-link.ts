import type { Choice, DialogTurnResult, PromptOptions, WaterfallStepContext } from 'botbuilder-dialogs';
import { actionButton } from '../../../bot/action-buttons.js';
import type { BotDeps } from '../../../bot/bot-deps.js';
import type { Translate } from '../../../platform/i18n/translator.js';

/**
 * The deep-link payload of "talk to a person" (the handoff journey, registered by the pathways
 * feature; /human opens it too). Also the value of the typed "talk to a person" in a choice prompt.
 */
export const HANDOFF_LINK = 'human';

/**
 * Adds "Mit einem Menschen sprechen" to a choice prompt: pressed, it opens the handoff journey as an
 * action button (a command, whatever question is open); typed, the step gets the value `human`.
 */
export function withHumanButton(options: PromptOptions, t: Translate, deps: Pick<BotDeps, 'translator'>): PromptOptions {
  const title = t('handoff:menuEntry');
  const human: Choice = { value: HANDOFF_LINK, synonyms: [title, ...deps.translator.inAllLocales('handoff:menuEntry')], action: actionButton(title, HANDOFF_LINK) };
  return { ...options, choices: [...(options.choices as Choice[]), human] };
}

/** The step's answer was the typed "talk to a person": opens the handoff journey in place of this one. */
export async function openHumanIfChosen(step: WaterfallStepContext, value: string, deps: Pick<BotDeps, 'journeys'>): Promise<DialogTurnResult | null> {
  if (value !== HANDOFF_LINK) return null;
  const route = deps.journeys.resolveDeepLink(HANDOFF_LINK);
  return route ? step.replaceDialog(route.dialogId, route.options) : null;
}
