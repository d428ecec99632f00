import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { choicePromptOptions, createChoicePrompt } from '../../../bot/choices.js';
import { turnServices } from '../../../bot/turn-services.js';
import { formatWhen } from './workshop-messages.js';
import { workshopTitle } from '../domain/workshop-in-language.js';
import { endOrMenu, WORKSHOP_NOGO_DIALOG, WORKSHOP_QUIET_DIALOG, type WorkshopDialogDeps, type WorkshopOptions } from './workshop-dialog-support.js';
import { consentedOf } from '../../../../dialogs/consent-check.js';

const NOGO_PROMPT = 'workshops.nogo.choice';
const QUIET_PROMPT = 'workshops.quiet.choice';

/** "I cannot come" from a reminder: asks once, then frees the seat (the first person waiting moves up). */
export function cannotComeDialogs({ service }: WorkshopDialogDeps): Dialog[] {
  async function askNogo(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t, locale } = turn;
    const profile = consentedOf(turn);
    const workshop = profile ? await service.get(turn.tenant.id, (step.options as WorkshopOptions).workshopId) : null;
    if (!profile || !workshop) {
      await step.context.sendActivity(t('workshops:notFound'));
      return endOrMenu(step);
    }
    const registration = await service.registrationOf(turn.tenant.id, workshop._id, profile._id);
    if (workshop.status === 'cancelled') {
      await step.context.sendActivity(t('workshops:statusCancelled'));
      return endOrMenu(step);
    }
    if (!registration || registration.status === 'cancelled') {
      await step.context.sendActivity(t('workshops:seatAlreadyFree', { title: workshopTitle(workshop, locale) }));
      return endOrMenu(step);
    }
    if (!service.isOpen(workshop)) {
      await step.context.sendActivity(t('workshops:statusPast'));
      return endOrMenu(step);
    }
    return step.prompt(
      NOGO_PROMPT,
      choicePromptOptions(t('workshops:nogoQuestion', { title: workshopTitle(workshop, locale), when: formatWhen(t, locale, workshop) }), t('workshops:nogoRetry'), [
        { value: 'free', title: t('workshops:nogoYes') },
        { value: 'keep', title: t('workshops:nogoNo') },
      ]),
    );
  }

  async function freeSeat(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t, locale } = turn;
    const profile = consentedOf(turn);
    const workshopId = (step.options as WorkshopOptions).workshopId;
    if ((step.result as FoundChoice).value === 'free' && profile) {
      const result = await service.cancel(turn.tenant.id, workshopId, profile._id);
      const title = result.status === 'not-found' ? '' : workshopTitle(result.workshop, locale);
      await step.context.sendActivity(t(result.status === 'cancelled' ? 'workshops:nogoDone' : 'workshops:seatAlreadyFree', { title }));
    } else {
      await step.context.sendActivity(t('workshops:nogoKept'));
    }
    return endOrMenu(step);
  }

  return [new WaterfallDialog(WORKSHOP_NOGO_DIALOG, [askNogo, freeSeat]), createChoicePrompt(NOGO_PROMPT, { exact: true })];
}

/** "No reminders" from a reminder: for this workshop, for all, or keep them. */
export function remindersOffDialogs({ service }: WorkshopDialogDeps): Dialog[] {
  async function askQuiet(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t, locale } = turn;
    const profile = consentedOf(turn);
    const workshop = profile ? await service.get(turn.tenant.id, (step.options as WorkshopOptions).workshopId) : null;
    if (!profile || !workshop) {
      await step.context.sendActivity(t('workshops:notFound'));
      return endOrMenu(step);
    }
    return step.prompt(
      QUIET_PROMPT,
      choicePromptOptions(t('workshops:quietQuestion', { title: workshopTitle(workshop, locale) }), t('workshops:quietRetry'), [
        { value: 'this', title: t('workshops:quietThis') },
        { value: 'all', title: t('workshops:quietAll') },
        { value: 'keep', title: t('workshops:quietKeep') },
      ]),
    );
  }

  async function applyQuiet(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t } = turn;
    const profile = consentedOf(turn);
    const workshopId = (step.options as WorkshopOptions).workshopId;
    const choice = (step.result as FoundChoice).value;
    if (profile && choice === 'this') {
      await service.setReminders(turn.tenant.id, workshopId, profile._id, false);
      await step.context.sendActivity(t('workshops:quietThisDone'));
    } else if (profile && choice === 'all') {
      await service.setAllReminders(turn.tenant.id, profile._id, false);
      await step.context.sendActivity(t('workshops:quietAllDone'));
    } else {
      await step.context.sendActivity(t('workshops:quietKept'));
    }
    return endOrMenu(step);
  }

  return [new WaterfallDialog(WORKSHOP_QUIET_DIALOG, [askQuiet, applyQuiet]), createChoicePrompt(QUIET_PROMPT)];
}
