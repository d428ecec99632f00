import type { Dialog } from 'botbuilder-dialogs';
import type { Router } from 'express';
import type { DemoSet } from '../platform/config/config-types.js';
import type { PlatformServices } from '../platform/platform-services.js';
import type { JobData, JobScheduler } from '../platform/scheduler/job-scheduler.js';
import type { ProfileService } from '../foundation/profiles/profile-service.js';
import type { ProfileRepository } from '../foundation/profiles/profile-repository.js';
import type { PersonalDataSource } from '../foundation/privacy/personal-data.js';
import type { BotDeps, BeforeTurn } from '../bot/bot-deps.js';
import type { JourneyRegistry } from '../bot/journey-registry.js';
import type { ProactiveMessenger } from '../bot/proactive-messenger.js';
import type { StaffNoticeService } from '../staff/notices/staff-notices.js';
import type { ConsoleContribution } from '../staff/console/console-contribution.js';

/** What the composition root hands every feature. */
export interface FeatureServices extends PlatformServices {
  profiles: ProfileService;
  profileRepository: ProfileRepository;
  scheduler: JobScheduler;
  messenger: ProactiveMessenger;
  /** What staff should know, for the console (and by e-mail with SMTP_URL). */
  notices: StaffNoticeService;
  /** What the other mounted features contribute, read when used (after every feature is mounted). */
  mounted: MountedFeatures;
}

/** The contributions of every mounted feature, gathered by the composition root. */
export interface MountedFeatures {
  audienceSources(): readonly AudienceSource[];
}

/** A scheduler job of a feature; the composition root defines it before the scheduler starts. */
export interface JobDefinition<T extends JobData = JobData> {
  readonly name: string;
  run(data: T): Promise<void>;
}

/** The fields of a broadcast's audience filter that a feature's data answers. */
export interface AudienceFilterFields {
  readonly interests: readonly string[];
  readonly districts: readonly string[];
  /** The people registered for this event (a workshop date, ...): the feature that owns the id answers. */
  readonly registeredFor?: string;
}

export interface AudienceChoice {
  id: string;
  title: string;
  startsAt: Date;
}

/**
 * Lets broadcasts reach the people a feature knows (volunteers by interest and district, a
 * workshop's participants) without the broadcasts feature reading that feature's data.
 */
export interface AudienceSource {
  /** The profile ids the filter narrows the audience to; null when the filter does not concern this source. */
  narrow(tenantId: string, filter: AudienceFilterFields): Promise<ReadonlySet<string> | null>;
  /** Upcoming events the composer offers (audience "registered for", deep-link button). */
  eventChoices?(tenantId: string): Promise<AudienceChoice[]>;
}

/**
 * One journey of the product (workshops, good deeds, pathways, ...), mounted by the composition
 * root from the list in src/feature-list.ts. Everything the journey adds to the service comes through
 * here, so adding a journey touches its own folder and that list only.
 */
export interface Feature {
  /** For people reading logs and errors; nothing is looked up by it. */
  readonly name: string;
  /** Its texts: `<dir>/<lng>/<namespace>.json`, loaded beside the foundation's locales/. */
  readonly texts: string;
  dialogs(deps: BotDeps): Dialog[];
  /** Its main menu entries, deep links, profile entries and command links. */
  registerJourneys(journeys: JourneyRegistry): void;
  readonly jobs?: readonly JobDefinition[];
  /** Every store of personal data of this feature, for "export my data" and "delete me". */
  readonly dataSources: readonly PersonalDataSource[];
  /** Public HTTP routes (e.g. calendar files); mounted after body parsing. */
  readonly routers?: readonly Router[];
  /** Its staff console sections, pages, navigation entries and dashboard panels. */
  readonly console?: ConsoleContribution;
  /** Runs at the start of every turn, before the dialogs (e.g. announcements waiting for a visitor). */
  readonly beforeTurn?: readonly BeforeTurn[];
  /** Whom broadcasts can reach through this feature's data. */
  readonly audienceSources?: readonly AudienceSource[];
  /** Starts its own loops once the scheduler runs (broadcast sending), and stops them before the store closes. */
  start?(): void;
  stop?(): Promise<void>;
  /** Loads the demo content into a tenant that has none of this feature's content yet. */
  loadDemoContent?(tenantId: string, sets: readonly DemoSet[], now: Date): Promise<void>;
}
