import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { choicePromptOptions, createChoicePrompt, type ButtonChoice } from '../../../bot/choices.js';
import { turnServices } from '../../../bot/turn-services.js';
import type { JourneyResult } from '../../../../dialogs/main-menu-dialog.js';
import { formatShortDate } from './workshop-messages.js';
import { seriesTitleIn, workshopTitle } from '../domain/workshop-in-language.js';
import {
  endOrMenu,
  MY_WORKSHOPS_DIALOG,
  short,
  WORKSHOP_DETAILS_DIALOG,
  WORKSHOPS_DIALOG,
  type DetailsOptions,
  type ListOptions,
  type WorkshopDialogDeps,
} from './workshop-dialog-support.js';

const LIST_PROMPT = 'workshops.list.choice';
/** Upcoming workshops shown at once (the rest behind the series filter or later). */
const LIST_LIMIT = 8;

/** The upcoming workshops, with a filter per series and "my workshops". */
export function workshopListDialogs({ service }: WorkshopDialogDeps): Dialog[] {
  async function showList(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t, locale } = turn;
    const options = (step.options ?? {}) as ListOptions;
    const upcoming = await service.listUpcoming(turn.tenant.id, { seriesId: options.seriesId, limit: LIST_LIMIT });
    const series = await service.listSeries(turn.tenant.id);
    const filter = series.find((candidate) => candidate.id === options.seriesId);
    const items: ButtonChoice[] = upcoming.map((workshop) => {
      const title = workshopTitle(workshop, locale);
      // Typed instead of tapped: the title as shown, or the German one (from a poster, say).
      return { value: `w:${workshop._id}`, title: short(t('workshops:listItem', { date: formatShortDate(t, locale, workshop.startsAt), title })), synonyms: [...new Set([title, workshop.title])] };
    });
    if (filter) items.push({ value: 'all', title: t('workshops:allWorkshops') });
    else for (const candidate of series) items.push({ value: `s:${candidate.id}`, title: short(t('workshops:onlySeries', { series: seriesTitleIn(candidate, locale) })) });
    items.push({ value: 'mine', title: t('workshops:myWorkshops') }, { value: 'back', title: t('common:back') });
    const intro = upcoming.length === 0 ? t('workshops:noneUpcoming') : filter ? t('workshops:listIntroSeries', { series: seriesTitleIn(filter, locale) }) : t('workshops:listIntro');
    return step.prompt(LIST_PROMPT, choicePromptOptions(intro, t('workshops:listRetry'), items));
  }

  async function openFromList(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const value = (step.result as FoundChoice).value;
    if (value.startsWith('w:')) return step.beginDialog(WORKSHOP_DETAILS_DIALOG, { workshopId: value.slice(2), fromList: true } satisfies DetailsOptions);
    if (value.startsWith('s:')) return step.replaceDialog(WORKSHOPS_DIALOG, { seriesId: value.slice(2) } satisfies ListOptions);
    if (value === 'all') return step.replaceDialog(WORKSHOPS_DIALOG, {} satisfies ListOptions);
    if (value === 'mine') return step.beginDialog(MY_WORKSHOPS_DIALOG);
    return endOrMenu(step);
  }

  async function backToList(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as JourneyResult | undefined)?.erased) return step.endDialog(step.result);
    return step.replaceDialog(WORKSHOPS_DIALOG, step.options);
  }

  return [new WaterfallDialog(WORKSHOPS_DIALOG, [showList, openFromList, backToList]), createChoicePrompt(LIST_PROMPT)];
}
