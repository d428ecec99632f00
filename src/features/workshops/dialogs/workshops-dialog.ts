import type { Dialog } from 'botbuilder-dialogs';
import type { JourneyRegistry } from '../../../bot/journey-registry.js';
import { WORKSHOP_LINK, WORKSHOP_NOGO_LINK, WORKSHOP_QUIET_LINK } from './workshop-messages.js';
import {
  WORKSHOP_DETAILS_DIALOG,
  WORKSHOP_NOGO_DIALOG,
  WORKSHOP_QUIET_DIALOG,
  WORKSHOPS_DIALOG,
  type DetailsOptions,
  type WorkshopDialogDeps,
  type WorkshopOptions,
} from './workshop-dialog-support.js';
import { workshopListDialogs } from './workshop-list-dialog.js';
import { workshopDetailsDialogs } from './workshop-details-dialog.js';
import { myWorkshopsDialogs } from './my-workshops-dialog.js';
import { cannotComeDialogs, remindersOffDialogs } from './workshop-reminder-dialogs.js';

export { MY_WORKSHOPS_DIALOG, WORKSHOP_DETAILS_DIALOG, WORKSHOP_NOGO_DIALOG, WORKSHOP_QUIET_DIALOG, WORKSHOPS_DIALOG } from './workshop-dialog-support.js';
export type { DetailsOptions, WorkshopDialogDeps } from './workshop-dialog-support.js';

/** Deep links: `workshop-nogo-<id>` and `workshop-quiet-<id>` (reminder buttons), `workshop-<id>` (posters). */
export function registerWorkshopJourneys(journeys: JourneyRegistry): void {
  journeys
    .addMenuEntry({ id: 'workshops', titleKey: 'workshops:menuEntry', dialogId: WORKSHOPS_DIALOG, order: 300 })
    .addDeepLink({ prefix: WORKSHOP_NOGO_LINK, dialogId: WORKSHOP_NOGO_DIALOG, options: (rest) => ({ workshopId: rest }) satisfies WorkshopOptions })
    .addDeepLink({ prefix: WORKSHOP_QUIET_LINK, dialogId: WORKSHOP_QUIET_DIALOG, options: (rest) => ({ workshopId: rest }) satisfies WorkshopOptions })
    .addDeepLink({ prefix: WORKSHOP_LINK, dialogId: WORKSHOP_DETAILS_DIALOG, options: (rest) => ({ workshopId: rest }) satisfies DetailsOptions });
}

/**
 * Workshops (journey 6), one file per dialog: the upcoming list (workshop-list-dialog), one workshop
 * (workshop-details-dialog), "my workshops" (my-workshops-dialog), and the two dialogs the reminder
 * buttons open, "cannot come" and "no reminders" (workshop-reminder-dialogs).
 */
export function workshopsDialogs(workshops: WorkshopDialogDeps): Dialog[] {
  return [...workshopListDialogs(workshops), ...workshopDetailsDialogs(workshops), ...myWorkshopsDialogs(workshops), ...cannotComeDialogs(workshops), ...remindersOffDialogs(workshops)];
}
