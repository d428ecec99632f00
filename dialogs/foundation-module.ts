import { join } from 'node:path';
import type { Dialog } from 'botbuilder-dialogs';
import type { BotDeps } from '../src/bot/bot-deps.js';
import type { JourneyRegistry } from '../src/bot/journey-registry.js';
import { findProjectRoot } from '../src/platform/config/project-root.js';
import { deleteMeDialog } from './delete-me-dialog.js';
import { HELP_DIALOG, helpDialog } from './help-dialog.js';
import { languageDialog } from './language-dialog.js';
import { mainMenuDialog } from './main-menu-dialog.js';
import { PROFILE_DIALOG, profileDialog } from './profile-dialog.js';
import { startDialog } from './start-dialog.js';
// The foundation's text keys are typed there (declaration merging); imported so every build sees them.
import type {} from './foundation-texts.js';

/**
 * The foundation's texts and the texts every journey shares (common, menu, start, privacy, profile,
 * language, help, the staff console): the top-level locales/ folder.
 */
export const FOUNDATION_TEXTS = join(findProjectRoot(), 'locales');

/** Start and consent, the main menu, "My profile", language, "delete me" and help. */
export function foundationDialogs(deps: BotDeps): Dialog[] {
  return [...startDialog(deps), ...mainMenuDialog(deps), ...profileDialog(deps), ...languageDialog(deps), ...deleteMeDialog(deps), ...helpDialog()];
}

/** The journeys of the foundation; each feature registers its own entries the same way. */
export function registerFoundationJourneys(journeys: JourneyRegistry): JourneyRegistry {
  return journeys
    .addMenuEntry({ id: 'profile', titleKey: 'menu:profile', dialogId: PROFILE_DIALOG, order: 900 })
    .addMenuEntry({ id: 'help', titleKey: 'menu:help', dialogId: HELP_DIALOG, order: 990 });
}
