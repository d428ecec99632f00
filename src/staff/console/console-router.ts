import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { HttpError } from '../../platform/http/http-error.js';
import { scanForOperatorKeys } from '../../platform/http/operator-keys.js';
import { can } from '../accounts/staff-user.js';
import { cookieOf, noticeOf } from '../http/request-helpers.js';
import { newToken, requirePermission, requireSession, sameToken, SESSION_COOKIE } from '../http/session-auth.js';
import { consoleTextKey, consoleTitleKey, staffError } from '../http/staff-error.js';
import { staffOf } from '../http/staff-context.js';
import { handle } from '../http/async-handler.js';
import { noStore } from '../http/no-store.js';
import { addAccountRoutes } from './account-routes.js';
import { loginForm } from '../operations/forms.js';
import { addSectionRoutes } from './section-routes.js';
import type { ConsoleViews } from './views.js';
import type { ConsoleRouterDeps } from './console-router-deps.js';

export type { ConsoleRouterDeps };

const LOGIN_COOKIE = 'kosi_console_login';

/** Only paths inside the console, never another site, after signing in. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/console\/[\w\-/.?=&%]*$/.test(value) && !value.startsWith('//') ? value : '/console/';
}

/** Forms: URL-encoded, flat (no nested objects); keys with "$" are refused like in JSON bodies. */
function formBody(): RequestHandler[] {
  return [
    express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 200 }),
    (req, _res, next) =>
      scanForOperatorKeys(req.body).found === 'none' ? next() : next(staffError(400, 'BadArgument', 'console:errors.operatorKeys', 'keys starting with "$" are not allowed')),
  ];
}

/**
 * The console's HTML pages, mounted at /console: the public assets and sign-in here; staff accounts,
 * password and audit log in account-routes.ts; content in section-routes.ts; the features' own pages
 * (marketplace queue, handoff inbox, broadcasts) are added by the features.
 */
export function createConsoleRouter(deps: ConsoleRouterDeps): Router {
  const { views, accounts } = deps;
  const t = views.t;
  const router = Router();

  // Public: the files the pages load, and the sign-in form.
  router.get('/assets/console.css', (_req, res) => void res.set('Cache-Control', 'public, max-age=300').sendFile('console.css', { root: deps.assets.publicDir }));
  router.get('/assets/console.js', (_req, res) => void res.set('Cache-Control', 'public, max-age=300').sendFile('console.js', { root: deps.assets.publicDir }));
  router.get('/assets/chart.umd.js', (_req, res) => void res.set('Cache-Control', 'public, max-age=86400').sendFile(deps.assets.chartFile));

  // Everything below (sign-in included) is a page with personal data or leads to one.
  router.use(noStore());
  router.use(deps.session);
  router.use(formBody());
  addSignInRoutes(router, deps);

  // Everything below needs a signed-in staff member; forms carry the session's CSRF token.
  router.use(
    requireSession(
      accounts,
      (req, res, next, reason) => {
        if (reason === 'csrf') return next(staffError(403, 'Forbidden', 'console:errors.expiredForm', 'the form has expired; reload the page and try again'));
        const nextPath = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
        res.redirect(303, `/console/login${nextPath}`);
      },
      (req) => req.body?._csrf,
      deps.clock,
    ),
  );
  if (deps.notices) router.use(deps.notices.unreadForNavigation());

  router.post(
    '/logout',
    handle(async (req, res) => {
      await deps.signIn.signOut(req, staffOf(res));
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.redirect(303, '/console/login?notice=signedOut');
    }),
  );

  router.get(
    '/',
    requirePermission('dashboard'),
    handle(async (req, res) => {
      const staff = staffOf(res);
      const failedJobs = can(staff.role, 'audit') ? { failedJobs: () => deps.operations.failedJobList(staff) } : {};
      const { data: dashboard, panels } = await deps.dashboard.page(staff.tenantId, deps.clock(), failedJobs);
      const notices = deps.notices && deps.notices.visibleKinds(staff.role).length > 0 ? await deps.notices.newest(staff) : undefined;
      views.render(res, 'dashboard', { title: t('console:nav.dashboard'), dashboard, panels, notices, chart: true, notice: noticeOf(req, t, ['tenant']) });
    }),
  );

  router.post(
    '/tenant',
    handle(async (req, res) => {
      const staff = staffOf(res);
      const tenant = String(req.body?.tenant ?? '');
      if (staff.role !== 'super-admin') throw staffError(403, 'Forbidden', 'console:errors.onlySuperAdmin', 'only a super-admin works for several cities');
      if (!deps.tenants.has(tenant)) throw staffError(400, 'BadArgument', 'console:errors.unknownCity', 'unknown city');
      req.session.staff = { ...req.session.staff!, tenantId: tenant };
      await deps.audit.record(tenant, staff.actor, 'staff.tenant-switched', { type: 'tenant', id: tenant }, `from=${staff.tenantId}`);
      res.redirect(303, '/console/?notice=tenant');
    }),
  );

  addAccountRoutes(router, deps);
  for (const section of deps.operations.integrations.sections) addSectionRoutes(router, section, deps);
  return router;
}

function addSignInRoutes(router: Router, deps: ConsoleRouterDeps): void {
  const { views } = deps;
  const t = views.t;
  const showLogin = (req: Request, res: Response, data: Record<string, unknown> = {}, status = 200): void => {
    // Sign-in CSRF: a double-submit token in a cookie of its own (there is no session yet).
    const token = cookieOf(req, LOGIN_COOKIE) ?? newToken();
    res.cookie(LOGIN_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, path: '/console/login', maxAge: 3_600_000 });
    views.render(res, 'login', { title: t('console:login.title'), loginToken: token, next: safeNext(req.query['next'] ?? req.body?.next), values: {}, errors: {}, notice: noticeOf(req, t, ['signedOut']), ...data }, status);
  };

  router.get('/login', (req, res) => {
    if (req.session.staff) return res.redirect(303, '/console/');
    showLogin(req, res);
  });

  router.post(
    '/login',
    deps.loginLimiter,
    handle(async (req, res) => {
      if (!sameToken(cookieOf(req, LOGIN_COOKIE), req.body?._csrf)) {
        return showLogin(req, res, { problem: t('console:errors.expiredForm') }, 403);
      }
      const values = { tenant: req.body?.tenant, email: req.body?.email };
      const parsed = loginForm.safeParse(req.body);
      // Unknown city, unknown address, wrong password, locked account: one answer for all.
      const failed = (): void => showLogin(req, res, { values, problem: t('console:errors.signInFailed') }, 401);
      if (!parsed.success || !deps.tenants.has(parsed.data.tenant)) return failed();
      const result = await deps.signIn.signIn(req, parsed.data);
      if (!result.ok) return failed();
      res.redirect(303, safeNext(req.body?.next));
    }),
  );
}

/** Errors inside the console as pages (not JSON) in German: 403, 404, 409, 429 and bad input, with a way back. */
export function consoleErrorPages(views: ConsoleViews): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (!(error instanceof HttpError) || error.status >= 500 || res.headersSent) return next(error);
    views.render(res, 'message', { title: views.t(consoleTitleKey(error.status)), problem: views.t(consoleTextKey(error)) }, error.status);
  };
}
