import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Locale } from '../src/platform/config/config-types.js';
import type { BotDeps } from '../src/bot/bot-deps.js';
import { choicePromptOptions, createChoicePrompt } from '../src/bot/choices.js';
import { turnServices } from '../src/bot/turn-services.js';
import { consentedOf } from './consent-check.js';
import { languageChoices } from './language-choices.js';

import { LANGUAGE_DIALOG } from '../src/bot/foundation-dialog-ids.js';

export { LANGUAGE_DIALOG };
const LANGUAGE_PROMPT = 'language.choice';

/** Change the language; kept in the profile when the person consented, else only in this chat. */
export function languageDialog(deps: BotDeps): Dialog[] {
  async function askLanguage(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, locale, tenant } = turnServices(step.context);
    return step.prompt(LANGUAGE_PROMPT, choicePromptOptions(t('language:prompt'), t('start:languageRetry'), languageChoices(deps.translator, tenant.languages, locale)));
  }

  async function applyLanguage(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    turn.useLocale((step.result as FoundChoice).value as Locale);
    const profile = consentedOf(turn);
    if (profile) await deps.profiles.setLocale(profile, turn.locale);
    await step.context.sendActivity(turn.t('language:changed'));
    return step.endDialog();
  }

  return [new WaterfallDialog(LANGUAGE_DIALOG, [askLanguage, applyLanguage]), createChoicePrompt(LANGUAGE_PROMPT)];
}
