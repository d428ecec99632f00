import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Locale } from '../../../platform/config/config-types.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { DATE_LOCALES } from '../../../platform/i18n/date-locales.js';
import type { TranslationKey } from '../../../platform/i18n/translation-keys.js';
import { MAIN_MENU_DIALOG } from '../../../../dialogs/journey-routing.js';
import type { MatchReason } from '../domain/opportunities/matching.js';
import type { Opportunity } from '../domain/opportunities/opportunity.js';
import type { VolunteerProfileResult } from './onboarding-dialog.js';
import type { RootOptions } from './volunteering-prompts.js';

/** Dialog ids of the good-deeds journeys (stable: they are stored in conversation state). */
export const GOOD_DEEDS_DIALOG = 'goodDeeds';
export const DEED_DIALOG = 'goodDeeds.deed';
export const MY_REGISTRATIONS_DIALOG = 'goodDeeds.mine';
export const DEED_FEEDBACK_DIALOG = 'goodDeeds.feedback';

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

export interface DeedResult extends VolunteerProfileResult {
  /** The person registered or withdrew: the list closes. */
  done?: boolean;
}

/** Opened by a deep link or action button: the main menu follows; else the dialog that opened this one gets the result. */
export async function finish(step: WaterfallStepContext, result: DeedResult = {}): Promise<DialogTurnResult> {
  if ((step.options as RootOptions | undefined)?.root) return step.replaceDialog(MAIN_MENU_DIALOG);
  return step.endDialog(result);
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

export const whereOf = (opportunity: Opportunity, t: Translate): string => (opportunity.online ? t('volunteering:deeds.online') : (opportunity.district ?? ''));
