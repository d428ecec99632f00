import { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { TenantConfig } from '../../platform/config/config-types.js';
import type { Clock } from '../../platform/clock.js';
import { HttpError } from '../../platform/http/http-error.js';
import type { StaffAccounts } from '../accounts/staff-accounts.js';
import { viewOf } from '../accounts/staff-user.js';
import type { AuditLog } from '../audit/audit-log.js';
import { toCsv, type ContentSection } from '../content/content-section.js';
import type { Dashboard } from '../operations/dashboard.js';
import type { NoticeBoard } from '../operations/notice-board.js';
import { addNoticeApi } from './notice-api.js';
import { loginForm, staffChangeForm } from '../operations/forms.js';
import type { SignInFlow } from '../operations/sign-in.js';
import { FormError, type StaffOperations } from '../operations/staff-operations.js';
import { requirePermission, requireSession } from '../http/session-auth.js';
import { staffOf, type StaffContext } from '../http/staff-context.js';
import { handle } from '../http/async-handler.js';
import { noStore } from '../http/no-store.js';
import { param } from '../http/request-helpers.js';
import { itemNotFound } from '../http/staff-error.js';

/** What the admin API needs (the console's HTML routes need these and a few more). */
export interface ApiRouterDeps {
  session: RequestHandler;
  loginLimiter: RequestHandler;
  accounts: StaffAccounts;
  audit: AuditLog;
  operations: StaffOperations;
  dashboard: Dashboard;
  signIn: SignInFlow;
  tenants: ReadonlyMap<string, TenantConfig>;
  clock: Clock;
  notices?: NoticeBoard;
  /** The mounted features' own routes (marketplace queue, handoff inbox), behind sign-in. */
  featureRoutes?: ReadonlyArray<(router: Router) => void>;
}

export const CSRF_HEADER = 'x-csrf-token';
const SIGN_IN_FAILED = 'sign-in failed: unknown e-mail address, wrong password, or sign-in from this address is locked for a while after repeated failures';

function sessionView(staff: StaffContext, tenants: ReadonlyMap<string, TenantConfig>) {
  return { user: viewOf(staff.user), tenant: { id: staff.tenantId, name: tenants.get(staff.tenantId)?.name ?? staff.tenantId }, csrfToken: staff.csrfToken };
}

/** The JSON admin API at /api/admin: the console's operations for scripts and other tools (see openapi.yaml). */
export function createAdminApiRouter(deps: ApiRouterDeps): Router {
  const { operations, accounts } = deps;
  const router = Router();
  router.use(noStore());
  router.use(deps.session);

  router.post(
    '/session',
    deps.loginLimiter,
    handle(async (req, res) => {
      // JSON only: a cross-site form cannot send it without a CORS preflight, which this API never grants.
      if (!req.is('application/json')) throw new HttpError(415, 'UnsupportedMediaType', 'send the credentials as application/json');
      const body = { tenant: deps.tenants.size === 1 ? [...deps.tenants.keys()][0] : undefined, ...(req.body as object) };
      const input = operations.parse(loginForm, body);
      if (!deps.tenants.has(input.tenant)) throw new HttpError(401, 'Unauthorized', SIGN_IN_FAILED);
      const result = await deps.signIn.signIn(req, input);
      // The same answer for an unknown address, a wrong password and a locked account.
      if (!result.ok) throw new HttpError(401, 'Unauthorized', SIGN_IN_FAILED);
      res.status(201).json({ user: viewOf(result.user), tenant: { id: input.tenant, name: deps.tenants.get(input.tenant)?.name ?? input.tenant }, csrfToken: result.csrfToken });
    }),
  );

  router.use(
    requireSession(
      accounts,
      (_req, _res, next, reason) =>
        next(reason === 'csrf' ? new HttpError(403, 'Forbidden', `missing or wrong ${CSRF_HEADER} header`) : new HttpError(401, 'Unauthorized', 'sign in first (POST /api/admin/session)')),
      (req) => req.get(CSRF_HEADER),
      deps.clock,
    ),
  );

  router.get('/session', (_req, res) => void res.json(sessionView(staffOf(res), deps.tenants)));
  router.delete(
    '/session',
    handle(async (req, res) => {
      await deps.signIn.signOut(req, staffOf(res));
      res.status(204).end();
    }),
  );
  router.post(
    '/password',
    handle(async (req, res) => {
      await operations.changePassword(staffOf(res), req.body, req.session);
      res.status(204).end();
    }),
  );
  router.get(
    '/dashboard',
    requirePermission('dashboard'),
    handle(async (_req, res) => void res.json(await deps.dashboard.build(staffOf(res).tenantId, deps.clock()))),
  );

  router.get(
    '/jobs/failed',
    requirePermission('audit'),
    handle(async (_req, res) => void res.json({ items: await operations.failedJobList(staffOf(res)) })),
  );

  router.get('/staff', requirePermission('staff'), handle(async (_req, res) => void res.json({ items: await operations.listStaff(staffOf(res)) })));
  router.post('/staff', requirePermission('staff'), handle(async (req, res) => void res.status(201).json(await operations.createStaff(staffOf(res), req.body))));
  router.patch(
    '/staff/:id',
    requirePermission('staff'),
    handle(async (req, res) => void res.json(await operations.updateStaff(staffOf(res), param(req, 'id'), operations.parse(staffChangeForm, req.body)))),
  );
  router.post('/staff/:id/unlock', requirePermission('staff'), handle(async (req, res) => void res.json(await operations.unlockStaff(staffOf(res), param(req, 'id')))));
  router.get(
    '/audit',
    requirePermission('audit'),
    handle(async (req, res) => {
      const limit = Math.min(500, Math.max(1, Number(req.query['limit']) || 100));
      const action = typeof req.query['action'] === 'string' ? req.query['action'].slice(0, 80) : undefined;
      const events = await deps.audit.list(staffOf(res).tenantId, { limit, action });
      res.json({ items: events.map(({ _id, tenantId: _tenant, ...event }) => ({ id: _id, ...event })) });
    }),
  );

  for (const section of operations.integrations.sections) addSectionApi(router, section, operations);
  for (const addRoutes of deps.featureRoutes ?? []) addRoutes(router);
  if (deps.notices) addNoticeApi(router, deps.notices);
  router.use(apiErrors());
  return router;
}

function addSectionApi(router: Router, section: ContentSection, operations: StaffOperations): void {
  const base = `/content/${section.key}`;
  const guard = requirePermission('content');
  const readGuard = requirePermission('content', section.readPermission);
  router.get(
    base,
    readGuard,
    handle(async (req, res) => {
      const search = typeof req.query['q'] === 'string' ? req.query['q'].slice(0, 100) : undefined;
      res.json({ items: await section.list(staffOf(res).tenantId, search) });
    }),
  );
  router.post(base, guard, handle(async (req, res) => void res.status(201).json(await operations.createContent(staffOf(res), section, req.body))));
  router.get(
    `${base}/:id`,
    readGuard,
    handle(async (req, res) => {
      const item = await section.get(staffOf(res).tenantId, param(req, 'id'));
      if (!item) throw itemNotFound();
      res.json({ ...item.row, values: item.values });
    }),
  );
  router.put(
    `${base}/:id`,
    guard,
    handle(async (req, res) => {
      await operations.updateContent(staffOf(res), section, param(req, 'id'), req.body);
      const item = await section.get(staffOf(res).tenantId, param(req, 'id'));
      res.json({ ...item!.row, values: item!.values });
    }),
  );
  router.post(
    `${base}/:id/withdraw`,
    guard,
    handle(async (req, res) => {
      await operations.withdrawContent(staffOf(res), section, param(req, 'id'));
      res.status(204).end();
    }),
  );
  router.get(
    `${base}/:id/registrations`,
    readGuard,
    handle(async (req, res) => {
      const format = req.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json';
      const table = await operations.registrations(staffOf(res), section, param(req, 'id'), format);
      if (format === 'csv') res.type('text/csv').send(toCsv(table));
      else res.json(table);
    }),
  );
}

/** Validation failures as 422 with a message per field; everything else goes to the host's error handler. */
function apiErrors(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (!(error instanceof FormError) || res.headersSent) return next(error);
    res.status(422).json({ error: { code: 'ValidationFailed', message: 'some fields are invalid', fields: error.errors } });
  };
}
