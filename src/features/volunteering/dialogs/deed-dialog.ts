import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { choicePromptOptions, createChoicePrompt, type ButtonChoice } from '../../../bot/choices.js';
import { turnServices } from '../../../bot/turn-services.js';
import type { Locale } from '../../../platform/config/config-types.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { consented, consentedOf } from '../../../../dialogs/consent-check.js';
import { scoreOpportunity } from '../domain/opportunities/matching.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import { matchProfileOf, type Unavailable } from '../domain/opportunities/opportunity-service.js';
import type { VolunteeringServices } from '../volunteering-services.js';
import { questionDialogId, type ContactQuestionOptions } from './volunteer-questions.js';
import { valuesOf } from './volunteering-prompts.js';
import { DEED_DIALOG, finish, formatReasons, formatWhen, GOOD_DEEDS_DIALOG, whereOf, type DeedOptions, type DeedResult, type GoodDeedsOptions } from './good-deeds-dialog-support.js';
import { deedIn, deedTitle } from './deed-texts.js';

const DEED_PROMPT = 'goodDeeds.deedChoice';
const REACH_PROMPT = 'goodDeeds.reach';

/** One deed: its details, "Ich mache mit" or withdraw, and after registering how staff can reach the person. */
export function deedDialogs(services: VolunteeringServices): Dialog[] {
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
    await step.context.sendActivity(turn.t(`volunteering:deeds.unavailable.${why}`, { title: deedTitle(opportunity, turn.locale) }));
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
          await step.context.sendActivity(turn.t('volunteering:deeds.already', { title: deedTitle(result.opportunity, turn.locale) }));
          return finish(step, { done: true });
        }
        if (result.status === 'registered') return confirmRegistration(step, result.opportunity, result.registration._id, result.staffEmailedTo);
        return nextMatchInstead(step, result.opportunity, result.status);
      }
      case 'withdraw': {
        const details = await services.opportunities.details(turn.tenant.id, options.id, profile._id);
        const withdrawn = details?.registration ? await services.opportunities.withdrawRegistration(turn.tenant.id, details.registration._id, profile._id) : null;
        await step.context.sendActivity(turn.t(withdrawn ? 'volunteering:mine.withdrawn' : 'volunteering:mine.notRegistered', { title: details ? deedTitle(details.opportunity, turn.locale) : '' }));
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
    const vars = { title: deedTitle(opportunity, turn.locale), organisation: opportunity.organisation, contact: opportunity.contact.name };
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

  return [new WaterfallDialog(DEED_DIALOG, [showDeed, actOnDeed, askReachDetail, afterReachDetail]), createChoicePrompt(DEED_PROMPT), createChoicePrompt(REACH_PROMPT)];
}

const contactLine = (opportunity: Opportunity): string => [opportunity.contact.name, opportunity.contact.email, opportunity.contact.phone].filter(Boolean).join(', ');

function formatDetails(deed: Opportunity, placesLeft: number, reasons: string | null, registered: boolean, t: Translate, locale: Locale): string {
  const contact = contactLine(deed);
  const { entry: opportunity, germanOnly } = deedIn(deed, locale);
  return [
    `${opportunity.title}`,
    opportunity.organisation,
    '',
    opportunity.description,
    ...(germanOnly ? ['', t('common:onlyInGerman')] : []),
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
