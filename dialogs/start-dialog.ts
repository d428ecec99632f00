import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Locale } from '../src/platform/config/config-types.js';
import type { BotDeps } from '../src/bot/bot-deps.js';
import { choicePromptOptions, createChoicePrompt } from '../src/bot/choices.js';
import { dataSubjectOf } from '../src/bot/data-subject.js';
import { turnServices } from '../src/bot/turn-services.js';
import { CONSENT_VERSION } from '../src/foundation/privacy/consent-version.js';
import { consentedProfile } from '../src/foundation/profiles/profile.js';
import { languageChoices } from './language-choices.js';
import { MAIN_MENU_DIALOG, openJourney } from './journey-routing.js';

import { START_DIALOG, type StartOptions } from '../src/bot/foundation-dialog-ids.js';

export { START_DIALOG, type StartOptions };
const LANGUAGE_PROMPT = 'start.language';
const CONSENT_PROMPT = 'start.consent';


/** Greeting → language → privacy notice and consent → the main menu (or the deep-linked journey). */
export function startDialog(deps: BotDeps): Dialog[] {
  async function greet(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const payload = (step.options as StartOptions | undefined)?.payload;
    (step.values as StartOptions).payload = payload;
    await step.context.sendActivity(turn.t('start:greeting', { tenant: turn.tenant.name }));
    if (consentedProfile(turn.profile, CONSENT_VERSION)) {
      await step.context.sendActivity(turn.t('start:welcomeBack'));
      return openJourney(step, deps, payload);
    }
    return step.prompt(LANGUAGE_PROMPT, choicePromptOptions(turn.t('start:chooseLanguage'), turn.t('start:languageRetry'), languageChoices(deps.translator, turn.tenant.languages, turn.locale)));
  }

  async function askConsent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    turn.useLocale((step.result as FoundChoice).value as Locale);
    if (turn.profile?.consent.status === 'given') await step.context.sendActivity(turn.t('start:reconsent'));
    await step.context.sendActivity(turn.t('start:privacyNotice', { tenant: turn.tenant.name }));
    return step.prompt(
      CONSENT_PROMPT,
      choicePromptOptions(turn.t('start:consentQuestion'), turn.t('start:consentRetry'), [
        { value: 'agree', title: turn.t('start:consentYes') },
        { value: 'decline', title: turn.t('start:consentNo') },
      ]),
    );
  }

  async function recordAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    if ((step.result as FoundChoice).value === 'agree') {
      turn.profile = await deps.profiles.giveConsent(turn.account, CONSENT_VERSION, turn.locale, turn.link);
      await step.context.sendActivity(turn.t('start:consentThanks'));
      return openJourney(step, deps, (step.values as StartOptions).payload);
    }
    // A "no" from an older window after agreeing elsewhere is no withdrawal: that goes through "delete me".
    if (consentedProfile(turn.profile, CONSENT_VERSION)) {
      await step.context.sendActivity(turn.t('start:alreadyAgreed'));
      return step.replaceDialog(MAIN_MENU_DIALOG);
    }
    // Declining keeps nothing but the refusal (and this chat's language): what the chat stored so far
    // (the web transcript, an older consent's profile) goes now, not at the next retention run.
    const subject = await dataSubjectOf(turn, deps);
    const earlierRefusal = turn.profile?.consent.status === 'declined';
    await deps.privacy.eraseAll(earlierRefusal ? { ...subject, profileId: null } : subject);
    await deps.profiles.recordRefusal(turn.account, CONSENT_VERSION);
    turn.profile = null;
    await step.context.sendActivity(turn.t('start:declined'));
    return step.cancelAllDialogs();
  }

  return [
    new WaterfallDialog(START_DIALOG, [greet, askConsent, recordAnswer]),
    createChoicePrompt(LANGUAGE_PROMPT),
    createChoicePrompt(CONSENT_PROMPT, { exact: true }),
  ];
}
