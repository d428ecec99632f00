import { WaterfallDialog, type Dialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { turnServices } from '../../../bot/turn-services.js';
import type { StaffChatLinks } from '../domain/staff-chat-links.js';
import { currentProfile, endOrMenu } from './announcement-topics-dialog.js';

export const STAFF_CHAT_LINK_DIALOG = 'broadcasts.staffLink';

export interface StaffChatLinkOptions {
  /** The one-time code from the console (`staff-link-<code>`), unchecked. */
  code: string;
}

/**
 * A staff member opens the link the console showed them (after agreeing to the privacy notice like
 * anybody else): this chat receives their "send a test to myself" from now on.
 */
export function staffChatLinkDialog(deps: BotDeps, links: StaffChatLinks): Dialog[] {
  async function redeem(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const profile = await currentProfile(turn, deps);
    if (!profile) {
      await step.context.sendActivity(turn.t('common:needConsent'));
      return step.endDialog();
    }
    // Codes are lower case; someone may type one they read off the screen in capitals.
    const code = ((step.options as StaffChatLinkOptions | undefined)?.code ?? '').trim().toLowerCase();
    const result = await links.redeem(turn.tenant.id, code, profile._id);
    deps.logger.info({ tenantId: turn.tenant.id, channel: turn.account.channel, result }, 'staff chat link redeemed');
    await step.context.sendActivity(turn.t(result === 'linked' ? 'broadcasts:staffLink.linked' : 'broadcasts:staffLink.invalid'));
    return endOrMenu(step);
  }

  return [new WaterfallDialog(STAFF_CHAT_LINK_DIALOG, [redeem])];
}
