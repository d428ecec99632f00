import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { turnServices, type TurnServices } from '../src/bot/turn-services.js';
import { CONSENT_VERSION } from '../src/foundation/privacy/consent-version.js';
import { consentedProfile, type Profile } from '../src/foundation/profiles/profile.js';
import type { TranslationKey } from '../src/platform/i18n/translation-keys.js';

/**
 * The person of this turn when they consented to the current privacy notice, otherwise null. The bot
 * loads the profile at the start of every turn (so "delete me" in another tab counts from the next
 * message on), and consent or "delete me" within the turn update it.
 */
export function consentedOf(turn: TurnServices): Profile | null {
  return consentedProfile(turn.profile, CONSENT_VERSION);
}

/**
 * The person and this turn's services when they consented to the current privacy notice; otherwise
 * says so and returns null.
 */
export async function consented(step: WaterfallStepContext, needConsentKey: TranslationKey = 'common:needConsent'): Promise<{ turn: TurnServices; profile: Profile } | null> {
  const turn = turnServices(step.context);
  const profile = consentedOf(turn);
  if (!profile) {
    await step.context.sendActivity(turn.t(needConsentKey));
    return null;
  }
  return { turn, profile };
}
