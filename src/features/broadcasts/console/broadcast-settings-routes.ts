import type { Router } from 'express';
import type { BroadcastConsole } from './broadcast-console.js';
import { checkbox } from '../../../staff/content/form-fields.js';
import { handle } from '../../../staff/http/async-handler.js';
import { requirePermission } from '../../../staff/http/session-auth.js';
import { staffOf } from '../../../staff/http/staff-context.js';

/**
 * /console/broadcasts/settings (admins: whether a second person must approve every broadcast) and
 * /console/broadcasts/my-chat (each editor: link their own chat to receive test sends).
 */
export function addBroadcastSettingsRoutes(router: Router, bc: BroadcastConsole): void {
  const t = bc.t;
  const adminOnly = requirePermission('staff');
  const guard = requirePermission('broadcasts');

  router.get(
    '/broadcasts/settings',
    adminOnly,
    handle(async (req, res) => {
      const settings = await bc.broadcasts.settings(staffOf(res).tenantId);
      bc.render(res, 'broadcast-settings', { title: t('broadcastsConsole:settings.title'), settings, notice: bc.noticeOf(req.query['notice']) });
    }),
  );

  router.post(
    '/broadcasts/settings',
    adminOnly,
    handle(async (req, res) => {
      const staff = staffOf(res);
      // An unticked checkbox is not sent at all: absent means "no approval needed".
      const requireApproval = checkbox().parse(req.body?.requireApproval);
      const saved = await bc.broadcasts.updateSettings(staff.tenantId, { requireApproval });
      await bc.recordSettings(staff, `requireApproval=${saved.requireApproval}`);
      res.redirect(303, '/console/broadcasts/settings?notice=settingsSaved');
    }),
  );

  router.get(
    '/broadcasts/my-chat',
    guard,
    handle(async (req, res) => {
      const staff = staffOf(res);
      // Each visit offers a fresh one-time code (15 minutes); an unused one simply expires.
      const [offer, linked] = await Promise.all([bc.broadcasts.offerChatLink(staff.tenantId, staff.user._id), bc.broadcasts.linkedChannels(staff.tenantId, staff.user._id)]);
      bc.render(res, 'broadcast-my-chat', {
        title: t('broadcastsConsole:myChat.title'),
        offer,
        linked: linked.map((channel) => t(`console:channels.${channel}`)),
        back: typeof req.query['from'] === 'string' && /^[\w-]{1,80}$/.test(req.query['from']) ? `/console/broadcasts/${req.query['from']}` : '/console/broadcasts',
        notice: bc.noticeOf(req.query['notice']),
      });
    }),
  );

  router.post(
    '/broadcasts/my-chat/unlink',
    guard,
    handle(async (_req, res) => {
      const staff = staffOf(res);
      await bc.broadcasts.unlinkChat(staff.tenantId, staff.user._id);
      await bc.recordChatUnlinked(staff);
      res.redirect(303, '/console/broadcasts/my-chat?notice=unlinked');
    }),
  );
}
