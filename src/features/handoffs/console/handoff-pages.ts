import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../../../staff/audit/audit-log.js';
import type { ConsolePageKit } from '../../../staff/console/console-contribution.js';
import { FormError } from '../../../staff/content/content-section.js';
import { handle } from '../../../staff/http/async-handler.js';
import { submitOnce } from '../../../staff/http/form-nonces.js';
import { noticeOf, param } from '../../../staff/http/request-helpers.js';
import { requirePermission } from '../../../staff/http/session-auth.js';
import { staffOf, type StaffContext } from '../../../staff/http/staff-context.js';
import { staffError } from '../../../staff/http/staff-error.js';
import { parseForm } from '../../../staff/operations/forms.js';
import type { TranslationKey } from '../../../platform/i18n/translation-keys.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import type { HandoffAdmin, HandoffDelivery, HandoffView } from './handoff-admin.js';

const VIEWS = '/features/handoffs/console/views';

/** Problems a reply redirect may name (an allowlist, like notices). */
const DELIVERY_PROBLEMS: Record<string, TranslationKey> = { unreachable: 'handoffConsole:unreachable', deliveryFailed: 'handoffConsole:deliveryFailed' };

const replyForm = z.object({
  text: z.string({ error: 'console:errors.required' }).trim().min(1, 'console:errors.required').max(4000, 'console:errors.tooLong'),
});

const handoffNotFound = () => staffError(404, 'NotFound', 'handoffConsole:errors.notFound', 'no such handoff request in this city');

/** What staff do with a request, shared by the inbox and the admin API: each one an audit event (by id). */
export function handoffActions(admin: HandoffAdmin, audit: AuditLog, t: Translate) {
  return {
    async get(staff: StaffContext, id: string): Promise<HandoffView> {
      const view = await admin.get(staff.tenantId, id);
      if (!view) throw handoffNotFound();
      return view;
    },
    async claim(staff: StaffContext, id: string): Promise<HandoffView> {
      const view = await admin.claim(staff.tenantId, id, staff.actor);
      if (!view) throw handoffNotFound();
      await audit.recordCitizenItem(staff.tenantId, staff.actor, 'handoff.claimed', { type: 'handoff', id });
      return view;
    },
    async reply(staff: StaffContext, id: string, body: unknown): Promise<{ view: HandoffView; delivery: HandoffDelivery }> {
      const { text } = parseForm(replyForm, body, t);
      const result = await admin.reply(staff.tenantId, id, text, staff.actor);
      if (!result) throw handoffNotFound();
      await audit.recordCitizenItem(staff.tenantId, staff.actor, 'handoff.replied', { type: 'handoff', id }, { delivery: result.delivery });
      return result;
    },
    async close(staff: StaffContext, id: string): Promise<HandoffView> {
      const view = await admin.close(staff.tenantId, id, staff.actor);
      if (!view) throw handoffNotFound();
      await audit.recordCitizenItem(staff.tenantId, staff.actor, 'handoff.closed', { type: 'handoff', id });
      return view;
    },
  };
}

/** The handoff inbox at /console/handoffs: the open (or all) requests, a thread with claim, reply and close. */
export function addHandoffPages(router: Router, kit: ConsolePageKit, admin: HandoffAdmin): void {
  const { views, t, nonces } = kit;
  const actions = handoffActions(admin, kit.audit, t);
  const guard = requirePermission('handoffs');
  router.get(
    '/handoffs',
    guard,
    handle(async (req, res) => {
      const all = req.query['status'] === 'all';
      const items = await admin.list(staffOf(res).tenantId, all ? 'all' : 'open');
      views.render(res, `${VIEWS}/handoffs`, { title: t('handoffConsole:nav'), items, all, notice: noticeOf(req, t, ['closed'], 'handoffConsole:notices.') });
    }),
  );
  const showThread = async (req: Request, res: Response, data: Record<string, unknown> = {}, status = 200): Promise<void> => {
    const item = await actions.get(staffOf(res), param(req, 'id'));
    const problemKey = typeof req.query['problem'] === 'string' ? DELIVERY_PROBLEMS[req.query['problem']] : undefined;
    views.render(
      res,
      `${VIEWS}/handoff`,
      { title: `${t('handoffConsole:request')}: ${item.topic}`, item, errors: {}, values: {}, notice: noticeOf(req, t, ['claimed', 'replied'], 'handoffConsole:notices.'), problem: problemKey ? t(problemKey) : undefined, ...data },
      status,
    );
  };
  router.get('/handoffs/:id', guard, handle(async (req, res) => showThread(req, res)));
  router.post(
    '/handoffs/:id/claim',
    guard,
    handle(async (req, res) => {
      await actions.claim(staffOf(res), param(req, 'id'));
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
          const { delivery } = await actions.reply(staffOf(res), id, req.body);
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
      await actions.close(staffOf(res), param(req, 'id'));
      res.redirect(303, '/console/handoffs?notice=closed');
    }),
  );
}

/** The same inbox in the admin API (/api/admin/handoffs/…). */
export function addHandoffApi(router: Router, kit: ConsolePageKit, admin: HandoffAdmin): void {
  const actions = handoffActions(admin, kit.audit, kit.t);
  const guard = requirePermission('handoffs');
  router.get('/handoffs', guard, handle(async (req, res) => void res.json({ items: await admin.list(staffOf(res).tenantId, req.query['status'] === 'all' ? 'all' : 'open') })));
  router.get('/handoffs/:id', guard, handle(async (req, res) => void res.json(await actions.get(staffOf(res), param(req, 'id')))));
  router.post('/handoffs/:id/claim', guard, handle(async (req, res) => void res.json(await actions.claim(staffOf(res), param(req, 'id')))));
  router.post('/handoffs/:id/reply', guard, handle(async (req, res) => void res.json(await actions.reply(staffOf(res), param(req, 'id'), req.body))));
  router.post('/handoffs/:id/close', guard, handle(async (req, res) => void res.json(await actions.close(staffOf(res), param(req, 'id')))));
}
