import { join } from 'node:path';
import { Router } from 'express';
import session from 'express-session';
import { rateLimit } from 'express-rate-limit';
import { findProjectRoot } from '../platform/config/project-root.js';
import { servedOverHttps } from '../platform/http/security-headers.js';
import type { PlatformServices } from '../platform/platform-services.js';
import { ProfileRepository } from '../foundation/profiles/profile-repository.js';
import type { ConsoleContribution } from './console/console-contribution.js';
import { mergeContributions } from './console/merge-contributions.js';
import type { JobScheduler } from '../platform/scheduler/job-scheduler.js';
import type { RetentionTask } from '../platform/maintenance/retention.js';
import { StaffAccountError, StaffAccounts } from './accounts/staff-accounts.js';
import { StaffUserRepository } from './accounts/staff-user-repository.js';
import { ALL_TENANTS } from './accounts/staff-user.js';
import { createAdminApiRouter } from './api/admin-api-router.js';
import { AuditLog } from './audit/audit-log.js';
import type { ConsoleIntegrations } from './content/integrations.js';
import { consoleErrorPages, createConsoleRouter } from './console/console-router.js';
import { Dashboard } from './operations/dashboard.js';
import { SignInFlow } from './operations/sign-in.js';
import { StaffOperations } from './operations/staff-operations.js';
import { ConsoleViews } from './console/views.js';
import { DocumentSessionStore, sessionSecret } from './http/document-session-store.js';
import { FormNonces } from './http/form-nonces.js';
import { StoredRateLimit } from './http/stored-rate-limit.js';
import { SESSION_COOKIE } from './http/session-auth.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './accounts/passwords.js';
import { staffError } from './http/staff-error.js';
import { failedJobs } from './operations/failed-jobs.js';
import { NoticeBoard } from './operations/notice-board.js';
import { addNoticeRoutes } from './console/notice-routes.js';
import type { StaffNoticeService } from './notices/staff-notices.js';
// The console's text keys are typed there (declaration merging); imported so every build sees them.
import type {} from './console/console-texts.js';

export interface StaffConsoleOptions {
  /** Failed sign-in attempts per client address and window, counted in the store (the per-account lock-out comes on top). */
  loginAttemptsPerWindow: number;
  loginWindowMs: number;
  /** Idle time after which a session ends. */
  sessionTtlMs: number;
  /** Secure cookies; default: COOKIE_SECURE, else when PUBLIC_URL is https or TRUST_PROXY is set. */
  secureCookies?: boolean;
}

export const DEFAULT_STAFF_CONSOLE_OPTIONS: StaffConsoleOptions = { loginAttemptsPerWindow: 20, loginWindowMs: 15 * 60_000, sessionTtlMs: 8 * 3_600_000 };

export interface StaffConsoleDeps extends PlatformServices {
  /** What the mounted features add: sections, dashboard panels, navigation entries, pages, API routes. */
  contributions: readonly ConsoleContribution[];
  /** For the admins' list of failed jobs (absent: the list stays empty). */
  scheduler?: Pick<JobScheduler, 'failures'>;
  /** The features' staff notices (absent: no page "Hinweise"). */
  notices?: StaffNoticeService;
  options?: Partial<StaffConsoleOptions>;
}

export interface StaffConsole {
  /** Mounted by the host after body parsing: /console (HTML) and /api/admin (JSON). */
  router: Router;
  /** The two routers themselves, mounted at these prefixes (tests walk their routes). */
  consoleRouter: Router;
  apiRouter: Router;
  accounts: StaffAccounts;
  audit: AuditLog;
  integrations: ConsoleIntegrations;
  /** At first start: the admin from ADMIN_EMAIL/ADMIN_PASSWORD when no account exists yet. */
  ensureFirstAdmin(): Promise<void>;
  /** For the hourly retention job: the audit log after AUDIT_RETENTION_DAYS, and expired sign-in records. */
  retentionTasks: RetentionTask[];
}

const DAY_MS = 24 * 3_600_000;

export const CONSOLE_PREFIX = '/console';
export const API_PREFIX = '/api/admin';
export { SESSION_COOKIE };

/** The staff console: accounts, sessions, CSRF, the audit log, the HTML pages and the admin API. */
export async function createStaffConsole(deps: StaffConsoleDeps): Promise<StaffConsole> {
  const { config, store, clock, logger } = deps;
  const options = { ...DEFAULT_STAFF_CONSOLE_OPTIONS, ...deps.options };
  const root = findProjectRoot();
  const secureCookies = options.secureCookies ?? servedOverHttps(config);

  const accounts = new StaffAccounts(new StaffUserRepository(store), clock);
  const audit = new AuditLog(store, clock);
  const sessions = new DocumentSessionStore(store, clock, options.sessionTtlMs);
  const sessionMiddleware = session({
    name: SESSION_COOKIE,
    secret: await sessionSecret(store),
    store: sessions,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    // Behind a TLS-terminating proxy without TRUST_PROXY: trust its X-Forwarded-Proto for the Secure flag.
    proxy: secureCookies && config.trustProxy === 0 ? true : undefined,
    cookie: { httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: options.sessionTtlMs, path: '/' },
  });
  const loginAttempts = new StoredRateLimit(store, clock);
  const loginLimiter = rateLimit({
    store: loginAttempts,
    windowMs: options.loginWindowMs,
    limit: options.loginAttemptsPerWindow,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Failed attempts count; a successful sign-in does not use up the budget of an office behind one address.
    skipSuccessfulRequests: true,
    handler: (_req, _res, next) => next(staffError(429, 'TooManyRequests', 'console:errors.tooManyAttempts', 'too many sign-in attempts from this address; wait 15 minutes')),
  });

  const t = deps.translator.forLocale('de');
  const staffUsers = new StaffUserRepository(store);
  const { kit, integrations, nav, pages, apis } = mergeContributions(deps.contributions, {
    t,
    profiles: new ProfileRepository(store),
    staffName: async (tenantId, id) => ((await staffUsers.findById(tenantId, id)) ?? (await staffUsers.findById(ALL_TENANTS, id)))?.name,
  });
  const nonces = new FormNonces(store, clock);
  const views = new ConsoleViews(join(root, 'src'), t, deps.tenants, integrations, nav, nonces);
  const operations = new StaffOperations(accounts, audit, sessions, integrations, t, deps.scheduler ? failedJobs(deps.scheduler) : undefined);
  const dashboard = new Dashboard(store, integrations.panels);
  const signIn = new SignInFlow(accounts, audit, clock);
  const notices = deps.notices ? new NoticeBoard(deps.notices, integrations.noticeLinks, audit) : undefined;
  const shared = { session: sessionMiddleware, loginLimiter, accounts, audit, operations, dashboard, signIn, tenants: deps.tenants, clock, notices };
  const pageKit = { ...kit, views, nonces, audit, tenants: deps.tenants, clock };

  const consoleRouter = createConsoleRouter({
    ...shared,
    views,
    nonces,
    assets: { publicDir: join(root, 'src', 'staff', 'public'), chartFile: join(root, 'node_modules', 'chart.js', 'dist', 'chart.umd.js') },
    secureCookies,
  });
  if (notices) addNoticeRoutes(consoleRouter, { board: notices, views });
  for (const addPages of pages) addPages(consoleRouter, pageKit);
  consoleRouter.use(consoleErrorPages(views));
  const apiRouter = createAdminApiRouter({ ...shared, featureRoutes: apis.map((addApi) => (router: Router) => addApi(router, pageKit)) });

  const router = Router();
  router.use(CONSOLE_PREFIX, consoleRouter);
  router.use(API_PREFIX, apiRouter);

  return {
    router,
    consoleRouter,
    apiRouter,
    accounts,
    audit,
    integrations,
    retentionTasks: [
      { name: 'staff-audit-log', keepMs: config.auditRetentionDays * DAY_MS, purgeOlderThan: (date) => audit.purgeOlderThan(date) },
      // Events written before citizen items were recorded by id only; a no-op once done.
      { name: 'staff-audit-citizen-text', keepMs: 0, purgeOlderThan: () => audit.scrubCitizenText() },
      // A client address's failures, locks and familiarity, once they no longer count (at most 30 days after a sign-in).
      { name: 'staff-sign-in-records', keepMs: 0, purgeOlderThan: (date) => accounts.purgeSignInRecords(date) },
      { name: 'staff-sign-in-rate', keepMs: 0, purgeOlderThan: (date) => loginAttempts.purgeEnded(date) },
    ],
    async ensureFirstAdmin() {
      if (!config.adminEmail || !config.adminPassword) return;
      const single = config.tenants.length === 1;
      const tenantId = single ? config.tenants[0]!.id : ALL_TENANTS;
      let created: boolean;
      try {
        created = single
          ? await accounts.ensureFirstAdmin(tenantId, config.adminEmail, config.adminPassword)
          : await accounts.ensureFirstSuperAdmin(config.adminEmail, config.adminPassword);
      } catch (error) {
        if (!(error instanceof StaffAccountError)) throw error;
        logger.error({ reason: error.code }, `staff console: ADMIN_PASSWORD is not usable (${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters); no admin created`);
        return;
      }
      if (created) logger.info({ tenant: tenantId }, 'staff console: first admin created from ADMIN_EMAIL');
    },
  };
}
