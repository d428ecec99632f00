import type { ConversationState, TurnContext } from 'botbuilder-core';
import type { TenantConfig } from '../platform/config/config-types.js';
import { fallbackTranslate, type Translator } from '../platform/i18n/translator.js';
import type { Logger } from '../platform/logging/logger.js';
import { StoreUnavailableError } from '../platform/store/document-store.js';
import { ETagConflictError } from './state-storage.js';
import { turnServices, hasTurnServices } from './turn-services.js';

/**
 * The error boundary of every channel's turns: log without personal data, apologise in the
 * person's language, and reset the dialog so that nobody is stuck in a broken step.
 */
export function createTurnErrorHandler(deps: {
  conversationState: ConversationState;
  translator: Translator;
  tenants: ReadonlyMap<string, TenantConfig>;
  logger: Logger;
}): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const { activity } = context;
    if (error instanceof StoreUnavailableError && !context.responded) {
      // Nothing was answered yet: the channel answers 5xx and Telegram redelivers the update later.
      // (Once the person got replies, a redelivery would repeat them: apologise instead.)
      deps.logger.warn({ channel: activity.channelId, tenant: activity.conversation?.tenantId }, 'turn failed: store unavailable');
      throw error;
    }
    deps.logger.error(
      { err: { name: error.name, message: error.message, stack: error.stack }, channel: activity.channelId, tenant: activity.conversation?.tenantId, type: activity.type },
      'turn failed',
    );
    const tenant = deps.tenants.get(activity.conversation?.tenantId ?? '');
    const t = hasTurnServices(context)
      ? turnServices(context).t
      : fallbackTranslate(deps.translator, activity.locale, tenant?.defaultLocale);
    try {
      await context.sendActivity({ type: 'message', text: t('common:error'), textFormat: 'plain' });
    } catch (sendError) {
      deps.logger.warn({ err: { name: (sendError as Error).name, message: (sendError as Error).message } }, 'could not apologise after a failed turn');
    }
    // Another instance saved this conversation meanwhile: its state is the valid one, keep it.
    if (error instanceof ETagConflictError) return;
    try {
      await deps.conversationState.delete(context);
    } catch {
      // The next turn starts fresh either way.
    }
  };
}
