import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Locale } from '../../../platform/config/config-types.js';
import type { Workshop } from '../domain/workshop.js';
import type { WorkshopService } from '../domain/workshop-service.js';
import { MAIN_MENU_DIALOG } from '../../../../dialogs/journey-routing.js';
import { shorten } from '../../../bot/shorten.js';

/** Dialog ids of the workshop journeys (stable: they are stored in conversation state). */
export const WORKSHOPS_DIALOG = 'workshops';
export const WORKSHOP_DETAILS_DIALOG = 'workshops.details';
export const WORKSHOP_NOGO_DIALOG = 'workshops.nogo';
export const WORKSHOP_QUIET_DIALOG = 'workshops.quiet';
export const MY_WORKSHOPS_DIALOG = 'workshops.mine';

export interface WorkshopDialogDeps {
  service: WorkshopService;
  /** The calendar file of a workshop as the public route serves it (null without PUBLIC_URL). */
  calendarUrl(tenantId: string, workshop: Workshop): string | null;
  /** The .ics text of a workshop, its texts in the person's language. */
  calendarFile(workshop: Workshop, locale: Locale): string;
}

export interface ListOptions {
  seriesId?: string;
}

export interface DetailsOptions {
  workshopId: string;
  /** Opened from a list: "back" returns there. */
  fromList?: boolean;
  /** After an action: only the buttons again, not the whole description. */
  quiet?: boolean;
}

/** Options of the dialogs a reminder button opens. */
export interface WorkshopOptions {
  workshopId: string;
}

/** Button titles stay short (Telegram and the web chat cut long ones badly). */
export const short = (text: string): string => shorten(text, 60);

/** Back to whoever opened this dialog; the main menu when a link opened it directly. */
export function endOrMenu(step: WaterfallStepContext, result?: unknown): Promise<DialogTurnResult> {
  return step.stack.length > 1 ? step.endDialog(result) : step.replaceDialog(MAIN_MENU_DIALOG);
}


