import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { choicePromptOptions, createChoicePrompt } from '../../../bot/choices.js';
import { turnServices, type TurnServices } from '../../../bot/turn-services.js';
import { ANNOUNCEMENT_TOPICS, type AnnouncementTopic } from '../domain/broadcast.js';
import { CONSENT_VERSION } from '../../../foundation/privacy/consent-version.js';
import { consentedProfile, type Profile } from '../../../foundation/profiles/profile.js';
import { receivedTopics } from '../../../foundation/profiles/announcement-topics.js';
import { MAIN_MENU_DIALOG } from '../../../../dialogs/journey-routing.js';

export const ANNOUNCEMENT_TOPICS_DIALOG = 'announcementTopics';
const TOPIC_PROMPT = 'announcementTopics.choice';
const DONE = 'done';


export { isAnnouncementTopic, topicTitle } from '../../../foundation/profiles/announcement-topics.js';
import { isAnnouncementTopic, topicTitle } from '../../../foundation/profiles/announcement-topics.js';

/**
 * The person's profile as stored now, if they agreed to the current notice: turn.profile was read at
 * the start of the turn, before this turn's changes. Keeps turn.profile current for later steps.
 */
export async function currentProfile(turn: TurnServices, deps: Pick<BotDeps, 'profiles'>): Promise<Profile | null> {
  const profile = consentedProfile(await deps.profiles.findByAccount(turn.account), CONSENT_VERSION);
  if (profile) turn.profile = profile;
  return profile;
}

/** Back to whoever opened this dialog; the main menu when a link opened it directly. */
export function endOrMenu(step: WaterfallStepContext): Promise<DialogTurnResult> {
  return step.stack.length > 1 ? step.endDialog() : step.replaceDialog(MAIN_MENU_DIALOG);
}

/**
 * "Announcement topics" (in "My profile", and "Choose topics" under a broadcast): each topic with
 * on/off; a press switches one topic, the list comes again until "Done". Switching the last topic
 * off switches announcements off; switching one on switches them on again.
 */
export function announcementTopicsDialog(deps: BotDeps): Dialog[] {
  async function showTopics(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t } = turn;
    const profile = await currentProfile(turn, deps);
    if (!profile) {
      await step.context.sendActivity(t('common:needConsent'));
      return step.endDialog();
    }
    const received = receivedTopics(profile);
    const mark = (topic: AnnouncementTopic): string => (received.includes(topic) ? '✅' : '⬜');
    const list = ANNOUNCEMENT_TOPICS.map((topic) =>
      t('broadcasts:topicsDialog.line', { mark: mark(topic), topic: topicTitle(t, topic), state: t(received.includes(topic) ? 'broadcasts:topicsDialog.on' : 'broadcasts:topicsDialog.off') }),
    ).join('\n');
    return step.prompt(
      TOPIC_PROMPT,
      choicePromptOptions(t(received.length > 0 ? 'broadcasts:topicsDialog.intro' : 'broadcasts:topicsDialog.allOffIntro', { list }), t('broadcasts:topicsDialog.retry'), [
        // Typing the plain title (without the mark) selects the topic too.
        ...ANNOUNCEMENT_TOPICS.map((topic) => ({ value: topic, title: `${mark(topic)} ${topicTitle(t, topic)}`, synonyms: [topicTitle(t, topic)] })),
        { value: DONE, title: t('broadcasts:topicsDialog.done') },
      ]),
    );
  }

  async function switchTopic(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t } = turn;
    const choice = (step.result as FoundChoice).value;
    const profile = await currentProfile(turn, deps);
    if (!profile || !isAnnouncementTopic(choice)) return endOrMenu(step);
    const topic = topicTitle(t, choice);
    const received = receivedTopics(profile);
    if (received.includes(choice)) {
      const result = await deps.profiles.unsubscribeTopic(profile, choice);
      await step.context.sendActivity(t(result === 'nothing-left' ? 'broadcasts:topicsDialog.nothingLeft' : 'broadcasts:topicsDialog.nowOff', { topic }));
    } else {
      await deps.profiles.setTopics(profile, [...received, choice]);
      await step.context.sendActivity(t('broadcasts:topicsDialog.nowOn', { topic }));
    }
    return step.replaceDialog(ANNOUNCEMENT_TOPICS_DIALOG);
  }

  return [new WaterfallDialog(ANNOUNCEMENT_TOPICS_DIALOG, [showTopics, switchTopic]), createChoicePrompt(TOPIC_PROMPT)];
}
