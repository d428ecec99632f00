import type { Request, Response, Router } from 'express';
import { BroadcastError, type Broadcast, type StaffRef } from '../domain/broadcast.js';
import type { BroadcastConsole, BroadcastNotice } from './broadcast-console.js';
import { parseSendAt } from './broadcast-form.js';
import { broadcastPageData } from './broadcast-page.js';
import { broadcastNotFound, problemOf } from './broadcast-problems.js';
import { handle } from '../../../staff/http/async-handler.js';
import { submitOnce } from '../../../staff/http/form-nonces.js';
import { param } from '../../../staff/http/request-helpers.js';
import { requirePermission } from '../../../staff/http/session-auth.js';
import { staffOf } from '../../../staff/http/staff-context.js';

type Transition = 'approve' | 'reject' | 'pause' | 'resume' | 'cancel';

/** Each control button: the service call, its audit action and the notice after it. */
const TRANSITIONS: Record<Transition, { audit: string; notice: BroadcastNotice }> = {
  approve: { audit: 'approved', notice: 'approved' },
  reject: { audit: 'rejected', notice: 'rejected' },
  pause: { audit: 'paused', notice: 'paused' },
  resume: { audit: 'resumed', notice: 'resumed' },
  cancel: { audit: 'cancelled', notice: 'cancelled' },
};

/** A broadcast's page (preview, audience, test, send, approval, control, live progress) and its actions. */
export function addBroadcastControlRoutes(router: Router, bc: BroadcastConsole): void {
  const guard = requirePermission('broadcasts');
  const pageOf = (id: string): string => `/console/broadcasts/${encodeURIComponent(id)}`;

  const load = async (req: Request, res: Response): Promise<Broadcast> => {
    const broadcast = await bc.broadcasts.get(staffOf(res).tenantId, param(req, 'id'));
    if (!broadcast) throw broadcastNotFound();
    return broadcast;
  };

  const show = async (req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200): Promise<void> => {
    const data = await broadcastPageData(bc, staffOf(res), await load(req, res));
    bc.render(res, 'broadcast', { ...data, notice: bc.noticeOf(req.query['notice']), ...extra }, status);
  };

  /** The page again with the reason an action was refused (a wrong state: 409; something to fix: 422). */
  const refused = async (req: Request, res: Response, error: unknown, extra: Record<string, unknown> = {}): Promise<void> => {
    if (!(error instanceof BroadcastError)) throw error;
    if (error.code === 'not-found') throw broadcastNotFound();
    const problem = problemOf(error, bc.t, bc.defaultLocale(staffOf(res).tenantId));
    await show(req, res, { problem: problem.problem, linkChat: problem.code === 'no-linked-chat', ...extra }, problem.status);
  };

  router.get('/broadcasts/:id', guard, handle(async (req, res) => show(req, res)));

  // Polled every second by console.js while the broadcast is open.
  router.get(
    '/broadcasts/:id/progress',
    guard,
    handle(async (req, res) => {
      res.set('Cache-Control', 'no-store');
      try {
        res.json(await bc.broadcasts.progress(staffOf(res).tenantId, param(req, 'id')));
      } catch (error) {
        if (!(error instanceof BroadcastError) || error.code !== 'not-found') throw error;
        res.status(404).json({ error: { code: 'NotFound', message: 'no such broadcast in this city' } });
      }
    }),
  );

  router.post(
    '/broadcasts/:id/test',
    guard,
    handle(async (req, res) => {
      const staff = staffOf(res);
      const broadcast = await load(req, res);
      try {
        // Once per form: a double click does not send the test twice.
        await submitOnce(bc.nonces, req, res, pageOf(broadcast._id), async () => {
          const sent = await bc.broadcasts.sendTest(staff.tenantId, broadcast._id, staff.user._id);
          await bc.record(staff, 'test-sent', broadcast, `channels=${sent.channels.join(',')}; languages=${sent.locales.join(',')}`);
          return `${pageOf(broadcast._id)}?notice=testSent`;
        });
      } catch (error) {
        await refused(req, res, error);
      }
    }),
  );

  router.post(
    '/broadcasts/:id/submit',
    guard,
    handle(async (req, res) => {
      const staff = staffOf(res);
      const broadcast = await load(req, res);
      const when = parseSendAt(req.body);
      const sendAtValue = typeof req.body?.sendAt === 'string' ? req.body.sendAt : '';
      if (!when.ok) return show(req, res, { sendErrors: { sendAt: bc.t(when.error) }, sendAtValue }, 422);
      try {
        await submitOnce(bc.nonces, req, res, pageOf(broadcast._id), async () => {
          const submitted = await bc.broadcasts.submit(staff.tenantId, broadcast._id, bc.refOf(staff), when.sendAt);
          const sendAt = when.sendAt === 'now' ? 'now' : when.sendAt.toISOString();
          await bc.record(staff, 'submitted', submitted, `sendAt=${sendAt}; status=${submitted.status}`);
          const notice: BroadcastNotice = submitted.status === 'awaiting-approval' ? 'awaitingApproval' : when.sendAt === 'now' ? 'sendingNow' : 'scheduled';
          return `${pageOf(broadcast._id)}?notice=${notice}`;
        });
      } catch (error) {
        const fieldError = error instanceof BroadcastError && error.code === 'in-the-past' ? { sendAt: bc.t('broadcastsConsole:errors.in-the-past') } : {};
        await refused(req, res, error, { sendErrors: fieldError, sendAtValue });
      }
    }),
  );

  for (const [action, { audit, notice }] of Object.entries(TRANSITIONS) as Array<[Transition, (typeof TRANSITIONS)[Transition]]>) {
    router.post(
      `/broadcasts/:id/${action}`,
      guard,
      handle(async (req, res) => {
        const staff = staffOf(res);
        const id = param(req, 'id');
        try {
          const changed = await transition(bc, action, staff.tenantId, id, bc.refOf(staff));
          await bc.record(staff, audit, changed, `status=${changed.status}`);
          res.redirect(303, `${pageOf(id)}?notice=${notice}`);
        } catch (error) {
          await refused(req, res, error);
        }
      }),
    );
  }
}

function transition(bc: BroadcastConsole, action: Transition, tenantId: string, id: string, actor: StaffRef): Promise<Broadcast> {
  switch (action) {
    case 'approve':
      return bc.broadcasts.approve(tenantId, id, actor);
    case 'reject':
      return bc.broadcasts.reject(tenantId, id, actor);
    case 'pause':
      return bc.broadcasts.pause(tenantId, id, actor);
    case 'resume':
      return bc.broadcasts.resume(tenantId, id, actor);
    case 'cancel':
      return bc.broadcasts.cancel(tenantId, id, actor);
  }
}
