import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { choicePromptOptions, createChoicePrompt, type ButtonChoice } from '../../../bot/choices.js';
import { encodeDataUri } from '../../../bot/data-uri.js';
import { turnServices, type TurnServices } from '../../../bot/turn-services.js';
import type { Workshop, WorkshopRegistration } from '../domain/workshop.js';
import type { Availability, RegisterResult, WorkshopService } from '../domain/workshop-service.js';
import { calendarFileName } from '../domain/workshop-calendar.js';
import { formatWhen, formatWhere } from './workshop-messages.js';
import { WORKSHOP_DETAILS_DIALOG, WORKSHOPS_DIALOG, type DetailsOptions, type ListOptions, type WorkshopDialogDeps } from './workshop-dialog-support.js';
import { consentedOf } from '../../../../dialogs/consent-check.js';
import { familyKey } from '../../../platform/i18n/translation-keys.js';
import { workshopIn, workshopTitle } from '../domain/workshop-in-language.js';

const DETAILS_PROMPT = 'workshops.details.choice';

/** What the person sees of one workshop and their place at it. */
interface WorkshopView {
  workshop: Workshop;
  registration: WorkshopRegistration | null;
  availability: Availability;
  open: boolean;
}

/** One workshop: the details, then register, waiting list, calendar file, reminders, cancel. */
export function workshopDetailsDialogs(workshops: WorkshopDialogDeps): Dialog[] {
  const { service } = workshops;

  async function showDetails(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t } = turn;
    const options = step.options as DetailsOptions;
    const profile = consentedOf(turn);
    if (!profile) {
      await step.context.sendActivity(t('common:needConsent'));
      return step.endDialog();
    }
    const workshop = await service.get(turn.tenant.id, options.workshopId);
    if (!workshop) {
      await step.context.sendActivity(t('workshops:notFound'));
      return options.fromList ? step.endDialog() : step.replaceDialog(WORKSHOPS_DIALOG, {} satisfies ListOptions);
    }
    const view: WorkshopView = {
      workshop,
      registration: await service.registrationOf(turn.tenant.id, workshop._id, profile._id),
      availability: await service.availability(workshop),
      open: service.isOpen(workshop),
    };
    if (!options.quiet) await step.context.sendActivity(detailsText(turn, workshop));
    return step.prompt(DETAILS_PROMPT, choicePromptOptions(await statusLine(turn, service, view), t('workshops:detailsRetry'), detailButtons(turn, view)));
  }

  async function actOnWorkshop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t, locale } = turn;
    const options = step.options as DetailsOptions;
    const profile = consentedOf(turn);
    const workshop = await service.get(turn.tenant.id, options.workshopId);
    if (!profile || !workshop) return step.endDialog();
    const again = (): Promise<DialogTurnResult> => step.replaceDialog(WORKSHOP_DETAILS_DIALOG, { ...options, quiet: true } satisfies DetailsOptions);
    const title = workshopTitle(workshop, locale);
    const choice = (step.result as FoundChoice).value;
    switch (choice) {
      case 'register':
      case 'waitlist': {
        const result = await service.register(turn.tenant.id, workshop._id, profile._id, { waitingList: choice === 'waitlist' });
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
          attachments: [{ contentType: 'text/calendar', name: calendarFileName(workshop), contentUrl: encodeDataUri('text/calendar', workshops.calendarFile(workshop, locale)) }],
        });
        return again();
      }
      case 'remindersOff':
      case 'remindersOn': {
        const on = choice === 'remindersOn';
        await service.setReminders(turn.tenant.id, workshop._id, profile._id, on);
        await step.context.sendActivity(t(on ? 'workshops:remindersNowOn' : 'workshops:remindersNowOff', { title, when: formatWhen(t, locale, workshop) }));
        return again();
      }
      default:
        return options.fromList ? step.endDialog() : step.replaceDialog(WORKSHOPS_DIALOG, {} satisfies ListOptions);
    }
  }

  return [new WaterfallDialog(WORKSHOP_DETAILS_DIALOG, [showDetails, actOnWorkshop]), createChoicePrompt(DETAILS_PROMPT)];
}

function detailsText({ t, locale }: TurnServices, stored: Workshop): string {
  const { workshop, germanOnly } = workshopIn(stored, locale);
  const organiser = [workshop.organiser.name, workshop.organiser.email, workshop.organiser.phone].filter(Boolean).join(', ');
  return t('workshops:details', {
    title: workshop.title,
    when: formatWhen(t, locale, workshop),
    where: formatWhere(t, workshop),
    // Right below the text it concerns, as with good deeds.
    description: germanOnly ? `${workshop.description}\n\n${t('common:onlyInGerman')}` : workshop.description,
    targetGroup: workshop.targetGroup,
    language: t(familyKey('common:languages.', workshop.language), { defaultValue: workshop.language }),
    organiser,
  });
}

/** Where the person stands: cancelled, past, registered, waiting, seats free or full. */
async function statusLine({ t }: TurnServices, service: WorkshopService, { workshop, registration, availability, open }: WorkshopView): Promise<string> {
  if (workshop.status === 'cancelled') return t('workshops:statusCancelled');
  if (!open) return t('workshops:statusPast');
  if (registration?.status === 'registered') return t(registration.remindersOn ? 'workshops:statusRegistered' : 'workshops:statusRegisteredQuiet');
  if (registration?.status === 'waiting') return t('workshops:statusWaiting', { position: await service.waitingPosition(registration) });
  if (availability.free > 0) return t('workshops:statusFree', { free: availability.free, capacity: availability.capacity });
  return t('workshops:statusFull');
}

function detailButtons({ t }: TurnServices, { registration, availability, open }: WorkshopView): ButtonChoice[] {
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
  return items;
}

function registerAnswer({ t, locale }: TurnServices, result: RegisterResult): string {
  const title = result.status === 'not-found' ? '' : workshopTitle(result.workshop, locale);
  switch (result.status) {
    case 'not-found':
      return t('workshops:notFound');
    case 'past':
      return t('workshops:registerPast', { title });
    case 'cancelled':
      return t('workshops:registerCancelled', { title });
    case 'full':
      return t('workshops:registerFull', { title });
    case 'already-registered':
      return t('workshops:alreadyRegistered', { title });
    case 'waiting':
    case 'already-waiting':
      return t(result.status === 'waiting' ? 'workshops:nowWaiting' : 'workshops:alreadyWaiting', { title, position: result.position });
    case 'registered':
      return t(result.registration.remindersOn ? 'workshops:registered' : 'workshops:registeredQuiet', {
        title,
        when: formatWhen(t, locale, result.workshop),
        where: formatWhere(t, result.workshop),
      });
  }
}
