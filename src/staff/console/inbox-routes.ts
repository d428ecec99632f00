import type { Request, Response, Router } from 'express';
import { submitOnce, type FormNonces } from '../http/form-nonces.js';
import { noticeOf, param } from '../http/request-helpers.js';
import { requirePermission } from '../http/session-auth.js';
import { handoffNotFound } from '../http/staff-error.js';
import { staffOf } from '../http/staff-context.js';
import { FormError, type StaffOperations } from '../operations/staff-operations.js';
import type { ConsoleViews } from './views.js';
import { handle } from '../http/async-handler.js';
import type { TranslationKey } from '../../platform/i18n/translation-keys.js';

/** Problems a reply redirect may name (an allowlist, like notices). */
const DELIVERY_PROBLEMS: Record<string, TranslationKey> = { unreachable: 'console:handoffs.unreachable', deliveryFailed: 'console:handoffs.deliveryFailed' };

/** The marketplace review queue and the handoff inbox, when those features are part of the deployment. */
export function addInboxRoutes(router: Router, { operations, views, nonces }: { operations: StaffOperations; views: ConsoleViews; nonces: FormNonces }): void {
  const t = views.t;
  const { marketplace, handoffs } = operations.integrations;

  if (marketplace) {
    const guard = requirePermission('marketplace');
    const show = async (req: Request, res: Response, data: Record<string, unknown> = {}, status = 200): Promise<void> => {
      const tenantId = staffOf(res).tenantId;
      const [pending, brokering] = await Promise.all([marketplace.pending(tenantId), marketplace.brokering(tenantId)]);
      views.render(res, 'marketplace', { title: t('console:nav.marketplace'), pending, brokering, errors: {}, values: {}, notice: noticeOf(req, t, ['approved', 'rejected', 'brokered']), ...data }, status);
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
        views.render(res, 'handoffs', { title: t('console:nav.handoffs'), items, all, notice: noticeOf(req, t, ['closed']) });
      }),
    );
    const showThread = async (req: Request, res: Response, data: Record<string, unknown> = {}, status = 200): Promise<void> => {
      const item = await handoffs.get(staffOf(res).tenantId, param(req, 'id'));
      if (!item) throw handoffNotFound();
      const problemKey = typeof req.query['problem'] === 'string' ? DELIVERY_PROBLEMS[req.query['problem']] : undefined;
      views.render(
        res,
        'handoff',
        { title: `${t('console:handoffs.request')}: ${item.topic}`, item, errors: {}, values: {}, notice: noticeOf(req, t, ['claimed', 'replied']), problem: problemKey ? t(problemKey) : undefined, ...data },
        status,
      );
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
        const id = param(req, 'id');
        const thread = `/console/handoffs/${encodeURIComponent(id)}`;
        try {
          // Saved and sent: a notice; saved but not delivered: a problem on the thread (never a 500,
          // so nobody sends the reply a second time); a double submit: the first one's result.
          await submitOnce(nonces, req, res, thread, async () => {
            const { delivery } = await operations.replyHandoff(staffOf(res), id, req.body);
            if (delivery === 'sent') return `${thread}?notice=replied`;
            return `${thread}?problem=${delivery === 'unreachable' ? 'unreachable' : 'deliveryFailed'}`;
          });
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
