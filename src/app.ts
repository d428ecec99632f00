import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { AppConfig, TenantConfig } from './platform/config/config-types.js';
import type { Logger } from './platform/logging/logger.js';
import { openStore } from './platform/store/open-store.js';
import type { DocumentStore } from './platform/store/document-store.js';
import { createTranslator } from './platform/i18n/translator.js';
import type { AccountKey } from './foundation/profiles/profile.js';
import { ProfileRepository } from './foundation/profiles/profile-repository.js';
import { ProfileService } from './foundation/profiles/profile-service.js';
import { profileDataSource } from './foundation/privacy/profile-data-source.js';
import { PrivacyService } from './foundation/privacy/privacy-service.js';
import { KosiBot } from './bot/kosi-bot.js';
import { TurnQueue } from './bot/turn-queue.js';
import { botStateDefinition, DocumentStateStorage } from './bot/state-storage.js';
import { dialogStateDataSource } from './bot/dialog-state-data-source.js';
import { OptimisticConversationState } from './bot/optimistic-conversation-state.js';
import { createTurnErrorHandler } from './bot/turn-error-handler.js';
import { FOUNDATION_TEXTS, foundationDialogs, registerFoundationJourneys } from '../dialogs/foundation-module.js';
import { JourneyRegistry } from './bot/journey-registry.js';
import { telegramCommands } from './bot/telegram-commands.js';
import { createSendBudget, createTelegramChannel, createTelegramUpdateRepository, defaultTenantWebhookRouter, type SendBudget, type TelegramChannel, type TelegramChannelOptions } from './channels/telegram/index.js';
import { createWebChatChannel, type WebChatChannel, type WebChatChannelOptions } from './channels/webchat/webchat-channel.js';
import { webChatDataSource } from './channels/webchat/webchat-data-source.js';
import { createHttpApp } from './platform/http/create-http-app.js';
import { healthRoutes } from './platform/http/health-routes.js';
import { createHttpServer } from './platform/http/http-server.js';
import { servedOverHttps } from './platform/http/security-headers.js';
import { createRetention, scheduleRetention, type Retention } from './platform/maintenance/retention.js';
import { eraseUnconsentedVisitors } from './foundation/privacy/unconsented-visitors.js';
import { openJobScheduler } from './platform/scheduler/open-job-scheduler.js';
import { scheduledJobsDataSource } from './foundation/privacy/scheduled-jobs-data-source.js';
import type { JobScheduler } from './platform/scheduler/job-scheduler.js';
import { createChannelMessenger } from './bot/channel-messenger.js';
import type { ProactiveMessenger } from './bot/proactive-messenger.js';
import { TelegramRecipientBlockedError } from './channels/telegram/index.js';
import { mountFeatures, type MountedFeatureSet } from './feature-list.js';
import { STAFF_NOTICE_MAIL_JOB, StaffNoticeService, staffNoticesDataSource, type StaffNoticeMail } from './staff/notices/staff-notices.js';
import { smtpMailer } from './staff/notices/smtp-mailer.js';
import type { Feature, MountedFeatures } from './features/feature-module.js';
import type { PlatformServices } from './platform/platform-services.js';
import { loadDemoContent } from './features/demo-content.js';
import { createStaffConsole, type StaffConsole, type StaffConsoleOptions } from './staff/create-staff-console.js';
import type { BroadcastService } from './features/broadcasts/domain/broadcast-service.js';
import type { BroadcastDispatcher, DispatcherOptions } from './features/broadcasts/delivery/broadcast-dispatcher.js';

/** What tests (and only tests) replace: the clock, Telegram's identity and limits, web chat limits. */
export interface AppOverrides {
  clock?: () => Date;
  telegram?: Partial<Pick<TelegramChannelOptions, 'botInfo' | 'throttle' | 'retry' | 'startRetry' | 'pollingTimeoutSeconds'>>;
  webchat?: Partial<Pick<WebChatChannelOptions, 'rateLimits' | 'limits' | 'paths' | 'downloadTtlMs'>>;
  /** `manual`: jobs run only through scheduler.runDue() (tests that move the clock). */
  scheduler?: { mode?: 'automatic' | 'manual'; processEvery?: number };
  staff?: Partial<StaffConsoleOptions>;
  /** Broadcast sending: lease, polling, retry back-off (tests make them short). */
  broadcasts?: Partial<DispatcherOptions>;
}

export interface KosiApp {
  config: AppConfig;
  store: DocumentStore;
  http: Express;
  bot: KosiBot;
  telegram: ReadonlyMap<string, TelegramChannel>;
  webchat: WebChatChannel;
  scheduler: JobScheduler;
  messenger: ProactiveMessenger;
  /** What staff should know (registrations, requests), for the console and by e-mail. */
  notices: StaffNoticeService;
  /** The journeys beyond the foundation (workshops, volunteering, ...), typed. */
  features: MountedFeatureSet;
  /** The staff console (/console) and the admin API (/api/admin). */
  staffConsole: StaffConsole;
  /** Announcements: compose, approve, send, follow (the console's and the tests' way in). */
  broadcasts: BroadcastService;
  /** Sends the broadcasts that are due, within each bot's rate. */
  broadcastDispatcher: BroadcastDispatcher;
  /** Data minimisation: the scheduler runs it hourly; tests run it on demand. */
  retention: Retention;
  /** Opens the port and starts the channels (webhook registration or long polling). */
  start(): Promise<AddressInfo>;
  /** Graceful stop: no new input, turns in flight finish, the store is flushed and closed. */
  stop(): Promise<void>;
}

const TURN_DRAIN_MS = 10_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The composition root: builds every part from the configuration and hands each what it needs. */
export async function createApp(config: AppConfig, logger: Logger, overrides: AppOverrides = {}): Promise<KosiApp> {
  const clock = overrides.clock ?? (() => new Date());
  const store = await openStore(config, logger);
  const tenants = new Map<string, TenantConfig>(config.tenants.map((tenant) => [tenant.id, tenant]));
  const translator = createTranslator(FOUNDATION_TEXTS, config.defaultLocale);
  const platform: PlatformServices = { config, tenants, store, logger, clock, translator };
  const turnQueue = new TurnQueue();

  const profileRepository = new ProfileRepository(store);
  const profiles = new ProfileService(profileRepository, clock);
  const stateStorage = new DocumentStateStorage(store.collection(botStateDefinition()));
  const conversationState = new OptimisticConversationState(stateStorage);
  const logic = (context: Parameters<KosiBot['run']>[0]) => bot.run(context);

  const webchat = createWebChatChannel({
    tenants: config.tenants,
    store,
    logger,
    turnQueue,
    logic,
    tokenTtlSeconds: config.webchatTokenTtlSeconds,
    clock,
    sharedStore: store.kind === 'mongodb',
    ...overrides.webchat,
  });
  const telegram = new Map<string, TelegramChannel>();
  // One sending budget per bot token: whatever this process sends with one bot shares Telegram's limits.
  const budgets = new Map<string, SendBudget>();
  const budgetOf = (bot: NonNullable<TenantConfig['telegram']>): SendBudget => {
    const budget = budgets.get(bot.botToken) ?? createSendBudget(bot, overrides.telegram?.throttle);
    budgets.set(bot.botToken, budget);
    return budget;
  };
  for (const tenant of config.tenants.filter((candidate) => candidate.telegram)) {
    telegram.set(
      tenant.id,
      createTelegramChannel({
        tenant,
        apiRoot: config.telegramApiRoot,
        publicUrl: config.publicUrl,
        store,
        logger,
        turnQueue,
        logic,
        commands: telegramCommands(translator),
        onRecipientBlocked: async ({ tenantId, chatId, userId }) => {
          await profiles.markBlocked({ tenantId, channel: 'telegram', accountId: userId ?? chatId });
        },
        ...overrides.telegram,
        budget: budgetOf(tenant.telegram!),
      }),
    );
  }

  const messenger = createChannelMessenger({
    tenants,
    translator,
    profiles: profileRepository,
    logger,
    adapterFor: (tenantId, channel) => (channel === 'webchat' ? webchat.adapter : telegram.get(tenantId)?.adapter),
    isRecipientBlocked: (error) => error instanceof TelegramRecipientBlockedError,
  });
  const scheduler = await openJobScheduler({ store, logger, clock, ...overrides.scheduler });
  // Staff e-mails go out through a job (keyed by the notice): no person waits for the mail server,
  // and a failing one is retried with back-off.
  const notices = new StaffNoticeService(store, smtpMailer(config.smtpUrl, config.mailFrom), clock, (mail) =>
    scheduler.schedule<StaffNoticeMail>(STAFF_NOTICE_MAIL_JOB, clock(), mail, { key: mail.noticeId }),
  );
  scheduler.define<StaffNoticeMail>(STAFF_NOTICE_MAIL_JOB, (mail) => notices.sendMail(mail));
  // The features, mounted from the list; their contributions are gathered here, none looked up by name.
  let features: Feature[] = [];
  const mounted: MountedFeatures = { audienceSources: () => features.flatMap((feature) => feature.audienceSources ?? []) };
  const mountedSet = mountFeatures(
    { ...platform, profiles, profileRepository, scheduler, messenger, notices, mounted },
    { telegram, dispatcher: overrides.broadcasts },
  );
  features = Object.values(mountedSet);
  const { broadcasts } = mountedSet;
  for (const feature of features) {
    translator.addTexts(feature.texts);
    for (const job of feature.jobs ?? []) scheduler.define(job.name, (data) => job.run(data));
  }
  if (config.textOverridesDir) translator.addOverrides(config.textOverridesDir);
  const journeys = registerFoundationJourneys(new JourneyRegistry());
  for (const feature of features) feature.registerJourneys(journeys);
  const conversationsOf = async (account: AccountKey): Promise<string[]> =>
    account.channel === 'webchat' ? webchat.conversationIdsOf(account.tenantId, account.accountId) : [];
  const privacy = new PrivacyService(
    // The profile goes last: if another source fails, "delete me" stays reachable for a retry.
    [
      ...features.flatMap((feature) => feature.dataSources),
      scheduledJobsDataSource(scheduler),
      staffNoticesDataSource(notices),
      webChatDataSource(webchat),
      dialogStateDataSource(stateStorage),
      profileDataSource(profileRepository),
    ],
    clock,
    // The embedded store only appends: rewrite its files at once, so that nothing of the person stays on disk.
    () => store.compact(),
  );
  const botDeps = { tenants, translator, profiles, privacy, journeys, logger, conversationsOf, beforeTurn: features.flatMap((feature) => feature.beforeTurn ?? []) };
  const bot = new KosiBot(botDeps, conversationState);
  bot.addDialogs(foundationDialogs(botDeps));
  for (const feature of features) bot.addDialogs(feature.dialogs(botDeps));
  const onTurnError = createTurnErrorHandler({ conversationState, translator, tenants, logger });
  webchat.adapter.onTurnError = onTurnError;
  for (const channel of telegram.values()) channel.adapter.onTurnError = onTurnError;

  // The staff console shows what the features contribute: sections, inboxes, panels, pages.
  const staffConsole = await createStaffConsole({
    ...platform,
    contributions: features.flatMap((feature) => (feature.console ? [feature.console] : [])),
    scheduler,
    notices,
    options: overrides.staff,
  });

  let shuttingDown = false;
  const defaultTelegram = telegram.get(config.tenants[0]!.id);
  const http = createHttpApp({
    logger,
    trustProxy: config.trustProxy,
    https: servedOverHttps(config),
    routersBeforeBodyParsing: [...[...telegram.values()].map((channel) => channel.router), ...(defaultTelegram ? [defaultTenantWebhookRouter(defaultTelegram)] : [])],
    routers: [
      healthRoutes(store, () => shuttingDown, () => Object.fromEntries([...telegram].map(([id, channel]) => [id, channel.isReady() ? 'ready' : 'starting']))),
      webchat.router,
      ...features.flatMap((feature) => feature.routers ?? []),
      staffConsole.router,
    ],
  });
  const server = createHttpServer(http, webchat.upgrade);
  const telegramUpdates = createTelegramUpdateRepository(store);
  const retention = createRetention(
    [
      { name: 'telegram-update-ids', keepMs: 2 * DAY_MS, purgeOlderThan: (date) => telegramUpdates.purgeOlderThan(date) },
      {
        name: 'unconsented-web-visitors',
        keepMs: HOUR_MS,
        purgeOlderThan: finalAfterBatch(
          eraseUnconsentedVisitors({ listIdleVisitors: (since) => webchat.listIdleVisitors(since), profiles, privacy: { eraseAll: (subject) => privacy.eraseAll(subject, { finalNow: false }) }, conversationsOf }),
          privacy,
        ),
      },
      { name: 'webchat-transcripts', keepMs: 30 * DAY_MS, purgeOlderThan: (date) => webchat.purgeOlderThan(date) },
      { name: 'dialog-state', keepMs: 30 * DAY_MS, purgeOlderThan: (date) => stateStorage.purgeOlderThan(date) },
      // Kept a while so that operators can see what failed; they may name a person.
      { name: 'failed-jobs', keepMs: 30 * DAY_MS, purgeOlderThan: (date) => scheduler.purgeFailures(date) },
      // The staff audit log (AUDIT_RETENTION_DAYS) and expired sign-in failure records.
      ...staffConsole.retentionTasks,
    ],
    logger,
    clock,
  );

  return {
    config,
    store,
    http,
    bot,
    telegram,
    webchat,
    scheduler,
    messenger,
    notices,
    features: mountedSet,
    staffConsole,
    broadcasts: broadcasts.service,
    broadcastDispatcher: broadcasts.dispatcher,
    retention,
    async start() {
      await loadDemoContent(config.tenants, features, clock(), logger);
      await staffConsole.ensureFirstAdmin();
      await scheduleRetention(retention, scheduler);
      await scheduler.start();
      for (const feature of features) feature.start?.();
      await webchat.start();
      const address = await server.listen(config.port, config.host);
      if (store.kind === 'mongodb' && !config.publicUrl && telegram.size > 0) {
        // Telegram answers only one getUpdates poller per bot: more instances need webhook mode.
        logger.warn('Telegram long polling with MongoDB: run one instance only, or set PUBLIC_URL for webhook mode');
      }
      await Promise.all([...telegram.values()].map((channel) => channel.start()));
      const started = { port: address.port, store: store.kind, tenants: config.tenants.map((tenant) => tenant.id), telegram: [...telegram.keys()] };
      // The same report as /readyz: a collection that did not load, or damaged files kept aside.
      const { problems, damaged } = await store.health();
      if (problems.length > 0) logger.error({ ...started, problems, damaged }, 'KoSI-Bot started, but not ready: the store cannot serve (see problems)');
      else if (damaged.length > 0) logger.warn({ ...started, damaged }, 'KoSI-Bot started; damaged data files were found and copied aside (see damaged)');
      else logger.info(started, 'KoSI-Bot started');
      return address;
    },
    async stop() {
      if (shuttingDown) return;
      shuttingDown = true;
      // Calls in flight finish and are checkpointed before the store closes.
      for (const feature of features) await feature.stop?.();
      await scheduler.stop();
      await Promise.all([...telegram.values()].map((channel) => channel.stop()));
      webchat.stop();
      const closing = server.close(TURN_DRAIN_MS);
      const drained = await turnQueue.drain(TURN_DRAIN_MS);
      if (!drained) logger.warn({ pending: turnQueue.pending }, 'stopped with turns still running');
      await closing;
      await store.close();
      logger.info('KoSI-Bot stopped');
    },
  };
}

/** Many erasures in one retention run: the data files are rewritten once at the end, not once per person. */
function finalAfterBatch(purge: (date: Date) => Promise<number>, privacy: PrivacyService): (date: Date) => Promise<number> {
  return async (date) => {
    try {
      return await purge(date);
    } finally {
      await privacy.makeErasuresFinal();
    }
  };
}
