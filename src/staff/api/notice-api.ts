import type { Router } from 'express';
import { handle } from '../http/async-handler.js';
import { param } from '../http/request-helpers.js';
import { staffOf } from '../http/staff-context.js';
import type { NoticeBoard } from '../operations/notice-board.js';
import { filterOf, seesNotices } from '../operations/notice-access.js';

/** GET /api/admin/notices and POST /api/admin/notices/{id}/read (see openapi.yaml). */
export function addNoticeApi(router: Router, board: NoticeBoard): void {
  const guard = seesNotices(board);
  router.get(
    '/notices',
    guard,
    handle(async (req, res) => {
      const staff = staffOf(res);
      const items = await board.list(staff, filterOf(board, staff, req.query as Record<string, unknown>));
      res.json({ items, unread: await board.unreadCount(staff) });
    }),
  );
  router.post('/notices/:id/read', guard, handle(async (req, res) => void res.json(await board.markRead(staffOf(res), param(req, 'id')))));
}
