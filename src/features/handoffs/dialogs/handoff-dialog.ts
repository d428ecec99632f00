import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { choicePromptOptions, createChoicePrompt, type ButtonChoice } from '../../../bot/choices.js';
import { turnServices, type TurnServices } from '../../../bot/turn-services.js';
import { consented } from '../../../../dialogs/consent-check.js';
import { shorten } from '../../../bot/shorten.js';
import { HANDOFF_TOPICS, type HandoffTopic, type SharedAnswers } from '../domain/handoff.js';
import { HANDOFF_OPEN_MAX, HANDOFF_PERSON_TEXT_MAX, HandoffError, type HandoffService } from '../domain/handoff-service.js';
import type { PathwayService } from '../../pathways/index.js';
import { MAIN_MENU_DIALOG } from '../../../../dialogs/journey-routing.js';
import { createFreeTextPrompt, FREE_TEXT } from '../../pathways/index.js';
import { answersSummary, formatDate, pathwayTitle } from '../../pathways/index.js';

export const HANDOFF_DIALOG = 'handoff';
export const HANDOFF_REPLY_DIALOG = 'handoffReply';
export const HANDOFF_LIST_DIALOG = 'handoffList';

const TOPIC_PROMPT = 'handoff.topic';
const TEXT_PROMPT = 'handoff.text';
const CONSENT_PROMPT = 'handoff.consent';
const EXISTING_PROMPT = 'handoff.existing';
const LIST_PROMPT = 'handoff.list';

export interface HandoffOptions {
  /** Known already (e.g. asked from a pathway): the topic question is not asked. */
  topic?: HandoffTopic;
  pathwayId?: string;
  /** Started by /human or a link (no dialog below): the main menu follows. */
  returnToMenu?: boolean;
  /** "Neue Anfrage" pressed in the list: no offer to add to a waiting request (unless at the limit). */
  newTopic?: boolean;
}

export interface HandoffReplyOptions {
  requestId: string;
  returnToMenu?: boolean;
}

interface HandoffState {
  topic: HandoffTopic;
  topicText?: string;
  message?: string;
  shared?: SharedAnswers;
  /** The waiting request the person may add this message to. */
  existingId?: string;
}

export interface HandoffDialogServices {
  handoffs: HandoffService;
  pathways: PathwayService;
}

/**
 * "Talk to a person" (journey 8): topic (buttons or own words), an optional message, explicit consent
 * to share what the person told us, then an honest word on when staff reply. Staff answers arrive in
 * the same chat with an "Antworten" button that opens HANDOFF_REPLY_DIALOG.
 */
export function handoffDialogs(deps: BotDeps, services: HandoffDialogServices): Dialog[] {
  const { handoffs, pathways } = services;
  const state = (step: WaterfallStepContext): HandoffState => step.values as HandoffState;
  const topicTitle = (t: TurnServices['t'], topic: HandoffTopic, topicText?: string): string => (topic === 'other' && topicText ? shorten(topicText, 80) : t(`handoff:topic.${topic}`));
  const finish = (step: WaterfallStepContext): Promise<DialogTurnResult> =>
    (step.options as HandoffOptions | undefined)?.returnToMenu ? step.replaceDialog(MAIN_MENU_DIALOG) : step.endDialog();

  async function askTopic(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const who = await consented(step);
    if (!who) return step.endDialog();
    const options = (step.options ?? {}) as HandoffOptions;
    if (options.topic) return step.next({ value: options.topic, index: -1, score: 1 } satisfies FoundChoice);
    const { turn, profile } = who;
    const { t } = turn;
    const items: ButtonChoice[] = HANDOFF_TOPICS.map((topic) => ({ value: topic, title: t(`handoff:topic.${topic}`) }));
    if ((await handoffs.listForProfile(turn.tenant.id, profile._id)).length > 0) items.push({ value: 'mine', title: t('handoff:mine') });
    items.push({ value: 'cancel', title: t('handoff:cancel') });
    return step.prompt(TOPIC_PROMPT, choicePromptOptions(t('handoff:topicPrompt', { tenant: turn.tenant.name }), t('handoff:topicRetry'), items));
  }

  async function askMessage(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnServices(step.context);
    const value = (step.result as FoundChoice).value;
    if (value === 'cancel') {
      await step.context.sendActivity(t('handoff:cancelled'));
      return finish(step);
    }
    if (value === 'mine') return step.replaceDialog(HANDOFF_LIST_DIALOG, { returnToMenu: (step.options as HandoffOptions | undefined)?.returnToMenu });
    const values = state(step);
    if (value === FREE_TEXT) {
      // Their own words say what it is about: that is the message too.
      const text = shorten((step.context.activity.text ?? '').trim(), HANDOFF_PERSON_TEXT_MAX);
      values.topic = 'other';
      values.topicText = shorten(text, 300);
      values.message = text;
      return step.next();
    }
    values.topic = value as HandoffTopic;
    // Any text is an answer: only an empty one (a sticker) is asked again, with the same words.
    return step.prompt(TEXT_PROMPT, choicePromptOptions(t('handoff:messagePrompt'), t('handoff:messagePrompt'), [{ value: 'skip', title: t('handoff:skip') }]));
  }

  /** A request is still waiting: add this concern to it rather than opening one more. */
  async function offerExisting(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const who = await consented(step);
    if (!who) return step.endDialog();
    const { turn, profile } = who;
    const { t, locale } = turn;
    const values = state(step);
    const answer = step.result as FoundChoice | undefined;
    if (answer?.value === FREE_TEXT) values.message = shorten((step.context.activity.text ?? '').trim(), HANDOFF_PERSON_TEXT_MAX);
    const waiting = await handoffs.openForProfile(turn.tenant.id, profile._id);
    const atLimit = waiting.length >= HANDOFF_OPEN_MAX;
    const existing = waiting[0];
    if (!existing || ((step.options as HandoffOptions | undefined)?.newTopic && !atLimit)) return step.next();
    values.existingId = existing._id;
    const items: ButtonChoice[] = [{ value: 'add', title: t('handoff:addToExisting') }];
    if (!atLimit) items.push({ value: 'new', title: t('handoff:newTopic') });
    items.push({ value: 'cancel', title: t('handoff:cancel') });
    const text = t(atLimit ? 'handoff:existingAtLimit' : 'handoff:existingPrompt', {
      topic: topicTitle(t, existing.topic, existing.topicText),
      date: formatDate(existing.createdAt, locale),
      status: t(`handoff:status.${existing.status}`),
    });
    return step.prompt(EXISTING_PROMPT, choicePromptOptions(text, t('handoff:existingRetry'), items));
  }

  async function askConsent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const who = await consented(step);
    if (!who) return step.endDialog();
    const { turn, profile } = who;
    const { t } = turn;
    const values = state(step);
    const choice = (step.result as FoundChoice | undefined)?.value;
    if (choice === 'cancel') {
      await step.context.sendActivity(t('handoff:cancelled'));
      return finish(step);
    }
    if (choice === 'add' && values.existingId) {
      // Their own message goes to the thread they chose; without one, a line naming the new topic.
      const text = values.message ?? t('handoff:alsoAbout', { topic: topicTitle(t, values.topic, values.topicText) });
      try {
        const request = await handoffs.addPersonMessage(turn.tenant.id, profile._id, values.existingId, text);
        await step.context.sendActivity(t('handoff:addedToExisting', { topic: topicTitle(t, request.topic, request.topicText), replyTime: t('handoff:replyTime') }));
      } catch (error) {
        if (!(error instanceof HandoffError)) throw error;
        await step.context.sendActivity(t(error.code === 'thread-full' ? 'handoff:threadFull' : 'handoff:notFound'));
      }
      return finish(step);
    }
    const lines: string[] = [];
    if (values.message) lines.push(t('handoff:sharedMessage', { message: values.message }));
    else if (values.topicText) lines.push(t('handoff:sharedTopic', { topic: values.topicText }));
    if (values.topic === 'pathways') {
      const shared: SharedAnswers = {};
      const stored = await pathways.getAnswers(turn.tenant.id, profile._id);
      if (stored) {
        shared.questionnaire = { situation: stored.situation, fields: stored.fields, degree: stored.degree, german: stored.german, constraints: stored.constraints, start: stored.start };
        const summary = answersSummary(t, stored).replace(/^• /gm, '').split('\n').filter(Boolean).join('; ');
        if (summary) lines.push(t('handoff:sharedAnswers', { answers: summary }));
      }
      const saved = await pathways.saved(turn.tenant.id, profile._id);
      if (saved.length > 0) {
        // Staff read the German titles; the person is asked about them in their language.
        shared.savedPathways = saved.map((entry) => ({ id: entry.request.pathwayId, title: entry.pathway?.title ?? entry.request.pathwayId, offered: entry.offered }));
        const titles = saved.map((entry) => (entry.pathway ? pathwayTitle(entry.pathway, turn.locale) : entry.request.pathwayId));
        lines.push(t('handoff:sharedSaved', { titles: titles.join(', ') }));
      }
      values.shared = shared;
    }
    if (lines.length === 0) lines.push(t('handoff:sharedNothingElse'));
    return step.prompt(
      CONSENT_PROMPT,
      choicePromptOptions(t('handoff:consentPrompt', { tenant: turn.tenant.name, shared: lines.join('\n') }), t('handoff:consentRetry'), [
        { value: 'share', title: t('handoff:consentYes') },
        { value: 'topicOnly', title: t('handoff:consentNo') },
      ]),
    );
  }

  async function create(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const who = await consented(step);
    if (!who) return step.endDialog();
    const { turn, profile } = who;
    const { t } = turn;
    const values = state(step);
    const share = (step.result as FoundChoice).value === 'share';
    const options = (step.options ?? {}) as HandoffOptions;
    try {
      await handoffs.create({
      tenantId: turn.tenant.id,
      profileId: profile._id,
      topic: values.topic,
      ...(values.topicText ? { topicText: values.topicText } : {}),
      ...(options.pathwayId ? { pathwayId: options.pathwayId } : {}),
      ...(values.message ? { message: values.message } : {}),
      consentToShare: share,
      ...(values.shared ? { sharedAnswers: values.shared } : {}),
      channel: turn.account.channel,
      language: turn.locale,
      });
    } catch (error) {
      if (!(error instanceof HandoffError) || error.code !== 'too-many-open') throw error;
      await step.context.sendActivity(t('handoff:tooMany'));
      return finish(step);
    }
    // Without consent only the topic's category goes on: their own words stay with them.
    const topic = share ? topicTitle(t, values.topic, values.topicText) : t(`handoff:topic.${values.topic}`);
    await step.context.sendActivity(t(share ? 'handoff:created' : 'handoff:createdWithoutSharing', { topic, replyTime: t('handoff:replyTime') }));
    return finish(step);
  }

  // ---- the person answers a staff reply ----

  async function askAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const who = await consented(step);
    if (!who) return step.endDialog();
    const { turn, profile } = who;
    const { requestId } = step.options as HandoffReplyOptions;
    const request = await handoffs.get(turn.tenant.id, requestId);
    if (!request || request.profileId !== profile._id) {
      await step.context.sendActivity(turn.t('handoff:notFound'));
      return finish(step);
    }
    return step.prompt(TEXT_PROMPT, choicePromptOptions(turn.t('handoff:answerPrompt'), turn.t('handoff:answerPrompt'), [{ value: 'cancel', title: turn.t('handoff:cancel') }]));
  }

  async function storeAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const who = await consented(step);
    if (!who) return step.endDialog();
    const { turn, profile } = who;
    const { t } = turn;
    if ((step.result as FoundChoice).value !== FREE_TEXT) {
      await step.context.sendActivity(t('handoff:cancelled'));
      return finish(step);
    }
    try {
      await handoffs.addPersonMessage(turn.tenant.id, profile._id, (step.options as HandoffReplyOptions).requestId, shorten((step.context.activity.text ?? '').trim(), HANDOFF_PERSON_TEXT_MAX));
      await step.context.sendActivity(t('handoff:answerSent', { replyTime: t('handoff:replyTime') }));
    } catch (error) {
      if (!(error instanceof HandoffError)) throw error;
      await step.context.sendActivity(t(error.code === 'thread-full' ? 'handoff:threadFull' : 'handoff:notFound'));
    }
    return finish(step);
  }

  // ---- "Meine Anfragen" ----

  async function showList(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const who = await consented(step);
    if (!who) return step.endDialog();
    const { turn, profile } = who;
    const { t, locale } = turn;
    const requests = (await handoffs.listForProfile(turn.tenant.id, profile._id)).slice(0, 5);
    if (requests.length === 0) {
      await step.context.sendActivity(t('handoff:mineEmpty'));
      return finish(step);
    }
    const lines = requests.flatMap((request, index) => {
      const line = t('handoff:mineLine', { n: index + 1, topic: topicTitle(t, request.topic, request.topicText), date: formatDate(request.createdAt, locale), status: t(`handoff:status.${request.status}`) });
      const last = request.messages.at(-1);
      if (!last) return [line];
      const who = last.from === 'person' ? t('handoff:mineYou') : last.staffName ? t('handoff:mineStaff', { staff: last.staffName }) : t('handoff:mineStaffAnonymous');
      return [line, t('handoff:mineLast', { who, text: shorten(last.text, 160) })];
    });
    await step.context.sendActivity([t('handoff:mineHeader'), ...lines].join('\n'));
    const items: ButtonChoice[] = requests.map((request, index) => ({ value: `r:${request._id}`, title: t('handoff:answerTo', { n: index + 1 }) }));
    items.push({ value: 'new', title: t('handoff:newRequest') }, { value: 'back', title: t('handoff:back') });
    return step.prompt(LIST_PROMPT, choicePromptOptions(t('handoff:minePrompt'), t('handoff:topicRetry'), items));
  }

  async function listChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const value = (step.result as FoundChoice).value;
    const returnToMenu = (step.options as { returnToMenu?: boolean } | undefined)?.returnToMenu;
    if (value.startsWith('r:')) return step.replaceDialog(HANDOFF_REPLY_DIALOG, { requestId: value.slice(2), returnToMenu } satisfies HandoffReplyOptions);
    if (value === 'new') return step.replaceDialog(HANDOFF_DIALOG, { returnToMenu, newTopic: true } satisfies HandoffOptions);
    return finish(step);
  }

  return [
    new WaterfallDialog(HANDOFF_DIALOG, [askTopic, askMessage, offerExisting, askConsent, create]),
    new WaterfallDialog(HANDOFF_REPLY_DIALOG, [askAnswer, storeAnswer]),
    new WaterfallDialog(HANDOFF_LIST_DIALOG, [showList, listChoice]),
    createFreeTextPrompt(TOPIC_PROMPT),
    createFreeTextPrompt(TEXT_PROMPT),
    createChoicePrompt(CONSENT_PROMPT, { exact: true }),
    createChoicePrompt(EXISTING_PROMPT, { exact: true }),
    createChoicePrompt(LIST_PROMPT),
  ];
}
