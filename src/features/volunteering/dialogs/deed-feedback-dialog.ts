import { WaterfallDialog, type Dialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { turnServices } from '../../../bot/turn-services.js';
import { consented, consentedOf } from '../../../../dialogs/consent-check.js';
import { MAIN_MENU_DIALOG } from '../../../../dialogs/journey-routing.js';
import type { VolunteeringServices } from '../volunteering-services.js';
import { createTextPrompt, isSkipAnswer, MAX_ANSWER, textWithButtons } from './volunteering-prompts.js';
import { DEED_FEEDBACK_DIALOG, GOOD_DEEDS_DIALOG, type DeedFeedbackOptions, type GoodDeedsOptions } from './good-deeds-dialog-support.js';

const COMMENT_PROMPT = 'goodDeeds.comment';

/** The follow-up: a rating from the action button, then an optional comment, then the next matches. */
export function deedFeedbackDialogs(deps: BotDeps, services: VolunteeringServices): Dialog[] {
  async function saveRating(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const options = step.options as DeedFeedbackOptions;
    const who = await consented(step);
    if (!who) return step.endDialog();
    const { profile } = who;
    const registration = await services.opportunities.saveRating(turn.tenant.id, options.registrationId, profile._id, options.rating);
    if (!registration) {
      await step.context.sendActivity(turn.t('volunteering:feedback.unknown'));
      return step.replaceDialog(MAIN_MENU_DIALOG);
    }
    const skip = { value: 'skip', title: turn.t('volunteering:skip') };
    return step.prompt(COMMENT_PROMPT, textWithButtons(turn.t('volunteering:feedback.commentQuestion', { rating: options.rating }), turn.t('volunteering:feedback.commentRetry'), [skip]));
  }

  async function saveComment(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const options = step.options as DeedFeedbackOptions;
    const text = String(step.result).trim();
    const skipped = isSkipAnswer(text, turn.t, deps);
    if (!skipped) await services.opportunities.saveComment(turn.tenant.id, options.registrationId, consentedOf(turn)!._id, text);
    await step.context.sendActivity(turn.t('volunteering:feedback.thanks'));
    return step.replaceDialog(GOOD_DEEDS_DIALOG, { root: true, introKey: 'volunteering:feedback.nextMatches' } satisfies GoodDeedsOptions);
  }

  return [new WaterfallDialog(DEED_FEEDBACK_DIALOG, [saveRating, saveComment]), createTextPrompt(COMMENT_PROMPT, (text) => text.trim().length > 0 && text.length <= MAX_ANSWER * 3)];
}
