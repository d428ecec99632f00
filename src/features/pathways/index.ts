import type { Activity } from 'botbuilder-core';
import { actionButton } from '../../bot/action-buttons.js';
import { dortmundPathways } from './demo/pathways-dortmund.js';
import { handoffDataSource } from '../handoffs/domain/handoff-data-source.js';
import type { HandoffMessage, HandoffRequest } from '../handoffs/domain/handoff.js';
import { HandoffRepository } from '../handoffs/domain/handoff-repository.js';
import { HandoffService } from '../handoffs/domain/handoff-service.js';
import { pathwayAnswersDataSource, savedPathwaysDataSource } from './domain/pathway-data-sources.js';
import { PathwayAnswersRepository, PathwayRepository, PathwayRequestRepository } from './domain/pathway-repository.js';
import { PATHWAY_REMINDER_JOB, PathwayService } from './domain/pathway-service.js';
import type { JobData } from '../../platform/scheduler/job-scheduler.js';
import { HANDOFF_DIALOG, HANDOFF_LIST_DIALOG, HANDOFF_REPLY_DIALOG, handoffDialogs, type HandoffOptions, type HandoffReplyOptions } from '../handoffs/dialogs/handoff-dialog.js';
import { HANDOFF_LINK } from '../handoffs/dialogs/handoff-link.js';
import { pathwayQuestionnaireDialog } from './dialogs/pathway-questionnaire-dialog.js';
import { PATHWAY_DETAILS_DIALOG, PATHWAYS_DIALOG, pathwaysDialogs, type DetailsOptions } from './dialogs/pathways-dialog.js';
import type { Feature, FeatureServices } from '../feature-module.js';

/** Deep-link payloads of these journeys (Telegram allows 64 characters). */
export const PATHWAY_LINK_PREFIX = 'pathway-';
export const HANDOFF_REPLY_LINK_PREFIX = 'handoff-reply-';
export const HANDOFF_LIST_LINK = 'handoff-list';

export interface PathwayReminderData extends JobData {
  profileId: string;
  pathwayId: string;
}

/** Journey 5 "Wege in Arbeit"; the staff console uses `service`. */
export interface PathwaysFeature extends Feature {
  readonly name: 'pathways';
  readonly service: PathwayService;
}

/** Journey 8 "Talk to a person"; the staff console uses `service` (listOpen, claim, reply, close). */
export interface HandoffsFeature extends Feature {
  readonly name: 'handoffs';
  readonly service: HandoffService;
}

/** Employment pathways (journey 5) and talking to a person (journey 8), which share the answers. */
export function createPathwayAndHandoffFeatures(services: FeatureServices): [PathwaysFeature, HandoffsFeature] {
  const { store, clock, scheduler, messenger, tenants, logger } = services;
  const pathwayRepository = new PathwayRepository(store);
  const requestRepository = new PathwayRequestRepository(store);
  const answersRepository = new PathwayAnswersRepository(store);
  const pathways = new PathwayService(pathwayRepository, requestRepository, answersRepository, clock);

  scheduler.define<PathwayReminderData>(PATHWAY_REMINDER_JOB, async ({ tenantId, profileId, pathwayId }) => {
    // The person or the pathway is gone, or another run of this job sent it already: nothing to do.
    if (!profileId || !pathwayId) return;
    await pathways.sendReminderOnce(tenantId, profileId, pathwayId, async (pathway) => {
      const result = await messenger.sendToProfile(tenantId, profileId, (t) => [
        {
          type: 'message',
          text: t('pathways:reminder', { title: pathway.title, nextStep: pathway.nextStep }),
          suggestedActions: { to: [], actions: [actionButton(t('pathways:actions.open'), `${PATHWAY_LINK_PREFIX}${pathway._id}`)] },
        },
      ]);
      if (result === 'unreachable') logger.info({ tenantId, job: PATHWAY_REMINDER_JOB }, 'pathway reminder: person unreachable');
    });
  });

  const handoffRepository = new HandoffRepository(store);
  const deliver = (request: HandoffRequest, message: HandoffMessage) =>
    messenger.sendToProfile(request.tenantId, request.profileId, (t): Partial<Activity>[] => {
      const tenant = tenants.get(request.tenantId)?.name ?? request.tenantId;
      const topic = request.topic === 'other' && request.topicText ? request.topicText : t(`handoff:topic.${request.topic}`);
      const text = message.staffName
        ? t('handoff:staffReply', { staff: message.staffName, tenant, topic, text: message.text })
        : t('handoff:staffReplyAnonymous', { tenant, topic, text: message.text });
      return [{ type: 'message', text, suggestedActions: { to: [], actions: [actionButton(t('handoff:answerButton'), `${HANDOFF_REPLY_LINK_PREFIX}${request._id}`)] } }];
    });
  // Staff see new requests in the console's inbox and as a notice (e-mailed with SMTP_URL), so that
  // the promised reply time has someone behind it.
  const handoffs = new HandoffService(
    handoffRepository,
    clock,
    deliver,
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

  const pathwaysFeature: PathwaysFeature = {
    name: 'pathways',
    service: pathways,
    dialogs: (deps) => [...pathwayQuestionnaireDialog(deps, pathways), ...pathwaysDialogs(deps, { pathways, scheduler })],
    registerJourneys(journeys) {
      journeys.addMenuEntry({ id: 'pathways', titleKey: 'pathways:menuEntry', dialogId: PATHWAYS_DIALOG, order: 500 });
      journeys.addDeepLink({ prefix: PATHWAY_LINK_PREFIX, dialogId: PATHWAY_DETAILS_DIALOG, options: (rest) => ({ pathwayId: rest, returnToMenu: true }) satisfies DetailsOptions });
    },
    dataSources: [savedPathwaysDataSource(requestRepository, pathwayRepository), pathwayAnswersDataSource(answersRepository)],
    async loadDemoContent(tenantId, sets, now) {
      if (!sets.includes('dortmund') || (await pathways.hasCatalogue(tenantId))) return;
      for (const { id, input } of dortmundPathways(now)) await pathways.create(tenantId, input, id);
    },
  };

  const handoffsFeature: HandoffsFeature = {
    name: 'handoffs',
    service: handoffs,
    dialogs: (deps) => handoffDialogs(deps, { handoffs, pathways }),
    registerJourneys(journeys) {
      journeys.addMenuEntry({ id: 'human', titleKey: 'handoff:menuEntry', dialogId: HANDOFF_DIALOG, order: 800 });
      journeys.addDeepLink({ prefix: HANDOFF_REPLY_LINK_PREFIX, dialogId: HANDOFF_REPLY_DIALOG, options: (rest) => ({ requestId: rest, returnToMenu: true }) satisfies HandoffReplyOptions });
      journeys.addDeepLink({ prefix: HANDOFF_LIST_LINK, dialogId: HANDOFF_LIST_DIALOG, options: () => ({ returnToMenu: true }) });
      journeys.addDeepLink({ prefix: HANDOFF_LINK, dialogId: HANDOFF_DIALOG, options: () => ({ returnToMenu: true }) satisfies HandoffOptions });
    },
    dataSources: [handoffDataSource(handoffRepository)],
  };

  return [pathwaysFeature, handoffsFeature];
}
