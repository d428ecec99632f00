import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../src/bot/bot-deps.js';
import { choicePromptOptions, createChoicePrompt } from '../src/bot/choices.js';
import { dataSubjectOf } from '../src/bot/data-subject.js';
import { turnServices } from '../src/bot/turn-services.js';
import type { JourneyResult } from './main-menu-dialog.js';

export const DELETE_ME_DIALOG = 'deleteMe';
const CONFIRM_PROMPT = 'deleteMe.confirm';

/** "Delete me": one confirmation, then everything about the person is erased at once. */
export function deleteMeDialog(deps: BotDeps): Dialog[] {
  async function confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnServices(step.context);
    return step.prompt(
      CONFIRM_PROMPT,
      choicePromptOptions(t('privacy:deleteQuestion'), t('privacy:deleteRetry'), [
        { value: 'erase', title: t('privacy:deleteYes') },
        { value: 'keep', title: t('privacy:deleteNo') },
      ]),
    );
  }

  async function eraseOrKeep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    if ((step.result as FoundChoice).value !== 'erase') {
      await step.context.sendActivity(turn.t('privacy:deleteCancelled'));
      return step.endDialog({ erased: false } satisfies JourneyResult);
    }
    try {
      await deps.privacy.eraseAll(await dataSubjectOf(turn, deps));
    } catch (error) {
      deps.logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'erasure incomplete');
      await step.context.sendActivity(turn.t('privacy:deleteFailed'));
      return step.endDialog({ erased: false } satisfies JourneyResult);
    }
    await step.context.sendActivity(turn.t('privacy:deleted'));
    turn.profile = null;
    turn.erased = true;
    return step.cancelAllDialogs();
  }

  return [new WaterfallDialog(DELETE_ME_DIALOG, [confirm, eraseOrKeep]), createChoicePrompt(CONFIRM_PROMPT, { exact: true })];
}
