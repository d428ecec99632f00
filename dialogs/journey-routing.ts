import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../src/bot/bot-deps.js';
import { turnServices } from '../src/bot/turn-services.js';

import { MAIN_MENU_DIALOG } from '../src/bot/foundation-dialog-ids.js';

export { MAIN_MENU_DIALOG };

/** After start or consent: open the deep-linked journey if the payload names one, else the menu. */
export async function openJourney(step: WaterfallStepContext, deps: BotDeps, payload: string | undefined): Promise<DialogTurnResult> {
  if (payload) {
    const route = deps.journeys.resolveDeepLink(payload);
    if (route) return step.replaceDialog(route.dialogId, route.options);
    await step.context.sendActivity(turnServices(step.context).t('common:unknownDeepLink'));
  }
  return step.replaceDialog(MAIN_MENU_DIALOG);
}
