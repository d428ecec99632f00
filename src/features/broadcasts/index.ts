import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Router } from 'express';
import type { Feature, FeatureServices, JobDefinition } from '../feature-module.js';
import { CONSENT_VERSION } from '../../foundation/privacy/consent-version.js';
import { consentedProfile } from '../../foundation/profiles/profile.js';
import { channelOf } from '../../bot/turn-services.js';
import { PROFILE_SWITCH_ORDER } from '../../bot/journey-registry.js';
import { addBroadcastRoutes } from './console/broadcast-routes.js';
import { testMessages } from './dialogs/test-messages.js';
import { ANNOUNCEMENT_TOPICS_DIALOG, announcementTopicsDialog } from './dialogs/announcement-topics-dialog.js';
import type { JourneyRegistry } from '../../bot/journey-registry.js';
import type { TelegramChannel } from '../../channels/telegram/index.js';
import { BroadcastRepository, DeliveryRepository } from './domain/broadcast-repository.js';
import { BroadcastService } from './domain/broadcast-service.js';
import type { Broadcast } from './domain/broadcast.js';
import { StaffChatLinks, staffChatLinksDataSource } from './domain/staff-chat-links.js';
import { deliveriesDataSource } from './domain/delivery-data-source.js';
import type { JobData } from '../../platform/scheduler/job-scheduler.js';
import { BroadcastDispatcher, type DispatcherOptions } from './delivery/broadcast-dispatcher.js';
import { CLICK_PAYLOAD_PREFIX } from './delivery/broadcast-keyboard.js';
import { createWaitingAnnouncements } from './dialogs/waiting-announcements.js';
import { broadcastClickDialogs, BROADCAST_CLICK_DIALOG, type BroadcastClickOptions } from './dialogs/broadcast-click-dialog.js';
import { broadcastChatDialogs, registerBroadcastChatJourneys } from './dialogs/chat-journeys.js';

/** The broadcasts' texts (namespace `broadcasts`). */
export { BROADCASTS_TEXTS } from './texts.js';
import { BROADCASTS_TEXTS } from './texts.js';

/** The scheduler job at a broadcast's send time: it starts sending (the dispatcher fans out and sends). */
export const BROADCAST_START_JOB = 'broadcast-start';

interface BroadcastStartData extends JobData {
  broadcastId: string;
}

export interface BroadcastsFeature extends Feature {
  readonly service: BroadcastService;
  /** Started and stopped with the app (after the scheduler, before it). */
  readonly dispatcher: BroadcastDispatcher;
}

export interface BroadcastChannels {
  telegram: ReadonlyMap<string, TelegramChannel>;
  dispatcher?: Partial<DispatcherOptions>;
}

/**
 * Broadcasts: editors announce news to the people who subscribed to a topic. The console composes
 * them (console/broadcast-routes.ts), a scheduler job starts them at their time, the
 * dispatcher sends them within Telegram's limits, web chat visitors see them at their next visit.
 */
export function createBroadcastsFeature(services: FeatureServices, channels: BroadcastChannels): BroadcastsFeature {
  const { store, scheduler, clock, logger, tenants, translator, profileRepository, messenger, config } = services;
  const broadcasts = new BroadcastRepository(store);
  const deliveries = new DeliveryRepository(store);
  const chatLinks = new StaffChatLinks(store, clock);
  let journeys: JourneyRegistry | undefined;

  const clickPath = (tenantId: string, deliveryId: string) => `/b/${encodeURIComponent(tenantId)}/${deliveryId}`;

  const service: BroadcastService = new BroadcastService({
    broadcasts,
    deliveries,
    audience: { profiles: profileRepository, features: () => services.mounted.audienceSources() },
    profiles: profileRepository,
    tenants,
    translator,
    clock,
    chatLinks,
    planStart: (broadcast) => scheduler.schedule<BroadcastStartData>(BROADCAST_START_JOB, broadcast.sendAt ?? clock(), { tenantId: broadcast.tenantId, broadcastId: broadcast._id }, { key: broadcast._id }),
    cancelStart: async (broadcast) => void (await scheduler.cancel({ tenantId: broadcast.tenantId, name: BROADCAST_START_JOB, key: broadcast._id })),
    wake: () => dispatcher.wake(),
    sendTest: async (tenantId, profileId, variants, broadcast) => (await messenger.sendToProfile(tenantId, profileId, (t) => testMessages(t, variants, broadcast))) === 'sent',
    isKnownDeepLink: (payload) => journeys?.resolveDeepLink(payload) !== null && !payload.startsWith(CLICK_PAYLOAD_PREFIX),
    telegramBotName: (tenantId) => channels.telegram.get(tenantId)?.botUsername(),
  });

  const dispatcher: BroadcastDispatcher = new BroadcastDispatcher({
    broadcasts,
    deliveries,
    profiles: profileRepository,
    service,
    tenants,
    translator,
    clock,
    logger,
    telegramFor: (tenantId) => channels.telegram.get(tenantId)?.broadcastSender,
    // Telegram needs an absolute link; without PUBLIC_URL the button links to the target itself (not counted).
    clickUrl: (tenantId, deliveryId) => (config.publicUrl ? `${config.publicUrl.replace(/\/+$/, '')}${clickPath(tenantId, deliveryId)}` : undefined),
    instanceId: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    singleInstance: store.kind === 'embedded',
    options: channels.dispatcher,
  });
  const startJob: JobDefinition<BroadcastStartData> = { name: BROADCAST_START_JOB, run: (data) => dispatcher.startBroadcast(data.tenantId, data.broadcastId) };

  const waitingAnnouncements = createWaitingAnnouncements({
    broadcasts,
    deliveries,
    tenants,
    translator,
    clock,
    logger,
    // The widget runs on this host, so a relative link reaches the redirect.
    clickUrl: (tenantId, deliveryId) => `${config.publicUrl?.replace(/\/+$/, '') ?? ''}${clickPath(tenantId, deliveryId)}`,
  });

  /** Counts a press; the journey payload of a deep-link button, null otherwise. */
  async function recordClick(tenantId: string, deliveryId: string): Promise<Broadcast | null> {
    const delivery = await deliveries.findById(tenantId, deliveryId);
    const broadcast = delivery ? await broadcasts.findById(tenantId, delivery.broadcastId) : null;
    if (!delivery || !broadcast?.button) return null;
    const press = await deliveries.recordClick(tenantId, deliveryId, clock());
    if (press) await broadcasts.count(tenantId, broadcast._id, { clicks: 1, ...(press === 'first' ? { clickers: 1 } : {}) });
    return broadcast;
  }

  const clicks = Router();
  clicks.get('/b/:tenantId/:deliveryId', async (req, res, next) => {
    try {
      const { tenantId, deliveryId } = req.params;
      const broadcast = /^d[a-z0-9]{6,40}$/.test(deliveryId) && tenants.has(tenantId) ? await recordClick(tenantId, deliveryId) : null;
      if (broadcast?.button?.kind !== 'url') {
        res.status(404).type('text/plain').send('This link is not (or no longer) valid. / Dieser Link ist nicht (mehr) gültig.');
        return;
      }
      res.set('Cache-Control', 'no-store').redirect(302, broadcast.button.target);
    } catch (error) {
      next(error);
    }
  });

  const workshopChoices = async (tenantId: string) => {
    const lists = await Promise.all(services.mounted.audienceSources().map((source) => source.eventChoices?.(tenantId) ?? []));
    return lists.flat();
  };

  return {
    name: 'broadcasts',
    texts: BROADCASTS_TEXTS,
    service,
    dispatcher,
    jobs: [startJob as JobDefinition],
    start: () => dispatcher.start(),
    stop: () => dispatcher.stop(),
    // A web chat visitor cannot be reached between visits: what was announced meanwhile comes first.
    beforeTurn: [
      {
        name: 'waiting announcements',
        async run(context, turn) {
          const profile = consentedProfile(turn.profile, CONSENT_VERSION);
          if (profile && channelOf(context) === 'webchat') await waitingAnnouncements.deliverWaiting(context, turn.tenant.id, profile._id);
        },
      },
    ],
    console: {
      nav: [{ href: '/console/broadcasts', label: 'broadcastsConsole:nav', permission: 'broadcasts' }],
      pages: (router, kit) => addBroadcastRoutes(router, { broadcasts: service, workshopChoices, ...kit }),
    },
    dialogs: (deps) => [
      ...announcementTopicsDialog(deps),
      ...broadcastClickDialogs(deps, async (tenantId, deliveryId) => {
        const broadcast = await recordClick(tenantId, deliveryId);
        return broadcast?.button?.kind === 'deep-link' ? broadcast.button.target : null;
      }),
      ...broadcastChatDialogs(deps, chatLinks),
    ],
    registerJourneys(registry) {
      journeys = registry;
      registry.addDeepLink({ prefix: CLICK_PAYLOAD_PREFIX, dialogId: BROADCAST_CLICK_DIALOG, options: (rest) => ({ deliveryId: rest }) satisfies BroadcastClickOptions });
      registerBroadcastChatJourneys(registry);
      registry.addProfileEntry({ id: 'topics', titleKey: 'profile:topics', dialogId: ANNOUNCEMENT_TOPICS_DIALOG, order: PROFILE_SWITCH_ORDER + 100 });
    },
    dataSources: [deliveriesDataSource(deliveries, broadcasts), staffChatLinksDataSource(chatLinks)],
    routers: [clicks],
  };
}
