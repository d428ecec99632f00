import type { WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../src/bot/bot-deps.js';
import { turnServices, type TurnServices } from '../src/bot/turn-services.js';
import { CONSENT_VERSION } from '../src/domain/privacy/consent-version.js';
import { consentedProfile, type Profile } from '../src/domain/profiles/profile.js';

/**
 * The person and this turn's services when they consented to the current privacy notice (read fresh
 * from the store: they may have deleted themselves meanwhile); otherwise says so and returns null.
 */
export async function consented(step: WaterfallStepContext, deps: BotDeps, needConsentKey = 'common:needConsent'): Promise<{ turn: TurnServices; profile: Profile } | null> {
  const turn = turnServices(step.context);
  const profile = consentedProfile(await deps.profiles.findByAccount(turn.account), CONSENT_VERSION);
  if (!profile) {
    await step.context.sendActivity(turn.t(needConsentKey));
    return null;
  }
  return { turn, profile };
}
