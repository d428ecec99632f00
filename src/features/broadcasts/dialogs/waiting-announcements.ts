import type { CardAction, TurnContext } from 'botbuilder-core';
import { CardFactory } from 'botbuilder-core';
import { actionButton } from '../../../bot/action-buttons.js';
import type { TenantConfig } from '../../../platform/config/config-types.js';
import type { Translator } from '../../../platform/i18n/translator.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { Clock } from '../../../platform/clock.js';
import type { Broadcast, Delivery } from '../domain/broadcast.js';
import type { BroadcastRepository, DeliveryRepository } from '../domain/broadcast-repository.js';
import { composeBroadcast } from '../domain/broadcast-message.js';
import type { AnnouncementButton } from '../../../channels/announcement-port.js';
import { announcementButtons } from '../delivery/broadcast-keyboard.js';

export interface WaitingAnnouncementsDeps {
  broadcasts: BroadcastRepository;
  deliveries: DeliveryRepository;
  tenants: ReadonlyMap<string, TenantConfig>;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  /** The counting redirect of a web link (relative is fine: the widget runs on this host). */
  clickUrl(tenantId: string, deliveryId: string): string;
}

/** Shows a web chat visitor the announcements that came while they were away. */
export interface WaitingAnnouncements {
  deliverWaiting(context: TurnContext, tenantId: string, profileId: string): Promise<void>;
}

/**
 * A web chat visitor has no chat to push to: each new visit is a new conversation. Their deliveries
 * wait (`waiting`) and are shown at the start of their next turn in the widget, each once: claimed
 * before it is shown, marked sent after, given back if showing failed.
 */
export function createWaitingAnnouncements(deps: WaitingAnnouncementsDeps): WaitingAnnouncements {
  return {
    async deliverWaiting(context, tenantId, profileId) {
      const waiting = await deps.deliveries.waitingFor(tenantId, profileId);
      for (const delivery of waiting) {
        const broadcast = await deps.broadcasts.findById(tenantId, delivery.broadcastId);
        if (!broadcast || broadcast.status === 'cancelled') continue;
        const claimed = await deps.deliveries.transition(delivery, 'waiting', { $set: { status: 'sending', updatedAt: deps.clock() } });
        if (!claimed) continue;
        try {
          await context.sendActivity(announcementActivity(deps, broadcast, claimed));
        } catch (error) {
          await deps.deliveries.transition(claimed, 'sending', { $set: { status: 'waiting', updatedAt: deps.clock() } });
          deps.logger.warn({ tenantId, broadcastId: broadcast._id, err: error instanceof Error ? error.name : 'error' }, 'web chat announcement could not be shown; it waits for the next turn');
          return;
        }
        const shown = await deps.deliveries.transition(claimed, 'sending', { $set: { status: 'sent', partsSent: 1, sentAt: deps.clock(), updatedAt: deps.clock() } });
        if (shown) await deps.broadcasts.moveInTally(tenantId, broadcast._id, { waiting: -1, sent: 1 });
      }
    },
  };
}

function announcementActivity(deps: WaitingAnnouncementsDeps, broadcast: Broadcast, delivery: Delivery) {
  const tenant = deps.tenants.get(broadcast.tenantId);
  const t = deps.translator.forLocale(delivery.locale);
  // The web chat takes long texts whole: no splitting.
  const variant = composeBroadcast({ ...broadcast, longText: 'refuse' }, delivery.locale, tenant?.defaultLocale ?? delivery.locale, t);
  const clickUrl = broadcast.button?.kind === 'url' ? deps.clickUrl(broadcast.tenantId, delivery._id) : undefined;
  const actions = announcementButtons(broadcast, delivery, {
    ...(variant.buttonLabel ? { label: variant.buttonLabel } : {}),
    unsubscribeLabel: t('broadcasts:unsubscribeButton'),
    ...(clickUrl ? { clickUrl } : {}),
  }).map(cardActionOf);
  // Buttons on a card stay under the announcement; suggested actions would vanish with the next reply.
  return { type: 'message', text: variant.messages.join('\n\n'), textFormat: 'plain', attachments: [CardFactory.heroCard('', undefined, actions)] };
}

/** Deep links as action buttons: unlike a question's buttons they never go stale. */
function cardActionOf(button: AnnouncementButton): CardAction {
  return button.kind === 'url' ? { type: 'openUrl', title: button.label, value: button.url } : actionButton(button.label, button.payload);
}
