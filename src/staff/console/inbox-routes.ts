import type { Request, Response, Router } from 'express';
import { HttpError } from '../../http/http-error.js';
import { requirePermission } from '../http/session-auth.js';
import { staffOf } from '../http/staff-context.js';
import { FormError, type StaffOperations } from './staff-operations.js';
import type { ConsoleViews } from './views.js';
import { handle } from '../http/async-handler.js';

const param = (req: Request, name: string): string => String(req.params[name] ?? '');
const noticeOf = (req: Request, views: ConsoleViews, allowed: readonly string[]): string | undefined => {
  const key = typeof req.query['notice'] === 'string' ? req.query['notice'] : '';
  return allowed.includes(key) ? views.t(`console:notices.${key}`) : undefined;
};

/** The marketplace review queue and the handoff inbox, when those features are part of the deployment. */
export function addInboxRoutes(router: Router, { operations, views }: { operations: StaffOperations; views: ConsoleViews }): void {
  const t = views.t;
  const { marketplace, handoffs } = operations.integrations;

  if (marketplace) {
    const guard = requirePermission('marketplace');
    const show = async (req: Request, res: Response, data: Record<string, unknown> = {}, status = 200): Promise<void> => {
      const tenantId = staffOf(res).tenantId;
      const [pending, brokering] = await Promise.all([marketplace.pending(tenantId), marketplace.brokering(tenantId)]);
      views.render(res, 'marketplace', { title: t('console:nav.marketplace'), pending, brokering, errors: {}, values: {}, notice: noticeOf(req, views, ['approved', 'rejected', 'brokered']), ...data }, status);
    };
    router.get('/marketplace', guard, handle(async (req, res) => show(req, res)));
    router.post(
      '/marketplace/:id/approve',
      guard,
      handle(async (req, res) => {
        await operations.approveListing(staffOf(res), param(req, 'id'));
        res.redirect(303, '/console/marketplace?notice=approved');
      }),
    );
    router.post(
      '/marketplace/brokering/:id/done',
      guard,
      handle(async (req, res) => {
        await operations.brokeringDone(staffOf(res), param(req, 'id'));
        res.redirect(303, '/console/marketplace?notice=brokered');
      }),
    );
    router.post(
      '/marketplace/:id/reject',
      guard,
      handle(async (req, res) => {
        const id = param(req, 'id');
        try {
          await operations.rejectListing(staffOf(res), id, req.body);
          res.redirect(303, '/console/marketplace?notice=rejected');
        } catch (error) {
          if (!(error instanceof FormError)) throw error;
          await show(req, res, { errors: { [id]: error.errors['reason'] ?? '' }, values: { [id]: req.body?.reason } }, 422);
        }
      }),
    );
  }

  if (handoffs) {
    const guard = requirePermission('handoffs');
    router.get(
      '/handoffs',
      guard,
      handle(async (req, res) => {
        const all = req.query['status'] === 'all';
        const items = await handoffs.list(staffOf(res).tenantId, all ? 'all' : 'open');
        views.render(res, 'handoffs', { title: t('console:nav.handoffs'), items, all, notice: noticeOf(req, views, ['closed']) });
      }),
    );
    const showThread = async (req: Request, res: Response, data: Record<string, unknown> = {}, status = 200): Promise<void> => {
      const item = await handoffs.get(staffOf(res).tenantId, param(req, 'id'));
      if (!item) throw new HttpError(404, 'NotFound', 'no such handoff request in this city');
      views.render(res, 'handoff', { title: `${t('console:handoffs.request')}: ${item.topic}`, item, errors: {}, values: {}, notice: noticeOf(req, views, ['claimed', 'replied']), ...data }, status);
    };
    router.get('/handoffs/:id', guard, handle(async (req, res) => showThread(req, res)));
    router.post(
      '/handoffs/:id/claim',
      guard,
      handle(async (req, res) => {
        await operations.claimHandoff(staffOf(res), param(req, 'id'));
        res.redirect(303, `/console/handoffs/${encodeURIComponent(param(req, 'id'))}?notice=claimed`);
      }),
    );
    router.post(
      '/handoffs/:id/reply',
      guard,
      handle(async (req, res) => {
        try {
          const { delivery } = await operations.replyHandoff(staffOf(res), param(req, 'id'), req.body);
          if (delivery === 'unreachable') return showThread(req, res, { problem: t('console:handoffs.unreachable') });
          res.redirect(303, `/console/handoffs/${encodeURIComponent(param(req, 'id'))}?notice=replied`);
        } catch (error) {
          if (!(error instanceof FormError)) throw error;
          await showThread(req, res, { errors: error.errors, values: { text: req.body?.text } }, 422);
        }
      }),
    );
    router.post(
      '/handoffs/:id/close',
      guard,
      handle(async (req, res) => {
        await operations.closeHandoff(staffOf(res), param(req, 'id'));
        res.redirect(303, '/console/handoffs?notice=closed');
      }),
    );
  }
}
