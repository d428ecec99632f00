import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder-core';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { START_DIALOG, type StartOptions } from './foundation-dialog-ids.js';
import { fallbackTranslate, matchLocale } from '../platform/i18n/translator.js';
import { CONSENT_VERSION } from '../foundation/privacy/consent-version.js';
import { consentedProfile } from '../foundation/profiles/profile.js';
import type { BotDeps } from './bot-deps.js';
import { buttonPressOf, consumeButtons, judgePress, stampOutgoing } from './button-protocol.js';
import { isActionText } from './action-buttons.js';
import { runCommand } from './command-handler.js';
import { parseCommand } from './commands.js';
import { declinedCurrentNotice, repromptOrRestart, restart } from './flow-control.js';
import { CONVERSATION_STATE_VERSION, freshConversationData, type ConversationData } from './conversation-data.js';
import { channelOf, createTurnServices, hasTurnServices, setTurnServices, turnServices, type TurnServices } from './turn-services.js';

/** Longest text we accept in one message; Telegram allows 4096, Direct Line far more. */
export const MAX_TEXT_LENGTH = 10_000;

/**
 * The one bot behind every channel: it prepares each turn (tenant, language, profile, button
 * stamps), handles commands and stale buttons, runs the dialogs, and saves the conversation state
 * with eTags at the end of the turn.
 */
export class KosiBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly conversationData: StatePropertyAccessor<ConversationData>;
  private readonly dialogs: DialogSet;

  constructor(
    private readonly deps: BotDeps,
    private readonly conversationState: ConversationState,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.conversationData = conversationState.createProperty<ConversationData>('kosi');
    this.dialogs = new DialogSet(this.dialogState);
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const joined = context.activity.membersAdded?.some((member) => member.id !== context.activity.recipient.id);
      if (joined) await this.handleConversationStart(context);
      await next();
    });
  }

  /** The foundation's dialogs and every feature's, added by the composition root. */
  addDialogs(dialogs: Parameters<DialogSet['add']>[0][]): void {
    for (const dialog of dialogs) this.dialogs.add(dialog);
  }

  override async run(context: TurnContext): Promise<void> {
    if (context.activity.conversation?.isGroup) return this.answerInGroup(context);
    const turn = await this.prepareTurn(context);
    await super.run(context);
    if (turn?.erased) await this.conversationState.delete(context);
    else await this.conversationState.saveChanges(context);
  }

  private async prepareTurn(context: TurnContext): Promise<TurnServices | null> {
    const { activity } = context;
    const tenant = this.deps.tenants.get(activity.conversation?.tenantId ?? '');
    if (!tenant || !activity.from?.id) {
      this.deps.logger.warn({ channel: activity.channelId, type: activity.type }, 'turn without a known tenant or sender ignored');
      return null;
    }
    let data = await this.conversationData.get(context, freshConversationData());
    let resetByUpdate = false;
    if (data.version !== CONVERSATION_STATE_VERSION) {
      resetByUpdate = ((await this.dialogState.get(context))?.dialogStack.length ?? 0) > 0;
      await this.dialogState.set(context, { dialogStack: [] });
      data = { ...freshConversationData(), locale: data.locale };
      await this.conversationData.set(context, data);
    }
    const profile = await this.deps.profiles.findByAccount({ tenantId: tenant.id, channel: channelOf(context), accountId: activity.from.id });
    const turn = createTurnServices(context, tenant, this.deps.translator, data, profile, matchLocale(activity.locale));
    setTurnServices(context, turn);
    stampOutgoing(context, data);
    // Each reply says its language (the one chosen by now, even mid-turn), so Web Chat can turn right to left for Arabic.
    context.onSendActivities(async (_context, activities, next) => {
      for (const outgoing of activities) if (outgoing.type === 'message') outgoing.locale = turn.locale;
      return next();
    });
    const consented = consentedProfile(profile, CONSENT_VERSION);
    if (consented) await this.deps.profiles.linkConversation(consented, turn.account, turn.link);
    // Whoever writes again has unblocked the bot.
    if (profile?.status === 'blocked') await this.deps.profiles.reactivate(profile);
    if (resetByUpdate) await context.sendActivity(turn.t('common:updated'));
    return turn;
  }

  /** The features' steps before the dialogs (e.g. what was announced since a web chat visitor's last visit). */
  private async runBeforeTurn(context: TurnContext, turn: TurnServices): Promise<void> {
    for (const step of this.deps.beforeTurn) {
      try {
        await step.run(context, turn);
      } catch (error) {
        // The person's own turn matters more: what failed here waits for the next one.
        this.deps.logger.warn({ tenantId: turn.tenant.id, step: step.name, err: error instanceof Error ? error.name : 'error' }, `${step.name}: the step before the turn failed`);
      }
    }
  }

  /** Profiles, exports and consent are personal: in a group the bot only points to a private chat. */
  private async answerInGroup(context: TurnContext): Promise<void> {
    if (context.activity.type !== 'message' || !parseCommand(context.activity.text)) return;
    const tenant = this.deps.tenants.get(context.activity.conversation.tenantId ?? '');
    const t = fallbackTranslate(this.deps.translator, context.activity.locale, tenant?.defaultLocale);
    await context.sendActivity({ type: 'message', text: t('common:privateOnly'), textFormat: 'plain' });
  }

  private async handleConversationStart(context: TurnContext): Promise<void> {
    if (!hasTurnServices(context)) return;
    const turn = turnServices(context);
    await this.runBeforeTurn(context, turn);
    if (declinedCurrentNotice(turn)) {
      await context.sendActivity(turn.t('start:greeting', { tenant: turn.tenant.name }));
      await context.sendActivity(turn.t('start:declinedReminder'));
      return;
    }
    const payload = (context.activity.value as { start?: unknown } | undefined)?.start;
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(START_DIALOG, { payload: typeof payload === 'string' ? payload.slice(0, 64) : undefined } satisfies StartOptions);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    if (!hasTurnServices(context)) return;
    const turn = turnServices(context);
    const dc = await this.dialogs.createContext(context);
    const text = context.activity.text?.trim() ?? '';

    const press = buttonPressOf(context.activity);
    // Action buttons stay valid however old they are (in proactive messages they carry no sequence
    // at all); the journeys they open are safe to open twice.
    const verdict = press && judgePress(turn.data, press);
    if (verdict === 'duplicate') return;
    if (verdict === 'stale' && !isActionText(text)) {
      consumeButtons(turn.data, null);
      await context.sendActivity(turn.t('common:staleButton'));
      return restart(dc, turn);
    }
    consumeButtons(turn.data, press);
    // After the press was judged: the announcement's buttons belong to this turn's answer.
    await this.runBeforeTurn(context, turn);

    if (text === '') {
      await context.sendActivity(turn.t('common:onlyText'));
      return repromptOrRestart(dc, turn);
    }
    if (text.length > MAX_TEXT_LENGTH) {
      await context.sendActivity(turn.t('common:tooLong', { max: MAX_TEXT_LENGTH }));
      return repromptOrRestart(dc, turn);
    }

    const command = parseCommand(text);
    if (command) return runCommand(command, dc, turn, this.deps);

    try {
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await restart(dc, turn);
    } catch (error) {
      // A dialog id from an older release that no longer exists: start over instead of failing forever.
      if (!(error instanceof Error) || !/A dialog with an id of .* wasn't found/.test(error.message)) throw error;
      await context.sendActivity(turn.t('common:updated'));
      await dc.cancelAllDialogs();
      await restart(dc, turn);
    }
  }
}
