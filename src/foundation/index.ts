import { HELP_DIALOG } from '../../dialogs/help-dialog.js';
import { PROFILE_DIALOG } from '../../dialogs/profile-dialog.js';
import type { JourneyRegistry } from '../bot/journey-registry.js';

/** The journeys of the foundation; each later feature registers its own entry the same way. */
export function registerFoundationJourneys(journeys: JourneyRegistry): JourneyRegistry {
  return journeys
    .addMenuEntry({ id: 'profile', titleKey: 'menu:profile', dialogId: PROFILE_DIALOG, order: 900 })
    .addMenuEntry({ id: 'help', titleKey: 'menu:help', dialogId: HELP_DIALOG, order: 990 });
}
