import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { choicePromptOptions, createChoicePrompt } from '../../../bot/choices.js';
import { turnServices, type TurnServices } from '../../../bot/turn-services.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import type { Profile } from '../../../foundation/profiles/profile.js';
import { consented, consentedOf } from '../../../../dialogs/consent-check.js';
import { nextOpenField, VOLUNTEER_FIELDS, type VolunteerField, type VolunteerProfile } from '../domain/volunteers/volunteer-profile.js';
import type { VolunteeringServices } from '../volunteering-services.js';
import type { JourneyResult } from '../../../../dialogs/main-menu-dialog.js';
import { questionDialogId } from './volunteer-questions.js';
import { valuesOf } from './volunteering-prompts.js';

/** The volunteer profile: the onboarding for newcomers, the summary with "change one answer" afterwards. */
export const VOLUNTEER_PROFILE_DIALOG = 'volunteerProfile';
const NEXT_QUESTION_DIALOG = 'volunteerProfile.next';
const SUMMARY_DIALOG = 'volunteerProfile.summary';
const RESUME_PROMPT = 'volunteerProfile.resume';
const SUMMARY_PROMPT = 'volunteerProfile.summaryChoice';
const FIELD_PROMPT = 'volunteerProfile.field';

/** Where the onboarding goes once the person confirmed: the good deeds that fit (set by the feature). */
export interface OnboardingLinks {
  afterConfirmDialogId: string;
}

interface SummaryOptions {
  mode: 'onboarding' | 'edit';
}

export interface VolunteerProfileOptions {
  /** Begun by a journey that shows its own next step (the good-deeds list): only end with the result. */
  embedded?: boolean;
}

/** How the volunteer profile dialog ended. */
export interface VolunteerProfileResult extends JourneyResult {
  /** The onboarding was just confirmed. */
  completed?: boolean;
}

export function formatVolunteerSummary(t: Translate, profile: VolunteerProfile | null): string {
  const none = t('volunteering:noAnswerShort');
  const list = (values: readonly string[]): string => (values.length > 0 ? values.join(', ') : none);
  const place = profile?.district ? (profile.city ? `${profile.district} (${profile.city})` : profile.district) : (profile?.city ?? none);
  const contact = profile?.contact ? `${t(`volunteering:contactShort.${profile.contact}`)}${profile.contactDetail ? `: ${profile.contactDetail}` : ''}` : none;
  return t('volunteering:summary', {
    name: profile?.firstName ?? none,
    place,
    interests: list((profile?.interests ?? []).map((id) => t(`volunteering:interests.${id}`))),
    skills: list(profile?.skills ?? []),
    slots: list((profile?.slots ?? []).map((id) => t(`volunteering:slots.${id}`))),
    hours: profile?.hoursPerMonth !== undefined ? t('volunteering:hoursValue', { count: profile.hoursPerMonth }) : none,
    contact,
  });
}

export function onboardingDialogs(deps: BotDeps, services: VolunteeringServices, links: OnboardingLinks): Dialog[] {
  const load = (turn: TurnServices, profile: Profile): Promise<VolunteerProfile | null> => services.volunteers.find(turn.tenant.id, profile._id);

  // Entry: newcomers start, people who left in the middle continue or start over, others edit.

  async function enter(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const who = await consented(step);
    if (!who) return step.endDialog();
    const { profile } = who;
    const volunteer = await load(turn, profile);
    if (volunteer?.status === 'complete') {
      valuesOf(step)['editing'] = true;
      return step.beginDialog(SUMMARY_DIALOG, { mode: 'edit' } satisfies SummaryOptions);
    }
    if (volunteer && volunteer.answered.length > 0) {
      return step.prompt(
        RESUME_PROMPT,
        choicePromptOptions(turn.t('volunteering:resume.question'), turn.t('volunteering:resume.retry'), [
          { value: 'continue', title: turn.t('volunteering:resume.continue') },
          { value: 'restart', title: turn.t('volunteering:resume.restart') },
        ]),
      );
    }
    await step.context.sendActivity(turn.t('volunteering:intro'));
    return step.next();
  }

  async function afterResume(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (valuesOf(step)['editing']) return step.endDialog(step.result);
    const turn = turnServices(step.context);
    const choice = (step.result as FoundChoice | undefined)?.value;
    if (choice === 'restart') {
      await services.volunteers.restart(turn.tenant.id, consentedOf(turn)!._id, services.clock());
      await step.context.sendActivity(turn.t('volunteering:resume.restarted'));
    } else if (choice === 'continue') {
      await step.context.sendActivity(turn.t('volunteering:resume.continuing'));
    }
    return step.beginDialog(NEXT_QUESTION_DIALOG);
  }

  /** Confirmed: the matches follow, unless the caller shows them itself (it gets the result). */
  async function afterFlow(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = (step.result ?? {}) as VolunteerProfileResult;
    if (result.completed && !(step.options as VolunteerProfileOptions | undefined)?.embedded) return step.replaceDialog(links.afterConfirmDialogId, { fromOnboarding: true });
    return step.endDialog(result);
  }

  // The loop: the first open question, until every one is answered; then the summary.

  async function askNext(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const profile = consentedOf(turn);
    if (!profile) return step.endDialog();
    const field = nextOpenField(await load(turn, profile));
    if (!field) return step.replaceDialog(SUMMARY_DIALOG, { mode: 'onboarding' } satisfies SummaryOptions);
    return step.beginDialog(questionDialogId(field));
  }

  async function afterAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(NEXT_QUESTION_DIALOG);
  }

  // The summary: confirm, or change one answer (also later from "Mein Profil").

  const fieldItems = (t: Translate) => [
    ...VOLUNTEER_FIELDS.map((field) => ({ value: field, title: t(`volunteering:fields.${field}`) })),
    { value: 'back', title: t('common:back') },
  ];

  async function showSummary(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const options = step.options as SummaryOptions;
    const profile = consentedOf(turn);
    if (!profile) return step.endDialog();
    const volunteer = await load(turn, profile);
    await step.context.sendActivity(formatVolunteerSummary(turn.t, volunteer));
    if (options.mode === 'edit') {
      return step.prompt(FIELD_PROMPT, choicePromptOptions(turn.t('volunteering:whichAnswer'), turn.t('volunteering:whichAnswerRetry'), fieldItems(turn.t)));
    }
    return step.prompt(
      SUMMARY_PROMPT,
      choicePromptOptions(turn.t('volunteering:confirmQuestion'), turn.t('volunteering:confirmRetry'), [
        { value: 'confirm', title: turn.t('volunteering:confirm') },
        { value: 'change', title: turn.t('volunteering:changeOne') },
      ]),
    );
  }

  async function confirmOrChoose(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const options = step.options as SummaryOptions;
    const value = (step.result as FoundChoice).value;
    if (options.mode === 'edit') return step.next({ value });
    if (value === 'confirm') {
      await services.volunteers.complete(turn.tenant.id, consentedOf(turn)!._id, services.clock());
      await step.context.sendActivity(turn.t('volunteering:saved'));
      return step.endDialog({ completed: true } satisfies VolunteerProfileResult);
    }
    return step.prompt(FIELD_PROMPT, choicePromptOptions(turn.t('volunteering:whichAnswer'), turn.t('volunteering:whichAnswerRetry'), fieldItems(turn.t)));
  }

  async function askField(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as SummaryOptions;
    const value = (step.result as FoundChoice).value;
    if (value === 'back') {
      if (options.mode === 'edit') return step.endDialog({} satisfies JourneyResult);
      return step.replaceDialog(SUMMARY_DIALOG, { mode: options.mode } satisfies SummaryOptions);
    }
    return step.beginDialog(questionDialogId(value as VolunteerField), { editing: true });
  }

  async function afterEdit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const options = step.options as SummaryOptions;
    if ((step.result as { saved?: string } | undefined)?.saved) await step.context.sendActivity(turn.t('volunteering:changed'));
    return step.replaceDialog(SUMMARY_DIALOG, { mode: options.mode } satisfies SummaryOptions);
  }

  return [
    new WaterfallDialog(VOLUNTEER_PROFILE_DIALOG, [enter, afterResume, afterFlow]),
    new WaterfallDialog(NEXT_QUESTION_DIALOG, [askNext, afterAnswer]),
    new WaterfallDialog(SUMMARY_DIALOG, [showSummary, confirmOrChoose, askField, afterEdit]),
    createChoicePrompt(RESUME_PROMPT),
    createChoicePrompt(SUMMARY_PROMPT),
    createChoicePrompt(FIELD_PROMPT),
  ];
}
