import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../src/bot/bot-deps.js';
import { PROFILE_SWITCH_ORDER } from '../src/bot/journey-registry.js';
import { choicePromptOptions, createChoicePrompt } from '../src/bot/choices.js';
import { dataSubjectOf } from '../src/bot/data-subject.js';
import { turnServices } from '../src/bot/turn-services.js';
import { encodeDataUri } from '../src/bot/data-uri.js';
import { CONSENT_VERSION } from '../src/foundation/privacy/consent-version.js';
import { consentedProfile, type Profile } from '../src/foundation/profiles/profile.js';
import { DELETE_ME_DIALOG } from './delete-me-dialog.js';
import { LANGUAGE_DIALOG } from './language-dialog.js';
import type { JourneyResult } from './main-menu-dialog.js';
import { DATE_LOCALES } from '../src/platform/i18n/date-locales.js';
import type { Translate } from '../src/platform/i18n/translator.js';
import { ANNOUNCEMENT_TOPICS, receivedTopics, topicTitle } from '../src/foundation/profiles/announcement-topics.js';

export const PROFILE_DIALOG = 'profile';
const ACTION_PROMPT = 'profile.action';


/** "My profile": what is stored, language, announcements and their topics, export and erasure. */
export function profileDialog(deps: BotDeps): Dialog[] {
  async function showProfile(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const profile = consentedProfile(await deps.profiles.findByAccount(turn.account), CONSENT_VERSION);
    if (!profile) {
      await step.context.sendActivity(turn.t('common:needConsent'));
      return step.endDialog();
    }
    const { t } = turn;
    const subscribed = profile.announcements.subscribed;
    // The features' parts of the profile (volunteer details, announcement topics) around the switch.
    const entries = (before: boolean) => deps.journeys.profile.filter((entry) => entry.order < PROFILE_SWITCH_ORDER === before).map((entry) => ({ value: entry.id, title: t(entry.titleKey) }));
    await step.context.sendActivity(
      t('profile:summary', {
        language: t('common:languageName'),
        announcements: announcementsSummary(t, profile),
        consentDate: profile.consent.at.toLocaleDateString(DATE_LOCALES[turn.locale], { timeZone: 'Europe/Berlin' }),
      }),
    );
    return step.prompt(
      ACTION_PROMPT,
      choicePromptOptions(t('profile:prompt'), t('profile:retry'), [
        { value: 'language', title: t('profile:changeLanguage') },
        ...entries(true),
        { value: 'announcements', title: t(subscribed ? 'profile:announcementsSwitchOff' : 'profile:announcementsSwitchOn') },
        ...entries(false),
        { value: 'export', title: t('profile:export') },
        { value: 'delete', title: t('profile:delete') },
        { value: 'back', title: t('common:back') },
      ]),
    );
  }

  async function act(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const profile = await deps.profiles.findByAccount(turn.account);
    if (!profile) return step.endDialog();
    const choice = (step.result as FoundChoice).value;
    const entry = deps.journeys.profile.find((candidate) => candidate.id === choice);
    if (entry) return step.beginDialog(entry.dialogId);
    switch (choice) {
      case 'language':
        return step.beginDialog(LANGUAGE_DIALOG);
      case 'announcements': {
        const subscribed = !profile.announcements.subscribed;
        await deps.profiles.setAnnouncements(profile, subscribed);
        await step.context.sendActivity(turn.t(subscribed ? 'profile:announcementsNowOn' : 'profile:announcementsNowOff'));
        return step.replaceDialog(PROFILE_DIALOG);
      }
      case 'export': {
        const data = await deps.privacy.exportAll(await dataSubjectOf(turn, deps));
        await step.context.sendActivity({
          type: 'message',
          text: turn.t('privacy:exportIntro'),
          attachments: [
            {
              contentType: 'application/json',
              name: turn.t('privacy:exportFileName'),
              contentUrl: encodeDataUri('application/json', JSON.stringify(data, null, 2)),
            },
          ],
        });
        return step.replaceDialog(PROFILE_DIALOG);
      }
      case 'delete':
        return step.beginDialog(DELETE_ME_DIALOG);
      default:
        return step.endDialog();
    }
  }

  async function afterChange(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as JourneyResult | undefined)?.erased) return step.endDialog(step.result);
    return step.replaceDialog(PROFILE_DIALOG);
  }

  return [new WaterfallDialog(PROFILE_DIALOG, [showProfile, act, afterChange]), createChoicePrompt(ACTION_PROMPT)];
}

/** "on (all topics)", "on (Workshops, City news)" or "off". */
function announcementsSummary(t: Translate, profile: Profile): string {
  const received = receivedTopics(profile);
  if (received.length === 0) return t('profile:announcementsOff');
  if (received.length === ANNOUNCEMENT_TOPICS.length) return t('profile:announcementsAllTopics');
  return t('profile:announcementsSomeTopics', { topics: received.map((topic) => topicTitle(t, topic)).join(', ') });
}
