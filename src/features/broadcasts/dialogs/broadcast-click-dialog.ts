import { WaterfallDialog, type Dialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { turnServices } from '../../../bot/turn-services.js';
import { MAIN_MENU_DIALOG } from '../../../../dialogs/journey-routing.js';

export const BROADCAST_CLICK_DIALOG = 'broadcastClick';

export interface BroadcastClickOptions {
  deliveryId: string;
}

/** Counts a press on a broadcast's button and returns the journey it opens (null: unknown delivery). */
export type RecordBroadcastClick = (tenantId: string, deliveryId: string) => Promise<string | null>;

/** The button of an announcement: counted for the statistics, then the journey it names (e.g. a workshop). */
export function broadcastClickDialogs(deps: Pick<BotDeps, 'journeys'>, recordClick: RecordBroadcastClick): Dialog[] {
  async function openTarget(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const target = await recordClick(turn.tenant.id, (step.options as BroadcastClickOptions).deliveryId);
    const route = target ? deps.journeys.resolveDeepLink(target) : null;
    if (!route) {
      await step.context.sendActivity(turn.t('broadcasts:linkGone'));
      return step.replaceDialog(MAIN_MENU_DIALOG);
    }
    return step.replaceDialog(route.dialogId, route.options);
  }
  return [new WaterfallDialog(BROADCAST_CLICK_DIALOG, [openTarget])];
}
