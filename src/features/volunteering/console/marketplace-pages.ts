import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../../../staff/audit/audit-log.js';
import type { ConsolePageKit } from '../../../staff/console/console-contribution.js';
import { FormError } from '../../../staff/content/content-section.js';
import { handle } from '../../../staff/http/async-handler.js';
import { noticeOf, param } from '../../../staff/http/request-helpers.js';
import { requirePermission } from '../../../staff/http/session-auth.js';
import { staffOf, type StaffContext } from '../../../staff/http/staff-context.js';
import { staffError } from '../../../staff/http/staff-error.js';
import { parseForm } from '../../../staff/operations/forms.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import type { BrokeringView, ListingView, MarketplaceAdmin } from './marketplace-admin.js';

const MARKETPLACE_VIEW = '/features/volunteering/console/views/marketplace';

const reasonForm = z.object({
  reason: z.string({ error: 'console:errors.required' }).trim().min(3, 'marketplaceConsole:errors.reason').max(1000, 'console:errors.tooLong'),
});

const listingNotFound = () => staffError(404, 'NotFound', 'marketplaceConsole:errors.listingNotFound', 'no such pending listing in this city');

/** The review actions, shared by the page and the admin API: each one an audit event (by id: the texts are citizens'). */
export function marketplaceActions(admin: MarketplaceAdmin, audit: AuditLog, t: Translate) {
  return {
    async approve(staff: StaffContext, id: string): Promise<ListingView> {
      const listing = await admin.approve(staff.tenantId, id, staff.actor);
      if (!listing) throw listingNotFound();
      await audit.recordCitizenItem(staff.tenantId, staff.actor, 'listing.approved', { type: 'listing', id });
      return listing;
    },
    async reject(staff: StaffContext, id: string, body: unknown): Promise<ListingView> {
      const { reason } = parseForm(reasonForm, body, t);
      const listing = await admin.reject(staff.tenantId, id, reason, staff.actor);
      if (!listing) throw listingNotFound();
      // The reason stays with the listing (the poster is told it); it often quotes what they wrote.
      await audit.recordCitizenItem(staff.tenantId, staff.actor, 'listing.rejected', { type: 'listing', id });
      return listing;
    },
    async brokeringDone(staff: StaffContext, id: string): Promise<BrokeringView> {
      const request = await admin.brokeringDone(staff.tenantId, id, staff.actor);
      if (!request) throw staffError(404, 'NotFound', 'marketplaceConsole:errors.brokeringNotFound', 'no such brokering request in this city');
      await audit.recordCitizenItem(staff.tenantId, staff.actor, 'brokering.done', { type: 'brokering', id });
      return request;
    },
  };
}

/** The review queue at /console/marketplace: listings waiting for approval, those shown (to translate) and open brokering requests. */
export function addMarketplacePages(router: Router, kit: ConsolePageKit, admin: MarketplaceAdmin): void {
  const { views, t } = kit;
  const actions = marketplaceActions(admin, kit.audit, t);
  const guard = requirePermission('marketplace');
  const show = async (req: Request, res: Response, data: Record<string, unknown> = {}, status = 200): Promise<void> => {
    const tenantId = staffOf(res).tenantId;
    const [pending, approved, brokering] = await Promise.all([admin.pending(tenantId), admin.approved(tenantId), admin.brokering(tenantId)]);
    views.render(res, MARKETPLACE_VIEW, { title: t('marketplaceConsole:nav'), pending, approved, brokering, errors: {}, values: {}, notice: noticeOf(req, t, ['approved', 'rejected', 'brokered'], 'marketplaceConsole:notices.'), ...data }, status);
  };
  router.get('/marketplace', guard, handle(async (req, res) => show(req, res)));
  router.post(
    '/marketplace/:id/approve',
    guard,
    handle(async (req, res) => {
      await actions.approve(staffOf(res), param(req, 'id'));
      res.redirect(303, '/console/marketplace?notice=approved');
    }),
  );
  router.post(
    '/marketplace/brokering/:id/done',
    guard,
    handle(async (req, res) => {
      await actions.brokeringDone(staffOf(res), param(req, 'id'));
      res.redirect(303, '/console/marketplace?notice=brokered');
    }),
  );
  router.post(
    '/marketplace/:id/reject',
    guard,
    handle(async (req, res) => {
      const id = param(req, 'id');
      try {
        await actions.reject(staffOf(res), id, req.body);
        res.redirect(303, '/console/marketplace?notice=rejected');
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        await show(req, res, { errors: { [id]: error.errors['reason'] ?? '' }, values: { [id]: req.body?.reason } }, 422);
      }
    }),
  );
}

/** The same queue in the admin API (/api/admin/marketplace/…). */
export function addMarketplaceApi(router: Router, kit: ConsolePageKit, admin: MarketplaceAdmin): void {
  const actions = marketplaceActions(admin, kit.audit, kit.t);
  const guard = requirePermission('marketplace');
  router.get('/marketplace/pending', guard, handle(async (_req, res) => void res.json({ items: await admin.pending(staffOf(res).tenantId) })));
  router.get('/marketplace/brokering', guard, handle(async (_req, res) => void res.json({ items: await admin.brokering(staffOf(res).tenantId) })));
  router.post('/marketplace/listings/:id/approve', guard, handle(async (req, res) => void res.json(await actions.approve(staffOf(res), param(req, 'id')))));
  router.post('/marketplace/brokering/:id/done', guard, handle(async (req, res) => void res.json(await actions.brokeringDone(staffOf(res), param(req, 'id')))));
  router.post('/marketplace/listings/:id/reject', guard, handle(async (req, res) => void res.json(await actions.reject(staffOf(res), param(req, 'id'), req.body))));
}
