import type { Response, Router } from 'express';
import { STAFF_ROLES } from '../accounts/staff-user.js';
import { handle } from '../http/async-handler.js';
import { submitOnce } from '../http/form-nonces.js';
import { noticeOf, param } from '../http/request-helpers.js';
import { requirePermission, SESSION_COOKIE } from '../http/session-auth.js';
import { staffOf } from '../http/staff-context.js';
import type { ConsoleRouterDeps } from './console-router-deps.js';
import { staffChangeFromHtml } from '../operations/forms.js';
import { FormError } from '../operations/staff-operations.js';

/** The own password, staff accounts and the audit log (the last two: admins only). */
export function addAccountRoutes(router: Router, deps: ConsoleRouterDeps): void {
  const { views, operations, audit } = deps;
  const t = views.t;

  router.get('/password', (req, res) => views.render(res, 'password', { title: t('console:password.title'), errors: {}, notice: noticeOf(req, t, ['password']) }));
  router.post(
    '/password',
    handle(async (req, res) => {
      try {
        await operations.changePassword(staffOf(res), req.body, req.session);
        res.redirect(303, '/console/password?notice=password');
      } catch (error) {
        if (error instanceof FormError) return views.render(res, 'password', { title: t('console:password.title'), errors: error.errors }, 422);
        // Too many wrong current passwords ended the session: the error page shows as signed out.
        if (!req.session?.staff) {
          res.locals.staff = undefined;
          res.clearCookie(SESSION_COOKIE, { path: '/' });
        }
        throw error;
      }
    }),
  );

  const showStaff = async (res: Response, data: Record<string, unknown> = {}, status = 200): Promise<void> => {
    const staff = staffOf(res);
    const users = await operations.listStaff(staff);
    views.render(res, 'staff', { title: t('console:nav.staff'), users, roles: STAFF_ROLES, values: {}, errors: {}, ...data }, status);
  };
  router.get('/staff', requirePermission('staff'), handle(async (req, res) => showStaff(res, { notice: noticeOf(req, t, ['created', 'saved', 'unlocked']) })));
  router.post(
    '/staff',
    requirePermission('staff'),
    handle(async (req, res) => {
      try {
        await submitOnce(deps.nonces, req, res, '/console/staff', async () => {
          await operations.createStaff(staffOf(res), req.body);
          return '/console/staff?notice=created';
        });
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
  router.post(
    '/staff/:id/unlock',
    requirePermission('staff'),
    handle(async (req, res) => {
      await operations.unlockStaff(staffOf(res), param(req, 'id'));
      res.redirect(303, '/console/staff?notice=unlocked');
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
}
