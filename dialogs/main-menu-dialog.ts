import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../src/bot/bot-deps.js';
import { choicePromptOptions, createChoicePrompt } from '../src/bot/choices.js';
import { turnServices } from '../src/bot/turn-services.js';
import { MAIN_MENU_DIALOG } from './journey-routing.js';

const MENU_PROMPT = 'mainMenu.choice';

export interface JourneyResult {
  /** The person deleted themselves: nothing may follow. */
  erased?: boolean;
}

/** The main menu: every registered journey, and back here when a journey ends. */
export function mainMenuDialog(deps: BotDeps): Dialog[] {
  async function showMenu(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnServices(step.context);
    const items = deps.journeys.menu.map((entry) => ({ value: entry.id, title: t(entry.titleKey) }));
    return step.prompt(MENU_PROMPT, choicePromptOptions(t('menu:prompt'), t('menu:retry'), items));
  }

  async function openChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const entry = deps.journeys.menu.find((candidate) => candidate.id === (step.result as FoundChoice).value);
    return entry ? step.beginDialog(entry.dialogId) : step.replaceDialog(MAIN_MENU_DIALOG);
  }

  async function backToMenu(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as JourneyResult | undefined)?.erased) return step.endDialog();
    return step.replaceDialog(MAIN_MENU_DIALOG);
  }

  return [new WaterfallDialog(MAIN_MENU_DIALOG, [showMenu, openChoice, backToMenu]), createChoicePrompt(MENU_PROMPT)];
}
