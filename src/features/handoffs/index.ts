import type { Feature, FeatureServices } from '../feature-module.js';
import { PATHWAYS_HANDOFF_LINK, type PathwaysFeature } from '../pathways/index.js';
import { handoffDataSource } from './domain/handoff-data-source.js';
import { HandoffRepository } from './domain/handoff-repository.js';
import { HandoffService } from './domain/handoff-service.js';
import { HANDOFF_DIALOG, HANDOFF_LIST_DIALOG, HANDOFF_REPLY_DIALOG, handoffDialogs, type HandoffOptions, type HandoffReplyOptions } from './dialogs/handoff-dialog.js';
import { staffReplyMessages } from './dialogs/handoff-messages.js';
import { handoffsConsole } from './console/handoffs-console.js';

/** The handoffs' texts (namespace `handoff`). */
export { HANDOFFS_TEXTS } from './texts.js';
import { HANDOFFS_TEXTS } from './texts.js';

/** Deep-link payloads of this journey (Telegram allows 64 characters). */
export const HANDOFF_LINK = 'human';
export const HANDOFF_REPLY_LINK_PREFIX = 'handoff-reply-';
export const HANDOFF_LIST_LINK = 'handoff-list';

/** Journey 8 "Talk to a person"; the staff console answers through its inbox. */
export interface HandoffsFeature extends Feature {
  readonly service: HandoffService;
}

/** Talking to a person: a request (with the pathway answers the person agrees to share), the staff inbox, replies in the chat. */
export function createHandoffsFeature(services: FeatureServices, pathways: Pick<PathwaysFeature, 'service'>): HandoffsFeature {
  const { store, clock, messenger, tenants, logger } = services;
  const handoffRepository = new HandoffRepository(store);
  // Staff see new requests in the console's inbox and as a notice (e-mailed with SMTP_URL), so that
  // the promised reply time has someone behind it.
  const handoffs = new HandoffService(
    handoffRepository,
    clock,
    (request, message) => messenger.sendToProfile(request.tenantId, request.profileId, (t) => staffReplyMessages(t, tenants.get(request.tenantId)?.name ?? request.tenantId, request, message, HANDOFF_REPLY_LINK_PREFIX)),
    async (request) => {
      logger.info({ tenantId: request.tenantId, requestId: request._id, topic: request.topic, channel: request.channel }, 'handoff request created');
      const tenant = tenants.get(request.tenantId);
      const t = services.translator.forLocale(tenant?.defaultLocale ?? services.config.defaultLocale);
      const subject = t('handoff:staffNotice', { topic: t(`handoff:topic.${request.topic}`) });
      await services.notices.record(request.tenantId, { kind: 'handoff', profileId: request.profileId, requestId: request._id, subject, emailTo: tenant?.staffEmail, emailText: subject });
    },
    (error) => logger.warn({ err: (error as Error).message }, 'handoff request: staff alert failed'),
    (error, request) =>
      logger.error({ err: error instanceof Error ? error.message : String(error), tenantId: request.tenantId, handoff: request._id }, 'handoff reply saved but not delivered'),
  );

  return {
    name: 'handoffs',
    texts: HANDOFFS_TEXTS,
    service: handoffs,
    dialogs: (deps) => handoffDialogs(deps, { handoffs, pathways: pathways.service }),
    registerJourneys(journeys) {
      journeys.addMenuEntry({ id: 'human', titleKey: 'handoff:menuEntry', dialogId: HANDOFF_DIALOG, order: 800 });
      journeys.addDeepLink({ prefix: HANDOFF_REPLY_LINK_PREFIX, dialogId: HANDOFF_REPLY_DIALOG, options: (rest) => ({ requestId: rest, returnToMenu: true }) satisfies HandoffReplyOptions });
      journeys.addDeepLink({ prefix: HANDOFF_LIST_LINK, dialogId: HANDOFF_LIST_DIALOG, options: () => ({ returnToMenu: true }) });
      journeys.addDeepLink({ prefix: HANDOFF_LINK, dialogId: HANDOFF_DIALOG, options: () => ({ returnToMenu: true }) satisfies HandoffOptions });
      // Asked from the pathways (`human-pathways`, `human-pathways-<id>`): the topic is known, the pathway too.
      journeys.addDeepLink({
        prefix: PATHWAYS_HANDOFF_LINK,
        dialogId: HANDOFF_DIALOG,
        options: (rest) => ({ topic: 'pathways', returnToMenu: true, ...(rest.startsWith('-') && rest.length > 1 ? { pathwayId: rest.slice(1) } : {}) }) satisfies HandoffOptions,
      });
      journeys.addCommand('human', { deepLink: HANDOFF_LINK, titleKey: 'handoff:menuEntry' });
    },
    dataSources: [handoffDataSource(handoffRepository)],
    console: handoffsConsole(handoffs),
  };
}
