import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { choicePromptOptions, createChoicePrompt, type ButtonChoice } from '../../../bot/choices.js';
import { turnServices } from '../../../bot/turn-services.js';
import { shorten } from '../../../bot/shorten.js';
import { openHumanIfChosen, withHumanButton } from '../../../bot/human-link.js';
import type { Locale } from '../../../platform/config/config-types.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { consented } from '../../../../dialogs/consent-check.js';
import type { OpportunityMatch } from '../domain/opportunities/matching.js';
import type { VolunteeringServices } from '../volunteering-services.js';
import { VOLUNTEER_PROFILE_DIALOG, type VolunteerProfileOptions } from './onboarding-dialog.js';
import { valuesOf } from './volunteering-prompts.js';
import {
  DEED_DIALOG,
  finish,
  formatReasons,
  formatWhen,
  GOOD_DEEDS_DIALOG,
  MY_REGISTRATIONS_DIALOG,
  whereOf,
  type DeedOptions,
  type DeedResult,
  type GoodDeedsOptions,
} from './good-deeds-dialog-support.js';
import { deedTitle } from './deed-texts.js';

const LIST_PROMPT = 'goodDeeds.listChoice';
const PAGE_SIZE = 3;

/** The list: the best matches, a page at a time; from there one deed, "my registrations" or the volunteer profile. */
export function deedsListDialogs(deps: BotDeps, services: VolunteeringServices): Dialog[] {
  async function showList(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const options = (step.options ?? {}) as GoodDeedsOptions;
    const who = await consented(step);
    if (!who) return step.endDialog();
    const { profile } = who;
    const [matches, volunteer] = await Promise.all([services.opportunities.matchesFor(turn.tenant.id, profile._id), services.volunteers.find(turn.tenant.id, profile._id)]);
    if (matches.length === 0) {
      await step.context.sendActivity(turn.t('volunteering:deeds.none'));
      return finish(step);
    }
    const offset = (options.offset ?? 0) < matches.length ? (options.offset ?? 0) : 0;
    const page = matches.slice(offset, offset + PAGE_SIZE);
    valuesOf(step)['page'] = page.map((match) => match.opportunity._id);
    valuesOf(step)['offset'] = offset;
    valuesOf(step)['hasMore'] = matches.length > offset + PAGE_SIZE;
    const lines = page.map((match, index) => formatMatchLine(match, offset + index + 1, turn.t, turn.locale));
    const head = options.introKey ? turn.t(options.introKey) : turn.t(offset === 0 ? (volunteer?.status === 'complete' ? 'volunteering:deeds.introProfile' : 'volunteering:deeds.intro') : 'volunteering:deeds.introMore');
    const hint = volunteer?.status === 'complete' ? '' : `\n\n${turn.t('volunteering:deeds.profileHint')}`;
    await step.context.sendActivity(`${head}\n\n${lines.join('\n\n')}${hint}`);
    const items: ButtonChoice[] = page.map((match, index) => ({ value: `deed${index + 1}`, title: `${offset + index + 1}. ${shorten(deedTitle(match.opportunity, turn.locale), 36)}`, synonyms: [deedTitle(match.opportunity, turn.locale), match.opportunity.title] }));
    if (valuesOf(step)['hasMore']) items.push({ value: 'more', title: turn.t('volunteering:deeds.more') });
    items.push({ value: 'mine', title: turn.t('volunteering:deeds.mine') });
    if (volunteer?.status !== 'complete') items.push({ value: 'profile', title: turn.t('volunteering:deeds.createProfile') });
    items.push({ value: 'back', title: turn.t('common:back') });
    return step.prompt(LIST_PROMPT, withHumanButton(choicePromptOptions(turn.t('volunteering:deeds.prompt'), turn.t('volunteering:deeds.retry'), items), turn.t, deps));
  }

  async function openChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as GoodDeedsOptions;
    const value = (step.result as FoundChoice).value;
    const offset = valuesOf(step)['offset'] as number;
    if (value.startsWith('deed')) {
      const id = (valuesOf(step)['page'] as string[])[Number(value.slice(4)) - 1];
      if (id) return step.beginDialog(DEED_DIALOG, { id, fromList: true, offset } satisfies DeedOptions);
    }
    if (value === 'more') return step.replaceDialog(GOOD_DEEDS_DIALOG, { ...options, introKey: undefined, offset: offset + PAGE_SIZE });
    if (value === 'mine') return step.beginDialog(MY_REGISTRATIONS_DIALOG);
    // The onboarding ends with its result; the list below shows the new matches (no second list on top).
    if (value === 'profile') return step.beginDialog(VOLUNTEER_PROFILE_DIALOG, { embedded: true } satisfies VolunteerProfileOptions);
    const human = await openHumanIfChosen(step, value, deps);
    if (human) return human;
    return finish(step);
  }

  async function afterChild(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as GoodDeedsOptions;
    const result = (step.result ?? {}) as DeedResult;
    if (result.erased) return step.endDialog(result);
    if (result.done) return finish(step, result);
    if (result.completed) return step.replaceDialog(GOOD_DEEDS_DIALOG, { ...options, introKey: undefined, offset: 0, fromOnboarding: true });
    return step.replaceDialog(GOOD_DEEDS_DIALOG, { ...options, introKey: undefined, offset: valuesOf(step)['offset'] as number });
  }

  return [new WaterfallDialog(GOOD_DEEDS_DIALOG, [showList, openChoice, afterChild]), createChoicePrompt(LIST_PROMPT)];
}

function formatMatchLine(match: OpportunityMatch, number: number, t: Translate, locale: Locale): string {
  const { opportunity } = match;
  const reasons = formatReasons(match.reasons, t);
  return [`${number}. ${deedTitle(opportunity, locale)}`, `   ${opportunity.organisation} · ${whereOf(opportunity, t)} · ${formatWhen(opportunity, t, locale)}`, ...(reasons ? [`   ${reasons}`] : [])].join('\n');
}
