import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { choicePromptOptions, createChoicePrompt, type ButtonChoice } from '../../../bot/choices.js';
import { turnServices, type TurnServices } from '../../../bot/turn-services.js';
import type { MyWorkshop } from '../domain/workshop-service.js';
import type { JourneyResult } from '../../../../dialogs/main-menu-dialog.js';
import { formatShortDate } from './workshop-messages.js';
import { workshopTitle } from '../domain/workshop-in-language.js';
import { endOrMenu, MY_WORKSHOPS_DIALOG, short, WORKSHOP_DETAILS_DIALOG, type DetailsOptions, type WorkshopDialogDeps } from './workshop-dialog-support.js';
import { consentedOf } from '../../../../dialogs/consent-check.js';

const MINE_PROMPT = 'workshops.mine.choice';

/** "My workshops": where the person is registered or waiting (and what staff cancelled), reminders on or off for all. */
export function myWorkshopsDialogs({ service }: WorkshopDialogDeps): Dialog[] {
  async function showMine(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t } = turn;
    const profile = consentedOf(turn);
    if (!profile) {
      await step.context.sendActivity(t('common:needConsent'));
      return step.endDialog();
    }
    const mine = await service.myWorkshops(turn.tenant.id, profile._id);
    const remindersOn = await service.remindersWanted(turn.tenant.id, profile._id);
    const items: ButtonChoice[] = mine.map((entry) => ({ value: `w:${entry.workshop._id}`, title: short(listItem(turn, entry)) }));
    items.push(remindersOn ? { value: 'allOff', title: t('workshops:allRemindersOff') } : { value: 'allOn', title: t('workshops:allRemindersOn') });
    items.push({ value: 'back', title: t('common:back') });
    const intro = mine.length === 0 ? t('workshops:mineNone') : t('workshops:mineIntro');
    const text = `${intro}\n${t(remindersOn ? 'workshops:remindersGenerallyOn' : 'workshops:remindersGenerallyOff')}`;
    return step.prompt(MINE_PROMPT, choicePromptOptions(text, t('workshops:listRetry'), items));
  }

  async function actOnMine(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const profile = consentedOf(turn);
    const value = (step.result as FoundChoice).value;
    if (value.startsWith('w:')) return step.beginDialog(WORKSHOP_DETAILS_DIALOG, { workshopId: value.slice(2), fromList: true } satisfies DetailsOptions);
    if ((value === 'allOff' || value === 'allOn') && profile) {
      await service.setAllReminders(turn.tenant.id, profile._id, value === 'allOn');
      await step.context.sendActivity(turn.t(value === 'allOn' ? 'workshops:allRemindersNowOn' : 'workshops:allRemindersNowOff'));
      return step.replaceDialog(MY_WORKSHOPS_DIALOG);
    }
    return endOrMenu(step);
  }

  async function backToMine(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as JourneyResult | undefined)?.erased) return step.endDialog(step.result);
    return step.replaceDialog(MY_WORKSHOPS_DIALOG);
  }

  return [new WaterfallDialog(MY_WORKSHOPS_DIALOG, [showMine, actOnMine, backToMine]), createChoicePrompt(MINE_PROMPT)];
}

/** "22.02. Werkstatt 2: …", marked when the person is waiting or staff cancelled the workshop. */
function listItem({ t, locale }: TurnServices, { workshop, registration }: MyWorkshop): string {
  const key = workshop.status === 'cancelled' ? 'workshops:listItemCancelled' : registration.status === 'waiting' ? 'workshops:listItemWaiting' : 'workshops:listItem';
  return t(key, { date: formatShortDate(t, locale, workshop.startsAt), title: workshopTitle(workshop, locale) });
}
