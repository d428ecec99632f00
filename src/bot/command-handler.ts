import type { DialogContext } from 'botbuilder-dialogs';
import { LANGUAGE_DIALOG, START_DIALOG, type StartOptions } from './foundation-dialog-ids.js';
import { CONSENT_VERSION } from '../foundation/privacy/consent-version.js';
import { consentedProfile } from '../foundation/profiles/profile.js';
import type { BotDeps } from './bot-deps.js';
import type { Command } from './commands.js';
import { declinedCurrentNotice, repromptOrRestart, restart } from './flow-control.js';
import type { TurnServices } from './turn-services.js';

/**
 * The commands of both channels: /start [payload], /menu, /language, /help, /human, /stop, and /open
 * <payload>, which action buttons send (see action-buttons.ts).
 */
export async function runCommand(command: Command, dc: DialogContext, turn: TurnServices, deps: Pick<BotDeps, 'profiles' | 'journeys'>): Promise<void> {
  const { profiles } = deps;
  switch (command.name) {
    case 'open': {
      const route = command.argument ? deps.journeys.resolveDeepLink(command.argument) : null;
      if (!route) {
        await dc.context.sendActivity(turn.t('common:unknownDeepLink'));
        return restart(dc, turn);
      }
      // Journeys behind action buttons are personal: someone new agrees to the privacy notice
      // first, then the journey opens; someone who declined gets the reminder.
      if (!consentedProfile(turn.profile, CONSENT_VERSION)) {
        if (declinedCurrentNotice(turn)) return restart(dc, turn);
        await dc.cancelAllDialogs();
        await dc.beginDialog(START_DIALOG, { payload: command.argument } satisfies StartOptions);
        return;
      }
      await dc.cancelAllDialogs();
      await dc.beginDialog(route.dialogId, route.options);
      return;
    }
    case 'human':
      // "Talk to a person" from anywhere: the journey registered for the command (without one, the
      // link is unknown and the person hears so).
      return runCommand({ name: 'open', argument: deps.journeys.commandLink('human')?.deepLink ?? 'human' }, dc, turn, deps);
    case 'start':
      await dc.cancelAllDialogs();
      await dc.beginDialog(START_DIALOG, { payload: command.argument } satisfies StartOptions);
      return;
    case 'menu':
      return restart(dc, turn);
    case 'language':
      await dc.cancelAllDialogs();
      await dc.beginDialog(LANGUAGE_DIALOG);
      return;
    case 'help':
      await dc.context.sendActivity(turn.t('help:text'));
      return repromptOrRestart(dc, turn);
    case 'stop': {
      // Any profile that ever agreed keeps this wish, also before it re-consents to a newer notice.
      const subscribed = turn.profile?.consent.status === 'given' && turn.profile.announcements.subscribed;
      if (subscribed) await profiles.setAnnouncements(turn.profile!, false);
      await dc.context.sendActivity(turn.t(subscribed ? 'help:stopped' : 'help:stopNothing'));
      return repromptOrRestart(dc, turn);
    }
  }
}
