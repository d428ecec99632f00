import { actionButton } from '../../bot/action-buttons.js';
import type { JobData } from '../../platform/scheduler/job-scheduler.js';
import type { Feature, FeatureServices, JobDefinition } from '../feature-module.js';
import { dortmundPathways } from './demo/pathways-dortmund.js';
import { pathwayAnswersDataSource, savedPathwaysDataSource } from './domain/pathway-data-sources.js';
import { PathwayAnswersRepository, PathwayRepository, PathwayRequestRepository } from './domain/pathway-repository.js';
import { PATHWAY_REMINDER_JOB, PathwayService } from './domain/pathway-service.js';
import { pathwayQuestionnaireDialog } from './dialogs/pathway-questionnaire-dialog.js';
import { PATHWAY_DETAILS_DIALOG, PATHWAYS_DIALOG, pathwaysDialogs, type DetailsOptions } from './dialogs/pathways-dialog.js';
import { pathwaysSection } from './console/pathways-section.js';
import { reminderText } from './dialogs/pathway-texts.js';
import type { ContentSection } from '../../staff/content/content-section.js';

// What the handoffs feature uses: the shared answers and their texts, the title in a person's
// language, and the link it answers.
export type { PathwayService } from './domain/pathway-service.js';
export type { AnswerValues } from './domain/pathway.js';
export { CONSTRAINTS, DEGREES, FIELDS, GERMAN_LEVELS, SITUATIONS, STARTS } from './domain/pathway.js';
export { createFreeTextPrompt, FREE_TEXT } from './dialogs/pathway-prompts.js';
export { answersSummary, formatDate } from './dialogs/pathway-texts.js';
export { pathwayTitle } from './dialogs/pathway-translated.js';
export { PATHWAYS_HANDOFF_LINK } from './dialogs/pathways-dialog.js';

/** The pathways' texts (namespace `pathways`). */
export { PATHWAYS_TEXTS } from './texts.js';
import { PATHWAYS_TEXTS } from './texts.js';

/** Deep-link payload of one pathway (Telegram allows 64 characters). */
export const PATHWAY_LINK_PREFIX = 'pathway-';

export interface PathwayReminderData extends JobData {
  profileId: string;
  pathwayId: string;
}

/** Journey 5 "Wege in Arbeit"; the handoffs feature shares its answers through `service`. */
export interface PathwaysFeature extends Feature {
  readonly service: PathwayService;
}

/** Employment pathways: the questionnaire, ranked results, saved pathways and a reminder. */
export function createPathwaysFeature(services: FeatureServices): PathwaysFeature {
  const { store, clock, scheduler, messenger, logger } = services;
  const pathwayRepository = new PathwayRepository(store);
  const requestRepository = new PathwayRequestRepository(store);
  const answersRepository = new PathwayAnswersRepository(store);
  const pathways = new PathwayService(pathwayRepository, requestRepository, answersRepository, clock);

  const reminder: JobDefinition<PathwayReminderData> = {
    name: PATHWAY_REMINDER_JOB,
    async run({ tenantId, profileId, pathwayId }) {
      // The person or the pathway is gone, or another run of this job sent it already: nothing to do.
      if (!profileId || !pathwayId) return;
      await pathways.sendReminderOnce(tenantId, profileId, pathwayId, async (pathway) => {
        const result = await messenger.sendToProfile(tenantId, profileId, (t, locale) => [
          {
            type: 'message',
            text: reminderText(t, locale, pathway),
            suggestedActions: { to: [], actions: [actionButton(t('pathways:actions.open'), `${PATHWAY_LINK_PREFIX}${pathway._id}`)] },
          },
        ]);
        if (result === 'unreachable') logger.info({ tenantId, job: PATHWAY_REMINDER_JOB }, 'pathway reminder: person unreachable');
      });
    },
  };

  return {
    name: 'pathways',
    texts: PATHWAYS_TEXTS,
    service: pathways,
    dialogs: (deps) => [...pathwayQuestionnaireDialog(deps, pathways), ...pathwaysDialogs(deps, { pathways, scheduler })],
    registerJourneys(journeys) {
      journeys.addMenuEntry({ id: 'pathways', titleKey: 'pathways:menuEntry', dialogId: PATHWAYS_DIALOG, order: 500 });
      journeys.addDeepLink({ prefix: PATHWAY_LINK_PREFIX, dialogId: PATHWAY_DETAILS_DIALOG, options: (rest) => ({ pathwayId: rest, returnToMenu: true }) satisfies DetailsOptions });
    },
    jobs: [reminder as JobDefinition],
    dataSources: [savedPathwaysDataSource(requestRepository, pathwayRepository), pathwayAnswersDataSource(answersRepository)],
    console: { sections: ({ people, t }) => [pathwaysSection(pathways, people, t) as ContentSection] },
    async loadDemoContent(tenantId, sets, now) {
      if (!sets.includes('dortmund') || (await pathways.hasCatalogue(tenantId))) return;
      for (const { id, input } of dortmundPathways(now)) await pathways.create(tenantId, input, id);
    },
  };
}
