import type { RequestHandler, Router } from 'express';
import { handle } from '../http/async-handler.js';
import { noticeOf, param } from '../http/request-helpers.js';
import { staffOf, type StaffContext } from '../http/staff-context.js';
import { staffError } from '../http/staff-error.js';
import type { NoticeBoard, NoticeFilter } from './notice-board.js';
import type { ConsoleViews } from './views.js';

/** Every role that sees at least one kind of notice (today: all of them). */
function seesNotices(board: NoticeBoard): RequestHandler {
  return (_req, res, next) => {
    if (board.visibleKinds(staffOf(res).role).length === 0) return next(staffError(403, 'Forbidden', 'console:errors.forbidden', 'your role does not see notices'));
    next();
  };
}

/** `?unread=true&kind=…` (also from the hidden fields of the "read" form). */
function filterOf(board: NoticeBoard, staff: StaffContext, source: Record<string, unknown> | undefined): NoticeFilter {
  const unread = source?.['unread'];
  return { unreadOnly: unread === 'true' || unread === '1' || unread === 'on', kind: board.parseKind(staff.role, source?.['kind']) };
}

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
