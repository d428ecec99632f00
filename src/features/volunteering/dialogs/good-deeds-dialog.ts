import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { choicePromptOptions, createChoicePrompt, type ButtonChoice } from '../../../bot/choices.js';
import { turnServices } from '../../../bot/turn-services.js';
import type { Locale } from '../../../platform/config/config-types.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { DATE_LOCALES } from '../../../platform/i18n/date-locales.js';
import { consented, consentedOf } from '../../../../dialogs/consent-check.js';
import { shorten } from '../../../bot/shorten.js';
import { openHumanIfChosen, withHumanButton } from '../../handoffs/dialogs/handoff-link.js';
import type { MatchReason, OpportunityMatch } from '../domain/opportunities/matching.js';
import { scoreOpportunity } from '../domain/opportunities/matching.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import { matchProfileOf, type Unavailable } from '../domain/opportunities/opportunity-service.js';
import type { VolunteeringServices } from '../volunteering-services.js';
import { MAIN_MENU_DIALOG } from '../../../../dialogs/journey-routing.js';
import { VOLUNTEER_PROFILE_DIALOG, type VolunteerProfileOptions, type VolunteerProfileResult } from './onboarding-dialog.js';
import { questionDialogId, type ContactQuestionOptions } from './volunteer-questions.js';
import { createTextPrompt, isSkipAnswer, MAX_ANSWER, textWithButtons, valuesOf, type RootOptions } from './volunteering-prompts.js';
import type { TranslationKey } from '../../../platform/i18n/translation-keys.js';

export const GOOD_DEEDS_DIALOG = 'goodDeeds';
export const DEED_DIALOG = 'goodDeeds.deed';
export const MY_REGISTRATIONS_DIALOG = 'goodDeeds.mine';
export const DEED_FEEDBACK_DIALOG = 'goodDeeds.feedback';
const LIST_PROMPT = 'goodDeeds.listChoice';
const DEED_PROMPT = 'goodDeeds.deedChoice';
const MINE_PROMPT = 'goodDeeds.mineChoice';
const COMMENT_PROMPT = 'goodDeeds.comment';
const REACH_PROMPT = 'goodDeeds.reach';
const PAGE_SIZE = 3;
/** Withdraw buttons per page of "Meine Anmeldungen". */
const MINE_PAGE_SIZE = 6;

interface MineOptions extends RootOptions {
  offset?: number;
}

export interface GoodDeedsOptions extends RootOptions {
  offset?: number;
  /** i18n key of a line shown above the list. */
  introKey?: TranslationKey;
  fromOnboarding?: boolean;
}

export interface DeedOptions extends RootOptions {
  id: string;
  /** Opened from the list: "other suggestions" and "back" return there. */
  offset?: number;
  fromList?: boolean;
  /** i18n key of a line shown above the details (e.g. "here is the next match"). */
  introKey?: TranslationKey;
}

export interface DeedFeedbackOptions {
  registrationId: string;
  rating: number;
}

interface DeedResult extends VolunteerProfileResult {
  /** The person registered or withdrew: the list closes. */
  done?: boolean;
}

export function formatWhen(opportunity: Pick<Opportunity, 'startsAt' | 'endsAt'>, t: Translate, locale: Locale): string {
  if (!opportunity.startsAt) return t('volunteering:deeds.ongoing');
  const format = new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Berlin',
  });
  return format.format(opportunity.startsAt);
}

export function formatReasons(reasons: readonly MatchReason[], t: Translate): string | null {
  if (reasons.length === 0) return null;
  const words = reasons.slice(0, 4).map((reason) => {
    switch (reason.kind) {
      case 'interest':
        return t(`volunteering:interests.${reason.interest}`);
      case 'district':
        return reason.district;
      case 'online':
        return t('volunteering:deeds.online');
      case 'slot':
        return t(`volunteering:slots.${reason.slot}`);
      case 'skill':
        return reason.skill;
    }
  });
  return t('volunteering:deeds.fits', { list: words.join(', ') });
}

const whereOf = (opportunity: Opportunity, t: Translate): string => (opportunity.online ? t('volunteering:deeds.online') : (opportunity.district ?? ''));

export function goodDeedsDialogs(deps: BotDeps, services: VolunteeringServices): Dialog[] {

  async function finish(step: WaterfallStepContext, result: DeedResult = {}): Promise<DialogTurnResult> {
    if ((step.options as RootOptions | undefined)?.root) return step.replaceDialog(MAIN_MENU_DIALOG);
    return step.endDialog(result);
  }

  // The list: the best matches, a page at a time

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
    const items: ButtonChoice[] = page.map((match, index) => ({ value: `deed${index + 1}`, title: `${offset + index + 1}. ${shorten(match.opportunity.title, 36)}`, synonyms: [match.opportunity.title] }));
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

  // One deed: details, "Ich mache mit" or withdraw

  async function showDeed(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const options = step.options as DeedOptions;
    const who = await consented(step);
    if (!who) return step.endDialog();
    const { profile } = who;
    const details = await services.opportunities.details(turn.tenant.id, options.id, profile._id);
    const registered = details?.registration?.status === 'registered' && details.opportunity.status === 'open';
    if (!details) {
      await step.context.sendActivity(turn.t('volunteering:deeds.unknown'));
      if (options.fromList) return step.endDialog({} satisfies DeedResult);
      return step.replaceDialog(GOOD_DEEDS_DIALOG, { root: true } satisfies GoodDeedsOptions);
    }
    if (details.unavailable && !registered) return nextMatchInstead(step, details.opportunity, details.unavailable);
    const volunteer = await services.volunteers.find(turn.tenant.id, profile._id);
    const reasons = formatReasons(scoreOpportunity(details.opportunity, matchProfileOf(volunteer)).reasons, turn.t);
    if (options.introKey) await step.context.sendActivity(turn.t(options.introKey));
    await step.context.sendActivity(formatDetails(details.opportunity, details.placesLeft, reasons, registered, turn.t, turn.locale));
    const items: ButtonChoice[] = [
      registered ? { value: 'withdraw', title: turn.t('volunteering:deeds.withdraw') } : { value: 'join', title: turn.t('volunteering:deeds.join') },
      { value: 'others', title: turn.t('volunteering:deeds.others') },
      { value: 'back', title: turn.t(options.fromList ? 'common:back' : 'common:mainMenu') },
    ];
    return step.prompt(DEED_PROMPT, choicePromptOptions(turn.t('volunteering:deeds.deedPrompt'), turn.t('volunteering:deeds.deedRetry'), items));
  }

  /** The deed filled up, was withdrawn or is over: say so, and show the next match. */
  async function nextMatchInstead(step: WaterfallStepContext, opportunity: Opportunity, why: Unavailable | 'unknown'): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const options = step.options as DeedOptions;
    await step.context.sendActivity(turn.t(`volunteering:deeds.unavailable.${why}`, { title: opportunity.title }));
    const next = (await services.opportunities.matchesFor(turn.tenant.id, consentedOf(turn)!._id)).find((match) => match.opportunity._id !== opportunity._id);
    if (!next) {
      await step.context.sendActivity(turn.t('volunteering:deeds.none'));
      return finish(step, { done: true });
    }
    return step.replaceDialog(DEED_DIALOG, { ...options, id: next.opportunity._id, introKey: 'volunteering:deeds.nextMatch' } satisfies DeedOptions);
  }

  async function actOnDeed(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const options = step.options as DeedOptions;
    const profile = consentedOf(turn)!;
    switch ((step.result as FoundChoice).value) {
      case 'join': {
        const result = await services.opportunities.register(turn.tenant.id, options.id, profile._id);
        if (result.status === 'unknown') {
          await step.context.sendActivity(turn.t('volunteering:deeds.unknown'));
          return finish(step, { done: true });
        }
        if (result.status === 'already') {
          await step.context.sendActivity(turn.t('volunteering:deeds.already', { title: result.opportunity.title }));
          return finish(step, { done: true });
        }
        if (result.status === 'registered') return confirmRegistration(step, result.opportunity, result.registration._id, result.staffEmailedTo);
        return nextMatchInstead(step, result.opportunity, result.status);
      }
      case 'withdraw': {
        const details = await services.opportunities.details(turn.tenant.id, options.id, profile._id);
        const withdrawn = details?.registration ? await services.opportunities.withdrawRegistration(turn.tenant.id, details.registration._id, profile._id) : null;
        await step.context.sendActivity(turn.t(withdrawn ? 'volunteering:mine.withdrawn' : 'volunteering:mine.notRegistered', { title: details?.opportunity.title ?? '' }));
        return finish(step, { done: true });
      }
      case 'others':
        if (options.fromList) return step.endDialog({} satisfies DeedResult);
        return step.replaceDialog(GOOD_DEEDS_DIALOG, { root: true } satisfies GoodDeedsOptions);
      default:
        return finish(step);
    }
  }

  /**
   * Says what really happened: e-mailed to the deed's contact (or the city's staff address), or
   * waiting for the team in the staff console; and how the person can be reached. Without an e-mail
   * address or phone number nobody can answer (staff cannot write into the chat on their own), so
   * the person is asked for one.
   */
  async function confirmRegistration(step: WaterfallStepContext, opportunity: Opportunity, registrationId: string, staffEmailedTo: string | undefined): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const volunteer = await services.volunteers.find(turn.tenant.id, consentedOf(turn)!._id);
    const vars = { title: opportunity.title, organisation: opportunity.organisation, contact: opportunity.contact.name };
    const lines = [turn.t(staffEmailedTo ? 'volunteering:deeds.registeredEmailed' : 'volunteering:deeds.registeredConsole', vars)];
    const way = volunteer?.contact === 'email' || volunteer?.contact === 'phone' ? volunteer.contact : undefined;
    if (way && volunteer?.contactDetail) {
      lines.push(turn.t('volunteering:deeds.reachBy', { who: staffEmailedTo ? opportunity.contact.name : turn.t('volunteering:deeds.theTeam'), way: turn.t(`volunteering:contactShort.${way}`), detail: volunteer.contactDetail }));
    }
    lines.push(turn.t('volunteering:deeds.withdrawHint'));
    await step.context.sendActivity(lines.join(' '));
    if (opportunity.startsAt) await step.context.sendActivity(turn.t('volunteering:deeds.followUpNote'));
    if (way && volunteer?.contactDetail) return finish(step, { done: true });
    valuesOf(step)['registrationId'] = registrationId;
    valuesOf(step)['deedContact'] = contactLine(opportunity);
    return step.prompt(
      REACH_PROMPT,
      choicePromptOptions(turn.t('volunteering:deeds.askReach'), turn.t('volunteering:deeds.askReachRetry'), [
        { value: 'email', title: turn.t('volunteering:contact.email') },
        { value: 'phone', title: turn.t('volunteering:contact.phone') },
        { value: 'later', title: turn.t('volunteering:deeds.reachLater') },
      ]),
    );
  }

  async function askReachDetail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const way = (step.result as FoundChoice).value;
    if (way === 'email' || way === 'phone') return step.beginDialog(questionDialogId('contact'), { way, editing: true } satisfies ContactQuestionOptions);
    await step.context.sendActivity(turn.t('volunteering:deeds.reachSelf', { contact: String(valuesOf(step)['deedContact']) }));
    return finish(step, { done: true });
  }

  async function afterReachDetail(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const profile = consentedOf(turn);
    if (!profile) return step.endDialog();
    const volunteer = await services.volunteers.find(turn.tenant.id, profile._id);
    const given = (volunteer?.contact === 'email' || volunteer?.contact === 'phone') && volunteer.contactDetail;
    if (given && (await services.opportunities.notifyContactAdded(turn.tenant.id, String(valuesOf(step)['registrationId']), profile._id))) {
      await step.context.sendActivity(turn.t('volunteering:deeds.reachAdded'));
    } else {
      await step.context.sendActivity(turn.t('volunteering:deeds.reachSelf', { contact: String(valuesOf(step)['deedContact']) }));
    }
    return finish(step, { done: true });
  }

  // "Meine Anmeldungen" with withdrawal

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
    const lines = active.map((entry) => `• ${entry.opportunity.title} – ${whereOf(entry.opportunity, turn.t)}, ${formatWhen(entry.opportunity, turn.t, turn.locale)}`);
    await step.context.sendActivity(`${turn.t('volunteering:mine.intro')}\n\n${lines.join('\n')}`);
    const items: ButtonChoice[] = page.map((entry, index) => ({ value: `w${index}`, title: turn.t('volunteering:mine.withdrawButton', { title: shorten(entry.opportunity.title, 30) }) }));
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
    await step.context.sendActivity(turn.t(registration ? 'volunteering:mine.withdrawn' : 'volunteering:mine.notRegistered', { title: opportunity?.title ?? '' }));
    return step.replaceDialog(MY_REGISTRATIONS_DIALOG, { ...(step.options as MineOptions | undefined), offset: valuesOf(step)['offset'] as number } satisfies MineOptions);
  }

  // Follow-up: rating from the action button, then an optional comment, then the next matches

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

  return [
    new WaterfallDialog(GOOD_DEEDS_DIALOG, [showList, openChoice, afterChild]),
    new WaterfallDialog(DEED_DIALOG, [showDeed, actOnDeed, askReachDetail, afterReachDetail]),
    new WaterfallDialog(MY_REGISTRATIONS_DIALOG, [showMine, withdrawChosen]),
    new WaterfallDialog(DEED_FEEDBACK_DIALOG, [saveRating, saveComment]),
    createChoicePrompt(LIST_PROMPT),
    createChoicePrompt(DEED_PROMPT),
    createChoicePrompt(MINE_PROMPT),
    createChoicePrompt(REACH_PROMPT),
    createTextPrompt(COMMENT_PROMPT, (text) => text.trim().length > 0 && text.length <= MAX_ANSWER * 3),
  ];
}

function formatMatchLine(match: OpportunityMatch, number: number, t: Translate, locale: Locale): string {
  const { opportunity } = match;
  const reasons = formatReasons(match.reasons, t);
  return [`${number}. ${opportunity.title}`, `   ${opportunity.organisation} · ${whereOf(opportunity, t)} · ${formatWhen(opportunity, t, locale)}`, ...(reasons ? [`   ${reasons}`] : [])].join('\n');
}

const contactLine = (opportunity: Opportunity): string => [opportunity.contact.name, opportunity.contact.email, opportunity.contact.phone].filter(Boolean).join(', ');

function formatDetails(opportunity: Opportunity, placesLeft: number, reasons: string | null, registered: boolean, t: Translate, locale: Locale): string {
  const contact = contactLine(opportunity);
  return [
    `${opportunity.title}`,
    opportunity.organisation,
    '',
    opportunity.description,
    '',
    t('volunteering:deeds.where', { where: whereOf(opportunity, t) }),
    t('volunteering:deeds.when', { when: formatWhen(opportunity, t, locale) }),
    t('volunteering:deeds.time', { time: opportunity.timeNeeded }),
    t('volunteering:deeds.places', { count: placesLeft }),
    t('volunteering:deeds.contact', { contact }),
    ...(reasons ? ['', reasons] : []),
    ...(registered ? ['', t('volunteering:deeds.youAreIn')] : []),
  ].join('\n');
}
