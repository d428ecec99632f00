import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { TenantConfig } from '../../config/config-types.js';
import { HttpError } from '../../http/http-error.js';
import { scanForOperatorKeys } from '../../http/operator-keys.js';
import type { Clock } from '../../domain/profiles/profile-service.js';
import type { StaffAccounts } from '../accounts/staff-accounts.js';
import { STAFF_ROLES, can, viewOf } from '../accounts/staff-user.js';
import type { AuditLog } from '../audit/audit-log.js';
import { toCsv, type ContentSection } from '../content/content-section.js';
import { newToken, requirePermission, requireSession, sameToken } from '../http/session-auth.js';
import { staffOf } from '../http/staff-context.js';
import type { Dashboard } from './dashboard.js';
import { loginForm, passwordForm, staffChangeFromHtml } from './forms.js';
import type { SignInFlow } from './sign-in.js';
import { FormError, type StaffOperations } from './staff-operations.js';
import type { ConsoleViews } from './views.js';
import { handle } from '../http/async-handler.js';

export interface ConsoleRouterDeps {
  session: RequestHandler;
  loginLimiter: RequestHandler;
  accounts: StaffAccounts;
  audit: AuditLog;
  operations: StaffOperations;
  dashboard: Dashboard;
  views: ConsoleViews;
  signIn: SignInFlow;
  tenants: ReadonlyMap<string, TenantConfig>;
  clock: Clock;
  assets: { publicDir: string; chartFile: string };
  secureCookies: boolean;
}

const LOGIN_COOKIE = 'kosi_console_login';
/** Notices a redirect may ask for: an allowlist, so a link cannot put text on the page. */
const NOTICES = new Set(['brokered', 'saved', 'created', 'withdrawn', 'password', 'approved', 'rejected', 'claimed', 'replied', 'closed', 'signedOut', 'tenant']);


function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const param = (req: Request, name: string): string => String(req.params[name] ?? '');

/** Only paths inside the console, never another site, after signing in. */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/console\/[\w\-/.?=&%]*$/.test(value) && !value.startsWith('//') ? value : '/console/';
}

/** Forms: URL-encoded, flat (no nested objects); keys with "$" are refused like in JSON bodies. */
function formBody(): RequestHandler[] {
  return [
    express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 200 }),
    (req, _res, next) => (scanForOperatorKeys(req.body).found === 'none' ? next() : next(new HttpError(400, 'BadArgument', 'keys starting with "$" are not allowed'))),
  ];
}

/** The console's HTML pages, mounted at /console. */
export function createConsoleRouter(deps: ConsoleRouterDeps): Router {
  const { views, operations, accounts, audit } = deps;
  const t = views.t;
  const router = Router();
  const notice = (req: Request): string | undefined => {
    const key = typeof req.query['notice'] === 'string' ? req.query['notice'] : undefined;
    return key && NOTICES.has(key) ? t(`console:notices.${key}`) : undefined;
  };

  // Public: the files the pages load, and the sign-in form.
  router.get('/assets/console.css', (_req, res) => void res.set('Cache-Control', 'public, max-age=300').sendFile('console.css', { root: deps.assets.publicDir }));
  router.get('/assets/console.js', (_req, res) => void res.set('Cache-Control', 'public, max-age=300').sendFile('console.js', { root: deps.assets.publicDir }));
  router.get('/assets/chart.umd.js', (_req, res) => void res.set('Cache-Control', 'public, max-age=86400').sendFile(deps.assets.chartFile));

  router.use(deps.session);
  router.use(formBody());

  const showLogin = (req: Request, res: Response, data: Record<string, unknown> = {}, status = 200): void => {
    // Sign-in CSRF: a double-submit token in a cookie of its own (there is no session yet).
    const token = cookie(req, LOGIN_COOKIE) ?? newToken();
    res.cookie(LOGIN_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, path: '/console/login', maxAge: 3_600_000 });
    views.render(res, 'login', { title: t('console:login.title'), loginToken: token, next: safeNext(req.query['next'] ?? req.body?.next), values: {}, errors: {}, notice: notice(req), ...data }, status);
  };

  router.get('/login', (req, res) => {
    if (req.session.staff) return res.redirect(303, '/console/');
    showLogin(req, res);
  });

  router.post(
    '/login',
    deps.loginLimiter,
    handle(async (req, res) => {
      if (!sameToken(cookie(req, LOGIN_COOKIE), req.body?._csrf)) {
        return showLogin(req, res, { problem: t('console:errors.expiredForm') }, 403);
      }
      const values = { tenant: req.body?.tenant, email: req.body?.email };
      const parsed = loginForm.safeParse(req.body);
      if (!parsed.success || !deps.tenants.has(parsed.data.tenant)) {
        return showLogin(req, res, { values, errors: { email: t('console:errors.signInFailed') }, problem: t('console:errors.signInFailed') }, 400);
      }
      const result = await deps.signIn.signIn(req, parsed.data);
      if (!result.ok) {
        const message = result.reason === 'locked' ? t('console:errors.locked', { minutes: result.minutes }) : t('console:errors.signInFailed');
        return showLogin(req, res, { values, problem: message }, 401);
      }
      res.redirect(303, safeNext(req.body?.next));
    }),
  );

  // Everything below needs a signed-in staff member; forms carry the session's CSRF token.
  router.use(
    requireSession(
      accounts,
      (req, res, next, reason) => {
        if (reason === 'csrf') return next(new HttpError(403, 'Forbidden', 'the form has expired; reload the page and try again'));
        const nextPath = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
        res.redirect(303, `/console/login${nextPath}`);
      },
      (req) => req.body?._csrf,
    ),
  );

  router.post(
    '/logout',
    handle(async (req, res) => {
      await deps.signIn.signOut(req);
      res.clearCookie('kosi_console', { path: '/' });
      res.redirect(303, '/console/login?notice=signedOut');
    }),
  );

  router.get(
    '/',
    requirePermission('dashboard'),
    handle(async (req, res) => {
      const staff = staffOf(res);
      const dashboard = await deps.dashboard.build(staff.tenantId, deps.clock());
      views.render(res, 'dashboard', { title: t('console:nav.dashboard'), dashboard, chart: true, notice: notice(req) });
    }),
  );

  router.post(
    '/tenant',
    handle(async (req, res) => {
      const staff = staffOf(res);
      const tenant = String(req.body?.tenant ?? '');
      if (staff.role !== 'super-admin') throw new HttpError(403, 'Forbidden', 'only a super-admin works for several cities');
      if (!deps.tenants.has(tenant)) throw new HttpError(400, 'BadArgument', 'unknown city');
      req.session.staff = { ...req.session.staff!, tenantId: tenant };
      res.redirect(303, '/console/?notice=tenant');
    }),
  );

  router.get('/password', (req, res) => views.render(res, 'password', { title: t('console:password.title'), errors: {}, notice: notice(req) }));
  router.post(
    '/password',
    handle(async (req, res) => {
      const staff = staffOf(res);
      try {
        const input = operations.parse(passwordForm, req.body);
        await operations.changePassword(staff, input.currentPassword, input.newPassword, req.sessionID);
        req.session.staff = { ...req.session.staff!, signedInAt: deps.clock().getTime() + 1 };
        res.redirect(303, '/console/password?notice=password');
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        views.render(res, 'password', { title: t('console:password.title'), errors: error.errors }, 422);
      }
    }),
  );

  // Staff accounts and the audit log: admins only.
  const showStaff = async (res: Response, data: Record<string, unknown> = {}, status = 200): Promise<void> => {
    const staff = staffOf(res);
    const users = (await accounts.list(staff.tenantId)).map(viewOf);
    views.render(res, 'staff', { title: t('console:nav.staff'), users, roles: STAFF_ROLES, values: {}, errors: {}, ...data }, status);
  };
  router.get('/staff', requirePermission('staff'), handle(async (req, res) => showStaff(res, { notice: notice(req) })));
  router.post(
    '/staff',
    requirePermission('staff'),
    handle(async (req, res) => {
      try {
        await operations.createStaff(staffOf(res), req.body);
        res.redirect(303, '/console/staff?notice=created');
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        await showStaff(res, { values: { name: req.body?.name, email: req.body?.email, role: req.body?.role }, errors: error.errors }, 422);
      }
    }),
  );
  router.post(
    '/staff/:id',
    requirePermission('staff'),
    handle(async (req, res) => {
      try {
        await operations.updateStaff(staffOf(res), param(req, 'id'), operations.parse(staffChangeFromHtml, req.body));
        res.redirect(303, '/console/staff?notice=saved');
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        await showStaff(res, { problem: Object.values(error.errors).join(' ') }, 422);
      }
    }),
  );
  router.get(
    '/audit',
    requirePermission('audit'),
    handle(async (_req, res) => {
      const events = await audit.list(staffOf(res).tenantId, { limit: 200 });
      views.render(res, 'audit', { title: t('console:nav.audit'), events });
    }),
  );

  for (const section of operations.integrations.sections) addSectionRoutes(router, section, deps);
  return router;
}

/** List, search, create, edit, withdraw and registrations (with CSV) of one kind of content. */
function addSectionRoutes(router: Router, section: ContentSection, deps: ConsoleRouterDeps): void {
  const { views, operations } = deps;
  const t = views.t;
  const base = `/${section.key}`;
  const title = t(section.title);
  const guard = requirePermission('content');
  const readGuard = requirePermission('content', section.readPermission);
  const showForm = (res: Response, data: { id?: string; values: Record<string, unknown>; errors?: Record<string, string>; status?: string; notice?: string }, status = 200): void =>
    views.render(
      res,
      'content-form',
      {
        title: data.id ? `${title}: ${t('console:content.edit')}` : `${title}: ${t('console:content.new')}`,
        section,
        action: data.id ? `/console${base}/${data.id}` : `/console${base}`,
        errors: {},
        readOnly: !can(staffOf(res).role, 'content'),
        ...data,
      },
      status,
    );
  const formValues = (body: Record<string, unknown> | undefined): Record<string, unknown> => {
    const values: Record<string, unknown> = {};
    for (const field of section.fields) values[field.name] = body?.[field.name];
    return values;
  };

  router.get(
    base,
    readGuard,
    handle(async (req, res) => {
      const search = typeof req.query['q'] === 'string' ? req.query['q'].slice(0, 100) : undefined;
      const rows = await section.list(staffOf(res).tenantId, search);
      views.render(res, 'content-list', { title, section, rows, search, canEdit: can(staffOf(res).role, 'content'), notice: typeof req.query['notice'] === 'string' && ['withdrawn'].includes(req.query['notice']) ? t('console:notices.withdrawn') : undefined });
    }),
  );
  router.get(`${base}/new`, guard, (_req, res) => showForm(res, { values: {} }));
  router.post(
    base,
    guard,
    handle(async (req, res) => {
      try {
        const created = await operations.createContent(staffOf(res), section, req.body);
        res.redirect(303, `/console${base}/${encodeURIComponent(created.id)}?notice=created`);
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        showForm(res, { values: formValues(req.body), errors: error.errors }, 422);
      }
    }),
  );
  router.get(
    `${base}/:id`,
    readGuard,
    handle(async (req, res) => {
      const item = await section.get(staffOf(res).tenantId, param(req, 'id'));
      if (!item) throw new HttpError(404, 'NotFound', 'no such item in this city');
      const key = typeof req.query['notice'] === 'string' ? req.query['notice'] : '';
      showForm(res, { id: item.row.id, values: item.values, status: item.row.status, notice: ['created', 'saved'].includes(key) ? t(`console:notices.${key}`) : undefined });
    }),
  );
  router.post(
    `${base}/:id`,
    guard,
    handle(async (req, res) => {
      const id = param(req, 'id');
      try {
        await operations.updateContent(staffOf(res), section, id, req.body);
        res.redirect(303, `/console${base}/${encodeURIComponent(id)}?notice=saved`);
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        showForm(res, { id, values: formValues(req.body), errors: error.errors }, 422);
      }
    }),
  );
  router.post(
    `${base}/:id/withdraw`,
    guard,
    handle(async (req, res) => {
      await operations.withdrawContent(staffOf(res), section, param(req, 'id'));
      res.redirect(303, `/console${base}?notice=withdrawn`);
    }),
  );
  const registrations = async (req: Request, res: Response) => {
    const id = param(req, 'id');
    const table = await section.registrations(staffOf(res).tenantId, id);
    if (!table) throw new HttpError(404, 'NotFound', 'no such item in this city');
    return { id, table };
  };
  router.get(
    `${base}/:id/registrations`,
    readGuard,
    handle(async (req, res) => {
      const { id, table } = await registrations(req, res);
      views.render(res, 'registrations', { title: `${title}: ${t('console:content.registrations')}`, section, id, table });
    }),
  );
  router.get(
    `${base}/:id/registrations.csv`,
    readGuard,
    handle(async (req, res) => {
      const { id, table } = await registrations(req, res);
      res
        .set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${section.key}-${id.replace(/[^\w-]/g, '_')}-registrations.csv"`, 'Cache-Control': 'no-store' })
        .send('\uFEFF' + toCsv(table));
    }),
  );
}

/** Errors inside the console as pages (not JSON): 403, 404 and bad input with a way back. */
export function consoleErrorPages(views: ConsoleViews): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (!(error instanceof HttpError) || error.status >= 500 || res.headersSent) return next(error);
    views.render(res, 'message', { title: views.t(`console:errors.status${error.status === 403 || error.status === 404 ? error.status : 400}`), problem: error.message }, error.status);
  };
}
