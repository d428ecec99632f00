import type { Activity, CardAction } from 'botbuilder-core';
import { actionButton } from '../../../bot/action-buttons.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import type { Broadcast, BroadcastPreview } from '../domain/broadcast.js';

export /** "Send a test to myself": each language variant, marked as a test, with its button (not counted). */
function testMessages(t: Translate, variants: BroadcastPreview[], broadcast: Broadcast): Partial<Activity>[] {
  return variants.flatMap((variant) => {
    const actions: CardAction[] = [];
    if (broadcast.button && variant.buttonLabel) {
      actions.push(broadcast.button.kind === 'url' ? { type: 'openUrl', title: variant.buttonLabel, value: broadcast.button.target } : actionButton(variant.buttonLabel, broadcast.button.target));
    }
    const messages: Partial<Activity>[] = variant.messages.map((text) => ({ type: 'message', text }));
    if (actions.length > 0) messages[messages.length - 1] = { ...messages[messages.length - 1], suggestedActions: { actions, to: [] } };
    return [{ type: 'message', text: t('broadcasts:testPrefix', { locale: variant.locale.toUpperCase() }) }, ...messages];
  });
}
