import type { DialogContext } from 'botbuilder-dialogs';
import { MAIN_MENU_DIALOG, START_DIALOG, type StartOptions } from './foundation-dialog-ids.js';
import { CONSENT_VERSION } from '../foundation/privacy/consent-version.js';
import { consentedProfile } from '../foundation/profiles/profile.js';
import type { TurnServices } from './turn-services.js';

/** True when the person declined the current privacy notice: we do not ask again unasked. */
export function declinedCurrentNotice(turn: TurnServices): boolean {
  return turn.profile?.consent.status === 'declined' && turn.profile.consent.version === CONSENT_VERSION;
}

/** The menu for people who consented, a reminder for those who declined, the start flow for the rest. */
export async function restart(dc: DialogContext, turn: TurnServices): Promise<void> {
  await dc.cancelAllDialogs();
  if (consentedProfile(turn.profile, CONSENT_VERSION)) await dc.beginDialog(MAIN_MENU_DIALOG);
  else if (declinedCurrentNotice(turn)) await dc.context.sendActivity(turn.t('start:declinedReminder'));
  else await dc.beginDialog(START_DIALOG, {} satisfies StartOptions);
}

/** After an interruption (/help, a sticker): ask the open question again, or start over. */
export async function repromptOrRestart(dc: DialogContext, turn: TurnServices): Promise<void> {
  if (dc.activeDialog) await dc.repromptDialog();
  else if (!declinedCurrentNotice(turn)) await restart(dc, turn);
}
