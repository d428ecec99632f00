import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../src/bot/bot-deps.js';
import { choicePromptOptions, createChoicePrompt, type ButtonChoice } from '../src/bot/choices.js';
import { encodeDataUri } from '../src/bot/data-uri.js';
import { turnServices, type TurnServices } from '../src/bot/turn-services.js';
import type { JourneyRegistry } from '../src/bot/journey-registry.js';
import { CONSENT_VERSION } from '../src/domain/privacy/consent-version.js';
import { consentedProfile, type Profile } from '../src/domain/profiles/profile.js';
import type { Workshop } from '../src/domain/workshops/workshop.js';
import type { RegisterResult, WorkshopService } from '../src/domain/workshops/workshop-service.js';
import { calendarFileName } from '../src/domain/workshops/workshop-calendar.js';
import { MAIN_MENU_DIALOG } from './journey-routing.js';
import type { JourneyResult } from './main-menu-dialog.js';
import { formatShortDate, formatWhen, formatWhere, workshopTitle, WORKSHOP_LINK, WORKSHOP_NOGO_LINK, WORKSHOP_QUIET_LINK } from './workshop-messages.js';

export const WORKSHOPS_DIALOG = 'workshops';
export const WORKSHOP_DETAILS_DIALOG = 'workshops.details';
export const WORKSHOP_NOGO_DIALOG = 'workshops.nogo';
export const WORKSHOP_QUIET_DIALOG = 'workshops.quiet';
export const MY_WORKSHOPS_DIALOG = 'workshops.mine';

const LIST_PROMPT = 'workshops.list.choice';
const DETAILS_PROMPT = 'workshops.details.choice';
const NOGO_PROMPT = 'workshops.nogo.choice';
const QUIET_PROMPT = 'workshops.quiet.choice';
const MINE_PROMPT = 'workshops.mine.choice';

/** Upcoming workshops shown at once (the rest behind the series filter or later). */
const LIST_LIMIT = 8;
const BUTTON_TITLE_MAX = 60;

export interface WorkshopDialogDeps {
  service: WorkshopService;
  /** The calendar file of a workshop as the public route serves it (null without PUBLIC_URL). */
  calendarUrl(tenantId: string, workshop: Workshop): string | null;
  /** The .ics text of a workshop. */
  calendarFile(workshop: Workshop): string;
}

interface ListOptions {
  seriesId?: string;
}

export interface DetailsOptions {
  workshopId: string;
  /** Opened from a list: "back" returns there. */
  fromList?: boolean;
  /** After an action: only the buttons again, not the whole description. */
  quiet?: boolean;
}

interface WorkshopOptions {
  workshopId: string;
}

/** Deep links: `workshop-nogo-<id>` and `workshop-quiet-<id>` (reminder buttons), `workshop-<id>` (posters). */
export function registerWorkshopJourneys(journeys: JourneyRegistry): void {
  journeys
    .addMenuEntry({ id: 'workshops', titleKey: 'workshops:menuEntry', dialogId: WORKSHOPS_DIALOG, order: 300 })
    .addDeepLink({ prefix: WORKSHOP_NOGO_LINK, dialogId: WORKSHOP_NOGO_DIALOG, options: (rest) => ({ workshopId: rest }) satisfies WorkshopOptions })
    .addDeepLink({ prefix: WORKSHOP_QUIET_LINK, dialogId: WORKSHOP_QUIET_DIALOG, options: (rest) => ({ workshopId: rest }) satisfies WorkshopOptions })
    .addDeepLink({ prefix: WORKSHOP_LINK, dialogId: WORKSHOP_DETAILS_DIALOG, options: (rest) => ({ workshopId: rest }) satisfies DetailsOptions });
}

const short = (text: string): string => (text.length > BUTTON_TITLE_MAX ? `${text.slice(0, BUTTON_TITLE_MAX - 1)}…` : text);

/** Back to whoever opened this dialog; the main menu when a link opened it directly. */
function endOrMenu(step: WaterfallStepContext, result?: unknown): Promise<DialogTurnResult> {
  return step.stack.length > 1 ? step.endDialog(result) : step.replaceDialog(MAIN_MENU_DIALOG);
}

function profileOf(turn: TurnServices): Profile | null {
  return consentedProfile(turn.profile, CONSENT_VERSION);
}

/** Workshops: the upcoming list with a series filter, details, register and cancel, "my workshops". */
export function workshopsDialogs(deps: BotDeps, workshops: WorkshopDialogDeps): Dialog[] {
  const { service } = workshops;

  // ----- the upcoming list -----

  async function showList(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t, locale } = turn;
    const options = (step.options ?? {}) as ListOptions;
    const upcoming = await service.listUpcoming(turn.tenant.id, { seriesId: options.seriesId, limit: LIST_LIMIT });
    const series = await service.listSeries(turn.tenant.id);
    const filter = series.find((candidate) => candidate.id === options.seriesId);
    const items: ButtonChoice[] = upcoming.map((workshop) => ({
      value: `w:${workshop._id}`,
      title: short(t('workshops:listItem', { date: formatShortDate(t, locale, workshop.startsAt), title: workshopTitle(t, workshop) })),
    }));
    if (filter) items.push({ value: 'all', title: t('workshops:allWorkshops') });
    else for (const candidate of series) items.push({ value: `s:${candidate.id}`, title: short(t('workshops:onlySeries', { series: candidate.title })) });
    items.push({ value: 'mine', title: t('workshops:myWorkshops') }, { value: 'back', title: t('common:back') });
    const intro = upcoming.length === 0 ? t('workshops:noneUpcoming') : filter ? t('workshops:listIntroSeries', { series: filter.title }) : t('workshops:listIntro');
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

  // ----- one workshop -----

  async function showDetails(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t, locale } = turn;
    const options = step.options as DetailsOptions;
    const profile = profileOf(turn);
    if (!profile) {
      await step.context.sendActivity(t('common:needConsent'));
      return step.endDialog();
    }
    const workshop = await service.get(turn.tenant.id, options.workshopId);
    if (!workshop) {
      await step.context.sendActivity(t('workshops:notFound'));
      return options.fromList ? step.endDialog() : step.replaceDialog(WORKSHOPS_DIALOG, {} satisfies ListOptions);
    }
    const registration = await service.registrationOf(turn.tenant.id, workshop._id, profile._id);
    const availability = await service.availability(workshop);
    const open = service.isOpen(workshop);
    let status: string;
    if (workshop.status === 'cancelled') status = t('workshops:statusCancelled');
    else if (!open) status = t('workshops:statusPast');
    else if (registration?.status === 'registered') status = t(registration.remindersOn ? 'workshops:statusRegistered' : 'workshops:statusRegisteredQuiet');
    else if (registration?.status === 'waiting') status = t('workshops:statusWaiting', { position: await service.waitingPosition(registration) });
    else if (availability.free > 0) status = t('workshops:statusFree', { free: availability.free, capacity: availability.capacity });
    else status = t('workshops:statusFull');

    if (!options.quiet) {
      const organiser = [workshop.organiser.name, workshop.organiser.email, workshop.organiser.phone].filter(Boolean).join(', ');
      await step.context.sendActivity(
        t('workshops:details', {
          title: workshopTitle(t, workshop),
          when: formatWhen(t, locale, workshop),
          where: formatWhere(t, workshop),
          description: workshop.description,
          targetGroup: workshop.targetGroup,
          language: t(`common:languages.${workshop.language}`, { defaultValue: workshop.language }),
          organiser,
        }),
      );
    }
    const items: ButtonChoice[] = [];
    if (open && registration?.status === 'registered') {
      items.push(
        { value: 'calendar', title: t('workshops:addToCalendar') },
        registration.remindersOn ? { value: 'remindersOff', title: t('workshops:remindersOff') } : { value: 'remindersOn', title: t('workshops:remindersOn') },
        { value: 'cancel', title: t('workshops:cancelSeat') },
      );
    } else if (open && registration?.status === 'waiting') {
      items.push({ value: 'cancel', title: t('workshops:leaveWaitingList') });
    } else if (open) {
      items.push(availability.free > 0 ? { value: 'register', title: t('workshops:register') } : { value: 'waitlist', title: t('workshops:joinWaitingList') });
    }
    if (open && registration?.status !== 'registered') items.push({ value: 'calendar', title: t('workshops:addToCalendar') });
    items.push({ value: 'back', title: t('common:back') });
    return step.prompt(DETAILS_PROMPT, choicePromptOptions(status, t('workshops:detailsRetry'), items));
  }

  async function actOnWorkshop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t, locale } = turn;
    const options = step.options as DetailsOptions;
    const profile = profileOf(turn);
    const workshop = await service.get(turn.tenant.id, options.workshopId);
    if (!profile || !workshop) return step.endDialog();
    const again = (): Promise<DialogTurnResult> => step.replaceDialog(WORKSHOP_DETAILS_DIALOG, { ...options, quiet: true } satisfies DetailsOptions);
    const title = workshopTitle(t, workshop);
    switch ((step.result as FoundChoice).value) {
      case 'register':
      case 'waitlist': {
        const result = await service.register(turn.tenant.id, workshop._id, profile._id, { waitingList: (step.result as FoundChoice).value === 'waitlist' });
        await step.context.sendActivity(registerAnswer(turn, result));
        return again();
      }
      case 'cancel': {
        const result = await service.cancel(turn.tenant.id, workshop._id, profile._id);
        const key = result.status !== 'cancelled' ? 'workshops:notRegistered' : result.wasWaiting ? 'workshops:leftWaitingList' : 'workshops:seatCancelled';
        await step.context.sendActivity(t(key, { title }));
        return again();
      }
      case 'calendar': {
        const url = workshops.calendarUrl(turn.tenant.id, workshop);
        await step.context.sendActivity({
          type: 'message',
          text: url ? t('workshops:calendarWithUrl', { url }) : t('workshops:calendar'),
          attachments: [{ contentType: 'text/calendar', name: calendarFileName(workshop), contentUrl: encodeDataUri('text/calendar', workshops.calendarFile(workshop)) }],
        });
        return again();
      }
      case 'remindersOff':
      case 'remindersOn': {
        const on = (step.result as FoundChoice).value === 'remindersOn';
        await service.setReminders(turn.tenant.id, workshop._id, profile._id, on);
        await step.context.sendActivity(t(on ? 'workshops:remindersNowOn' : 'workshops:remindersNowOff', { title, when: formatWhen(t, locale, workshop) }));
        return again();
      }
      default:
        return options.fromList ? step.endDialog() : step.replaceDialog(WORKSHOPS_DIALOG, {} satisfies ListOptions);
    }
  }

  function registerAnswer(turn: TurnServices, result: RegisterResult): string {
    const { t, locale } = turn;
    switch (result.status) {
      case 'not-found':
        return t('workshops:notFound');
      case 'past':
        return t('workshops:registerPast', { title: workshopTitle(t, result.workshop) });
      case 'cancelled':
        return t('workshops:registerCancelled', { title: workshopTitle(t, result.workshop) });
      case 'full':
        return t('workshops:registerFull', { title: workshopTitle(t, result.workshop) });
      case 'already-registered':
        return t('workshops:alreadyRegistered', { title: workshopTitle(t, result.workshop) });
      case 'waiting':
      case 'already-waiting':
        return t(result.status === 'waiting' ? 'workshops:nowWaiting' : 'workshops:alreadyWaiting', { title: workshopTitle(t, result.workshop), position: result.position });
      case 'registered':
        return t(result.registration.remindersOn ? 'workshops:registered' : 'workshops:registeredQuiet', {
          title: workshopTitle(t, result.workshop),
          when: formatWhen(t, locale, result.workshop),
          where: formatWhere(t, result.workshop),
        });
    }
  }

  // ----- "cannot come" from a reminder -----

  async function askNogo(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t, locale } = turn;
    const profile = profileOf(turn);
    const workshop = profile ? await service.get(turn.tenant.id, (step.options as WorkshopOptions).workshopId) : null;
    if (!profile || !workshop) {
      await step.context.sendActivity(t('workshops:notFound'));
      return endOrMenu(step);
    }
    const registration = await service.registrationOf(turn.tenant.id, workshop._id, profile._id);
    if (!registration || registration.status === 'cancelled') {
      await step.context.sendActivity(t('workshops:seatAlreadyFree', { title: workshopTitle(t, workshop) }));
      return endOrMenu(step);
    }
    if (!service.isOpen(workshop)) {
      await step.context.sendActivity(t(workshop.status === 'cancelled' ? 'workshops:statusCancelled' : 'workshops:statusPast'));
      return endOrMenu(step);
    }
    return step.prompt(
      NOGO_PROMPT,
      choicePromptOptions(t('workshops:nogoQuestion', { title: workshopTitle(t, workshop), when: formatWhen(t, locale, workshop) }), t('workshops:nogoRetry'), [
        { value: 'free', title: t('workshops:nogoYes') },
        { value: 'keep', title: t('workshops:nogoNo') },
      ]),
    );
  }

  async function freeSeat(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t } = turn;
    const profile = profileOf(turn);
    const workshopId = (step.options as WorkshopOptions).workshopId;
    if ((step.result as FoundChoice).value === 'free' && profile) {
      const result = await service.cancel(turn.tenant.id, workshopId, profile._id);
      const title = result.status === 'not-found' ? '' : workshopTitle(t, result.workshop);
      await step.context.sendActivity(t(result.status === 'cancelled' ? 'workshops:nogoDone' : 'workshops:seatAlreadyFree', { title }));
    } else {
      await step.context.sendActivity(t('workshops:nogoKept'));
    }
    return endOrMenu(step);
  }

  // ----- "no more reminders" from a reminder -----

  async function askQuiet(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t } = turn;
    const profile = profileOf(turn);
    const workshop = profile ? await service.get(turn.tenant.id, (step.options as WorkshopOptions).workshopId) : null;
    if (!profile || !workshop) {
      await step.context.sendActivity(t('workshops:notFound'));
      return endOrMenu(step);
    }
    return step.prompt(
      QUIET_PROMPT,
      choicePromptOptions(t('workshops:quietQuestion', { title: workshopTitle(t, workshop) }), t('workshops:quietRetry'), [
        { value: 'this', title: t('workshops:quietThis') },
        { value: 'all', title: t('workshops:quietAll') },
        { value: 'keep', title: t('workshops:quietKeep') },
      ]),
    );
  }

  async function applyQuiet(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t } = turn;
    const profile = profileOf(turn);
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

  // ----- my workshops -----

  async function showMine(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t, locale } = turn;
    const profile = profileOf(turn);
    if (!profile) {
      await step.context.sendActivity(t('common:needConsent'));
      return step.endDialog();
    }
    const mine = await service.myWorkshops(turn.tenant.id, profile._id);
    const remindersOn = await service.remindersWanted(turn.tenant.id, profile._id);
    const items: ButtonChoice[] = mine.map(({ workshop, registration }) => ({
      value: `w:${workshop._id}`,
      title: short(
        t(registration.status === 'waiting' ? 'workshops:listItemWaiting' : 'workshops:listItem', {
          date: formatShortDate(t, locale, workshop.startsAt),
          title: workshopTitle(t, workshop),
        }),
      ),
    }));
    items.push(remindersOn ? { value: 'allOff', title: t('workshops:allRemindersOff') } : { value: 'allOn', title: t('workshops:allRemindersOn') });
    items.push({ value: 'back', title: t('common:back') });
    const intro = mine.length === 0 ? t('workshops:mineNone') : t('workshops:mineIntro');
    return step.prompt(MINE_PROMPT, choicePromptOptions(`${intro}\n${t(remindersOn ? 'workshops:remindersGenerallyOn' : 'workshops:remindersGenerallyOff')}`, t('workshops:listRetry'), items));
  }

  async function actOnMine(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const profile = profileOf(turn);
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

  void deps;
  return [
    new WaterfallDialog(WORKSHOPS_DIALOG, [showList, openFromList, backToList]),
    new WaterfallDialog(WORKSHOP_DETAILS_DIALOG, [showDetails, actOnWorkshop]),
    new WaterfallDialog(WORKSHOP_NOGO_DIALOG, [askNogo, freeSeat]),
    new WaterfallDialog(WORKSHOP_QUIET_DIALOG, [askQuiet, applyQuiet]),
    new WaterfallDialog(MY_WORKSHOPS_DIALOG, [showMine, actOnMine, backToMine]),
    createChoicePrompt(LIST_PROMPT),
    createChoicePrompt(DETAILS_PROMPT),
    createChoicePrompt(NOGO_PROMPT, { exact: true }),
    createChoicePrompt(QUIET_PROMPT),
    createChoicePrompt(MINE_PROMPT),
  ];
}
