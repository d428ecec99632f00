import type { Router } from 'express';
import { handle } from '../http/async-handler.js';
import { noticeOf, param } from '../http/request-helpers.js';
import { staffOf } from '../http/staff-context.js';
import type { NoticeBoard, NoticeFilter } from '../operations/notice-board.js';
import { filterOf, seesNotices } from '../operations/notice-access.js';
import type { ConsoleViews } from './views.js';

function queryOf(filter: NoticeFilter): string {
  const query = new URLSearchParams();
  if (filter.unreadOnly) query.set('unread', 'true');
  if (filter.kind) query.set('kind', filter.kind);
  return query.toString();
}

/** The page "Hinweise" at /console/notices: newest first, filters, "gelesen" per notice. */
export function addNoticeRoutes(router: Router, { board, views }: { board: NoticeBoard; views: ConsoleViews }): void {
  const t = views.t;
  const guard = seesNotices(board);
  router.get(
    '/notices',
    guard,
    handle(async (req, res) => {
      const staff = staffOf(res);
      const filter = filterOf(board, staff, req.query as Record<string, unknown>);
      const items = await board.list(staff, filter);
      views.render(res, 'notices', {
        title: t('console:nav.notices'),
        items,
        filter,
        filterQuery: queryOf(filter),
        kinds: board.visibleKinds(staff.role),
        notice: noticeOf(req, t, ['noticeRead']),
      });
    }),
  );
  router.post(
    '/notices/:id/read',
    guard,
    handle(async (req, res) => {
      const staff = staffOf(res);
      const filter = filterOf(board, staff, req.body as Record<string, unknown> | undefined);
      await board.markRead(staff, param(req, 'id'));
      const query = queryOf(filter);
      res.redirect(303, `/console/notices?notice=noticeRead${query ? `&${query}` : ''}`);
    }),
  );
}
