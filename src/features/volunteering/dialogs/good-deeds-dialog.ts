import type { Dialog } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import type { VolunteeringServices } from '../volunteering-services.js';
import { deedsListDialogs } from './deeds-list-dialog.js';
import { deedDialogs } from './deed-dialog.js';
import { myDeedsDialogs } from './my-deeds-dialog.js';
import { deedFeedbackDialogs } from './deed-feedback-dialog.js';

export {
  DEED_DIALOG,
  DEED_FEEDBACK_DIALOG,
  formatReasons,
  formatWhen,
  GOOD_DEEDS_DIALOG,
  MY_REGISTRATIONS_DIALOG,
  type DeedFeedbackOptions,
  type DeedOptions,
  type GoodDeedsOptions,
} from './good-deeds-dialog-support.js';

/**
 * Good deeds, one file per dialog: the list of matches (deeds-list-dialog), one deed
 * (deed-dialog), "Meine Anmeldungen" (my-deeds-dialog), and the follow-up's rating and comment
 * (deed-feedback-dialog).
 */
export function goodDeedsDialogs(deps: BotDeps, services: VolunteeringServices): Dialog[] {
  return [...deedsListDialogs(deps, services), ...deedDialogs(services), ...myDeedsDialogs(services), ...deedFeedbackDialogs(deps, services)];
}
