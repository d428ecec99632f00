import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { choicePromptOptions, createChoicePrompt, type ButtonChoice } from '../../../bot/choices.js';
import { consented } from '../../../../dialogs/consent-check.js';
import { PATHWAY_REMINDER_JOB, type PathwayService } from '../domain/pathway-service.js';
import type { JobScheduler } from '../../../platform/scheduler/job-scheduler.js';
import { MAIN_MENU_DIALOG } from '../../../../dialogs/journey-routing.js';
import type { JourneyResult } from '../../../../dialogs/main-menu-dialog.js';
import { PATHWAY_QUESTIONNAIRE_DIALOG, PATHWAY_RESULTS_DIALOG, type QuestionnaireOptions } from './pathway-questionnaire-dialog.js';
import { answersSummary, formatDate, pathwayDetails, resultCard } from './pathway-texts.js';
import { pathwayTitle } from './pathway-translated.js';

export const PATHWAYS_DIALOG = 'pathways';
export const PATHWAY_DETAILS_DIALOG = 'pathwayDetails';
export const MY_PATHWAYS_DIALOG = 'myPathways';
/**
 * "Talk to a person" about pathways (`human-pathways`) or one pathway (`human-pathways-<id>`): the
 * link the handoffs feature answers; without it the pathways offer no such button.
 */
export const PATHWAYS_HANDOFF_LINK = 'human-pathways';
export { PATHWAY_RESULTS_DIALOG };

const MENU_PROMPT = 'pathways.menu';
const RESULTS_PROMPT = 'pathways.results';
const DETAILS_PROMPT = 'pathways.details';
const SAVED_PROMPT = 'pathways.saved';

/** How many results one page shows. */
export const PAGE_SIZE = 3;

export interface ResultsOptions {
  offset?: number;
  /** Only ask again (after details): the cards are still on screen. */
  quiet?: boolean;
}

interface ResultsPage {
  ids: string[];
  offset: number;
}

export interface DetailsOptions {
  pathwayId: string;
  quiet?: boolean;
  /** Opened through a deep link or a reminder's button: back to the main menu at the end. */
  returnToMenu?: boolean;
}

export interface PathwayDialogServices {
  pathways: PathwayService;
  scheduler: JobScheduler;
}

/** "Wege in Arbeit": the entry (questionnaire or menu), results, details, "Meine Wege". */
export function pathwaysDialogs(deps: BotDeps, services: PathwayDialogServices): Dialog[] {
  const { pathways, scheduler } = services;

  // ---- entry ----

  async function entry(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const who = await consented(step, 'pathways:needConsent');
    if (!who) return step.endDialog();
    const { turn, profile } = who;
    const [answers, saved] = await Promise.all([pathways.getAnswers(turn.tenant.id, profile._id), pathways.saved(turn.tenant.id, profile._id)]);
    if (!answers && saved.length === 0) return step.beginDialog(PATHWAY_QUESTIONNAIRE_DIALOG, {} satisfies QuestionnaireOptions);
    const { t } = turn;
    if (answers) {
      const summary = answersSummary(t, answers);
      if (summary) await step.context.sendActivity(t('pathways:known', { summary }));
    }
    const items: ButtonChoice[] = [{ value: 'results', title: t('pathways:actions.results') }];
    if (saved.length > 0) items.push({ value: 'saved', title: t('pathways:actions.saved', { count: saved.length }) });
    items.push({ value: 'change', title: t('pathways:actions.change') }, { value: 'back', title: t('pathways:actions.back') });
    return step.prompt(MENU_PROMPT, choicePromptOptions(t('pathways:menuPrompt'), t('pathways:menuRetry'), items));
  }

  async function entryChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = (step.result as FoundChoice | undefined)?.value;
    (step.values as { choice?: string }).choice = choice;
    switch (choice) {
      case 'results':
        // Unanswered questions (new ones, or a fresh start) are asked first, answered ones not again.
        return step.beginDialog(PATHWAY_QUESTIONNAIRE_DIALOG, {} satisfies QuestionnaireOptions);
      case 'saved':
        return step.beginDialog(MY_PATHWAYS_DIALOG);
      case 'change':
        return step.beginDialog(PATHWAY_QUESTIONNAIRE_DIALOG, { change: true } satisfies QuestionnaireOptions);
      default:
        return step.endDialog(step.result as JourneyResult | undefined);
    }
  }

  async function entryDone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as JourneyResult | undefined;
    // Back from "Meine Wege": the pathways menu again; after the results: the main menu.
    if (!result?.erased && (step.values as { choice?: string }).choice === 'saved') return step.replaceDialog(PATHWAYS_DIALOG);
    return step.endDialog(result);
  }

  // ---- results ----

  async function showResults(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const who = await consented(step, 'pathways:needConsent');
    if (!who) return step.endDialog();
    const { turn, profile } = who;
    const { t, locale } = turn;
    const options = (step.options ?? {}) as ResultsOptions;
    const offset = options.offset ?? 0;
    const answers = (await pathways.getAnswers(turn.tenant.id, profile._id)) ?? {};
    const ranked = await pathways.rank(turn.tenant.id, answers);
    if (ranked.length === 0) {
      await step.context.sendActivity(t('pathways:noPathways', { tenant: turn.tenant.name }));
    } else if (!options.quiet) {
      const page = ranked.slice(offset, offset + PAGE_SIZE);
      if (page.length === 0) await step.context.sendActivity(t('pathways:noMore'));
      else {
        await step.context.sendActivity(t(offset === 0 ? 'pathways:resultsIntro' : 'pathways:resultsMoreIntro'));
        for (const [index, entry] of page.entries()) await step.context.sendActivity(resultCard(t, locale, entry, offset + index + 1));
      }
    }
    const shown = ranked.slice(offset, offset + PAGE_SIZE);
    const page = step.values as ResultsPage;
    page.ids = shown.map((entry) => entry.pathway._id);
    page.offset = offset;
    const items: ButtonChoice[] = shown.map((_, index) => ({ value: `d${index}`, title: t('pathways:actions.details', { n: offset + index + 1 }) }));
    if (ranked.length > offset + PAGE_SIZE) items.push({ value: 'more', title: t('pathways:actions.more') });
    if (deps.journeys.resolveDeepLink(PATHWAYS_HANDOFF_LINK)) items.push({ value: 'handoff', title: t('pathways:actions.handoff') });
    items.push({ value: 'finish', title: t('pathways:actions.finish') });
    return step.prompt(RESULTS_PROMPT, choicePromptOptions(t(options.quiet ? 'pathways:resultsAgainPrompt' : 'pathways:resultsPrompt'), t('pathways:menuRetry'), items));
  }

  async function resultChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = (step.result as FoundChoice).value;
    const { ids, offset } = step.values as ResultsPage;
    if (/^d\d$/.test(choice)) {
      const pathwayId = ids[Number(choice.slice(1))];
      if (pathwayId) return step.beginDialog(PATHWAY_DETAILS_DIALOG, { pathwayId } satisfies DetailsOptions);
    }
    if (choice === 'more') return step.replaceDialog(PATHWAY_RESULTS_DIALOG, { offset: offset + PAGE_SIZE } satisfies ResultsOptions);
    const human = choice === 'handoff' ? deps.journeys.resolveDeepLink(PATHWAYS_HANDOFF_LINK) : null;
    // Inside the pathways the handoff comes back here; opened by its link alone it ends in the menu.
    if (human) return step.beginDialog(human.dialogId, { ...human.options, returnToMenu: false });
    return step.endDialog();
  }

  async function backToResults(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as JourneyResult | undefined)?.erased) return step.endDialog(step.result);
    return step.replaceDialog(PATHWAY_RESULTS_DIALOG, { offset: (step.values as ResultsPage).offset, quiet: true } satisfies ResultsOptions);
  }

  // ---- details of one pathway ----

  async function showDetails(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const who = await consented(step, 'pathways:needConsent');
    if (!who) return step.endDialog();
    const { turn, profile } = who;
    const { t, locale } = turn;
    const options = step.options as DetailsOptions;
    const pathway = await pathways.getOffered(turn.tenant.id, options.pathwayId);
    if (!pathway) {
      await step.context.sendActivity(t('pathways:notOffered'));
      return finishDetails(step);
    }
    if (!options.quiet) await step.context.sendActivity(pathwayDetails(t, locale, pathway));
    const saved = (await pathways.saved(turn.tenant.id, profile._id)).some((entry) => entry.request.pathwayId === pathway._id);
    return step.prompt(
      DETAILS_PROMPT,
      choicePromptOptions(t('pathways:details.prompt'), t('pathways:menuRetry'), [
        saved ? { value: 'unsave', title: t('pathways:actions.unsave') } : { value: 'save', title: t('pathways:actions.save') },
        { value: 'remind', title: t('pathways:actions.remind') },
        ...(deps.journeys.resolveDeepLink(PATHWAYS_HANDOFF_LINK) ? [{ value: 'handoff', title: t('pathways:actions.handoff') }] : []),
        { value: 'back', title: t('pathways:actions.back') },
      ]),
    );
  }

  async function detailsChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const who = await consented(step, 'pathways:needConsent');
    if (!who) return step.endDialog();
    const { turn, profile } = who;
    const { t } = turn;
    const options = step.options as DetailsOptions;
    const tenantId = turn.tenant.id;
    const pathway = await pathways.getOffered(tenantId, options.pathwayId);
    if (!pathway) {
      await step.context.sendActivity(t('pathways:notOffered'));
      return finishDetails(step);
    }
    switch ((step.result as FoundChoice).value) {
      case 'save': {
        const { created } = await pathways.save(tenantId, profile._id, pathway._id);
        await step.context.sendActivity(t(created ? 'pathways:saved' : 'pathways:alreadySaved'));
        return step.replaceDialog(PATHWAY_DETAILS_DIALOG, { ...options, quiet: true } satisfies DetailsOptions);
      }
      case 'unsave':
        await pathways.unsave(tenantId, profile._id, pathway._id);
        await scheduler.cancel({ tenantId, name: PATHWAY_REMINDER_JOB, key: reminderKey(pathway._id, profile._id) });
        await step.context.sendActivity(t('pathways:unsaved'));
        return step.replaceDialog(PATHWAY_DETAILS_DIALOG, { ...options, quiet: true } satisfies DetailsOptions);
      case 'remind': {
        const remindAt = await pathways.planReminder(tenantId, profile._id, pathway._id);
        await scheduler.schedule(PATHWAY_REMINDER_JOB, remindAt, { tenantId, profileId: profile._id, pathwayId: pathway._id }, { key: reminderKey(pathway._id, profile._id) });
        await step.context.sendActivity(t('pathways:reminderPlanned', { date: formatDate(remindAt, turn.locale), title: pathwayTitle(pathway, turn.locale) }));
        return step.replaceDialog(PATHWAY_DETAILS_DIALOG, { ...options, quiet: true } satisfies DetailsOptions);
      }
      case 'handoff': {
        // "Talk to a person about this pathway": the journey that answers the link (the handoffs feature).
        const human = deps.journeys.resolveDeepLink(`${PATHWAYS_HANDOFF_LINK}-${pathway._id}`);
        return human ? step.beginDialog(human.dialogId, { ...human.options, returnToMenu: false }) : finishDetails(step);
      }
      default:
        return finishDetails(step);
    }
  }

  async function afterDetailsHandoff(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as JourneyResult | undefined)?.erased) return step.endDialog(step.result);
    return finishDetails(step);
  }

  function finishDetails(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return (step.options as DetailsOptions).returnToMenu ? step.replaceDialog(MAIN_MENU_DIALOG) : step.endDialog();
  }

  // ---- "Meine Wege" ----

  async function showSaved(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const who = await consented(step, 'pathways:needConsent');
    if (!who) return step.endDialog();
    const { turn, profile } = who;
    const { t, locale } = turn;
    const saved = await pathways.saved(turn.tenant.id, profile._id);
    if (saved.length === 0) {
      await step.context.sendActivity(t('pathways:mySavedEmpty'));
      return step.endDialog();
    }
    const lines = saved.map((entry, index) => {
      const title = entry.pathway ? pathwayTitle(entry.pathway, locale) : entry.request.pathwayId;
      const line = t(entry.offered ? 'pathways:mySavedLine' : 'pathways:mySavedWithdrawn', { n: index + 1, title });
      const reminder = entry.offered && entry.request.remindAt && !entry.request.remindedAt ? t('pathways:mySavedReminder', { date: formatDate(entry.request.remindAt, locale) }) : '';
      return line + reminder;
    });
    await step.context.sendActivity([t('pathways:mySaved'), ...lines].join('\n'));
    const items: ButtonChoice[] = saved
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => entry.offered)
      .slice(0, 8)
      .map(({ entry, index }) => ({ value: `s:${entry.request.pathwayId}`, title: t('pathways:actions.details', { n: index + 1 }) }));
    items.push({ value: 'back', title: t('pathways:actions.back') });
    return step.prompt(SAVED_PROMPT, choicePromptOptions(t('pathways:mySavedPrompt'), t('pathways:menuRetry'), items));
  }

  async function savedChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const value = (step.result as FoundChoice).value;
    if (value.startsWith('s:')) return step.beginDialog(PATHWAY_DETAILS_DIALOG, { pathwayId: value.slice(2) } satisfies DetailsOptions);
    return step.endDialog();
  }

  async function afterSavedDetails(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as JourneyResult | undefined)?.erased) return step.endDialog(step.result);
    return step.replaceDialog(MY_PATHWAYS_DIALOG);
  }

  return [
    new WaterfallDialog(PATHWAYS_DIALOG, [entry, entryChoice, entryDone]),
    new WaterfallDialog(PATHWAY_RESULTS_DIALOG, [showResults, resultChoice, backToResults]),
    new WaterfallDialog(PATHWAY_DETAILS_DIALOG, [showDetails, detailsChoice, afterDetailsHandoff]),
    new WaterfallDialog(MY_PATHWAYS_DIALOG, [showSaved, savedChoice, afterSavedDetails]),
    createChoicePrompt(MENU_PROMPT),
    createChoicePrompt(RESULTS_PROMPT),
    createChoicePrompt(DETAILS_PROMPT),
    createChoicePrompt(SAVED_PROMPT),
  ];
}

/** One pending reminder per person and pathway: asking again moves it. */
export function reminderKey(pathwayId: string, profileId: string): string {
  return `${pathwayId}:${profileId}`;
}
