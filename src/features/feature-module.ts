import type { Dialog } from 'botbuilder-dialogs';
import type { Router } from 'express';
import type { AppConfig, DemoSet, TenantConfig } from '../platform/config/config-types.js';
import type { Logger } from '../platform/logging/logger.js';
import type { DocumentStore } from '../platform/store/document-store.js';
import type { Translator } from '../platform/i18n/translator.js';
import type { ProfileService } from '../foundation/profiles/profile-service.js';
import type { Clock } from '../platform/clock.js';
import type { ProfileRepository } from '../foundation/profiles/profile-repository.js';
import type { PersonalDataSource } from '../foundation/privacy/personal-data.js';
import type { BotDeps } from '../bot/bot-deps.js';
import type { JourneyRegistry } from '../bot/journey-registry.js';
import type { ProactiveMessenger } from '../bot/proactive-messenger.js';
import type { JobScheduler } from '../platform/scheduler/job-scheduler.js';
import type { StaffNoticeService } from '../staff/notices/staff-notices.js';


/** What the composition root hands every feature. */
export interface FeatureServices {
  config: AppConfig;
  tenants: ReadonlyMap<string, TenantConfig>;
  store: DocumentStore;
  logger: Logger;
  clock: Clock;
  translator: Translator;
  profiles: ProfileService;
  profileRepository: ProfileRepository;
  scheduler: JobScheduler;
  messenger: ProactiveMessenger;
  /** What staff should know, for the console (and by e-mail with SMTP_URL). */
  notices: StaffNoticeService;
}

/**
 * One journey of the product (workshops, good deeds, pathways, ...), plugged into the composition
 * root: its dialogs, its menu entries and deep links, where it keeps personal data, its HTTP routes
 * and its demo content. Its jobs are defined on the scheduler when the feature is created.
 */
export interface Feature {
  readonly name: string;
  dialogs(deps: BotDeps): Dialog[];
  registerJourneys(journeys: JourneyRegistry): void;
  /** Every store of personal data of this feature, for "export my data" and "delete me". */
  readonly dataSources: readonly PersonalDataSource[];
  /** Public HTTP routes (e.g. calendar files); mounted after body parsing. */
  readonly routers?: readonly Router[];
  /** Loads the demo content into a tenant that has none of this feature's content yet. */
  loadDemoContent?(tenantId: string, sets: readonly DemoSet[], now: Date): Promise<void>;
}
