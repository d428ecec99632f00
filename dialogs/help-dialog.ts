import { WaterfallDialog, type Dialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnServices } from '../src/bot/turn-services.js';

export const HELP_DIALOG = 'help';

/** The commands and what the bot can do; the menu follows. */
export function helpDialog(): Dialog[] {
  async function showHelp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(turnServices(step.context).t('help:text'));
    return step.endDialog();
  }
  return [new WaterfallDialog(HELP_DIALOG, [showHelp])];
}
