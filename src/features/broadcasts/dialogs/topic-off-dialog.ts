import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { choicePromptOptions, createChoicePrompt } from '../../../bot/choices.js';
import { turnServices } from '../../../bot/turn-services.js';
import { ANNOUNCEMENT_TOPICS_DIALOG, currentProfile, endOrMenu, isAnnouncementTopic, topicTitle } from './announcement-topics-dialog.js';
import { MAIN_MENU_DIALOG } from '../../../../dialogs/journey-routing.js';

export const TOPIC_OFF_DIALOG = 'broadcasts.topicOff';
const NEXT_PROMPT = 'broadcasts.topicOff.next';

export interface TopicOffOptions {
  /** The topic id from the button's payload (`topic-off-<topic>`), unchecked. */
  topic: string;
}

const RESULT_KEYS = { unsubscribed: 'broadcasts:topicOff.done', 'nothing-left': 'broadcasts:topicOff.lastTopic', 'not-received': 'broadcasts:topicOff.already' } as const;

/**
 * "Unsubscribe topic" under every broadcast: that topic off at once (no question first: the button
 * says what it does, and a second press only says it is off already), then "all announcements off",
 * "choose topics" or done.
 */
export function topicOffDialog(deps: BotDeps): Dialog[] {
  async function unsubscribe(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { t } = turn;
    const topic = (step.options as TopicOffOptions | undefined)?.topic ?? '';
    const profile = await currentProfile(turn, deps);
    if (!profile) {
      await step.context.sendActivity(t('common:needConsent'));
      return step.endDialog();
    }
    if (!isAnnouncementTopic(topic)) {
      await step.context.sendActivity(t('broadcasts:topicOff.unknown'));
      return step.replaceDialog(MAIN_MENU_DIALOG);
    }
    const result = await deps.profiles.unsubscribeTopic(profile, topic);
    await step.context.sendActivity(t(RESULT_KEYS[result], { topic: topicTitle(t, topic) }));
    const stillSubscribed = result === 'unsubscribed' || (result === 'not-received' && profile.announcements.subscribed);
    return step.prompt(
      NEXT_PROMPT,
      choicePromptOptions(t('broadcasts:topicOff.question'), t('broadcasts:topicOff.retry'), [
        ...(stillSubscribed ? [{ value: 'all', title: t('broadcasts:topicOff.allOff') }] : []),
        { value: 'topics', title: t('broadcasts:topicOff.chooseTopics') },
        { value: 'done', title: t('broadcasts:topicOff.finished') },
      ]),
    );
  }

  async function next(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const choice = (step.result as FoundChoice).value;
    if (choice === 'topics') return step.beginDialog(ANNOUNCEMENT_TOPICS_DIALOG);
    const profile = choice === 'all' ? await currentProfile(turn, deps) : null;
    if (profile) {
      await deps.profiles.setAnnouncements(profile, false);
      await step.context.sendActivity(turn.t('broadcasts:topicOff.allOffDone'));
    }
    return endOrMenu(step);
  }

  async function afterTopics(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return endOrMenu(step);
  }

  // Exact: "all announcements off" is a decision, never a word found inside a longer text.
  return [new WaterfallDialog(TOPIC_OFF_DIALOG, [unsubscribe, next, afterTopics]), createChoicePrompt(NEXT_PROMPT, { exact: true })];
}
