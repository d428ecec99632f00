import type { RequestHandler } from 'express';
import { staffOf, type StaffContext } from '../http/staff-context.js';
import { staffError } from '../http/staff-error.js';
import type { NoticeBoard, NoticeFilter } from './notice-board.js';

/** Every role that sees at least one kind of notice (today: all of them). */
export function seesNotices(board: NoticeBoard): RequestHandler {
  return (_req, res, next) => {
    if (board.visibleKinds(staffOf(res).role).length === 0) return next(staffError(403, 'Forbidden', 'console:errors.forbidden', 'your role does not see notices'));
    next();
  };
}

/** `?unread=true&kind=…` (also from the hidden fields of the "read" form). */
export function filterOf(board: NoticeBoard, staff: StaffContext, source: Record<string, unknown> | undefined): NoticeFilter {
  const unread = source?.['unread'];
  return { unreadOnly: unread === 'true' || unread === '1' || unread === 'on', kind: board.parseKind(staff.role, source?.['kind']) };
}
