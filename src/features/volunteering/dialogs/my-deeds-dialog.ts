import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { choicePromptOptions, createChoicePrompt, type ButtonChoice } from '../../../bot/choices.js';
import { turnServices } from '../../../bot/turn-services.js';
import { shorten } from '../../../bot/shorten.js';
import { consented, consentedOf } from '../../../../dialogs/consent-check.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import type { VolunteeringServices } from '../volunteering-services.js';
import { valuesOf, type RootOptions } from './volunteering-prompts.js';
import { finish, formatWhen, MY_REGISTRATIONS_DIALOG, whereOf } from './good-deeds-dialog-support.js';
import { deedTitle } from './deed-texts.js';

const MINE_PROMPT = 'goodDeeds.mineChoice';
/** Withdraw buttons per page of "Meine Anmeldungen". */
const MINE_PAGE_SIZE = 6;

interface MineOptions extends RootOptions {
  offset?: number;
}

/** "Meine Anmeldungen": the person's active registrations, each with a withdraw button. */
export function myDeedsDialogs(services: VolunteeringServices): Dialog[] {
  async function showMine(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const who = await consented(step);
    if (!who) return step.endDialog();
    const { profile } = who;
    const active = (await services.opportunities.registrationsOf(turn.tenant.id, profile._id)).filter(
      (entry): entry is typeof entry & { opportunity: Opportunity } => entry.registration.status === 'registered' && entry.opportunity?.status === 'open',
    );
    if (active.length === 0) {
      await step.context.sendActivity(turn.t('volunteering:mine.none'));
      return finish(step);
    }
    const requested = (step.options as MineOptions | undefined)?.offset ?? 0;
    const offset = requested < active.length ? requested : 0;
    const page = active.slice(offset, offset + MINE_PAGE_SIZE);
    valuesOf(step)['ids'] = page.map((entry) => entry.registration._id);
    valuesOf(step)['offset'] = offset;
    const lines = active.map((entry) => `• ${deedTitle(entry.opportunity, turn.locale)} – ${whereOf(entry.opportunity, turn.t)}, ${formatWhen(entry.opportunity, turn.t, turn.locale)}`);
    await step.context.sendActivity(`${turn.t('volunteering:mine.intro')}\n\n${lines.join('\n')}`);
    const items: ButtonChoice[] = page.map((entry, index) => ({ value: `w${index}`, title: turn.t('volunteering:mine.withdrawButton', { title: shorten(deedTitle(entry.opportunity, turn.locale), 30) }) }));
    if (active.length > offset + MINE_PAGE_SIZE) items.push({ value: 'more', title: turn.t('volunteering:mine.more') });
    items.push({ value: 'back', title: turn.t('common:back') });
    return step.prompt(MINE_PROMPT, choicePromptOptions(turn.t('volunteering:mine.prompt'), turn.t('volunteering:mine.retry'), items));
  }

  async function withdrawChosen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const value = (step.result as FoundChoice).value;
    if (value === 'more') return step.replaceDialog(MY_REGISTRATIONS_DIALOG, { ...(step.options as MineOptions | undefined), offset: (valuesOf(step)['offset'] as number) + MINE_PAGE_SIZE } satisfies MineOptions);
    if (!value.startsWith('w')) return finish(step);
    const id = (valuesOf(step)['ids'] as string[])[Number(value.slice(1))];
    const profile = consentedOf(turn)!;
    const registration = id ? await services.opportunities.withdrawRegistration(turn.tenant.id, id, profile._id) : null;
    const opportunity = registration ? await services.opportunities.findOpportunity(turn.tenant.id, registration.opportunityId) : null;
    await step.context.sendActivity(turn.t(registration ? 'volunteering:mine.withdrawn' : 'volunteering:mine.notRegistered', { title: opportunity ? deedTitle(opportunity, turn.locale) : '' }));
    return step.replaceDialog(MY_REGISTRATIONS_DIALOG, { ...(step.options as MineOptions | undefined), offset: valuesOf(step)['offset'] as number } satisfies MineOptions);
  }

  return [new WaterfallDialog(MY_REGISTRATIONS_DIALOG, [showMine, withdrawChosen]), createChoicePrompt(MINE_PROMPT)];
}
