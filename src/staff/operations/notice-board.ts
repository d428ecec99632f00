import type { RequestHandler } from 'express';
import { STAFF_NOTICE_KINDS, type StaffNotice, type StaffNoticeKind, type StaffNoticeService } from '../notices/staff-notices.js';
import { can, type AnyRole } from '../accounts/staff-user.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { NoticeLink } from '../content/integrations.js';
import type { StaffContext } from '../http/staff-context.js';
import { staffError } from '../http/staff-error.js';

/** A notice as the console and the API show it (never the person's id). */
export interface NoticeView {
  id: string;
  kind: StaffNoticeKind;
  subject: string;
  createdAt: Date;
  read: boolean;
  readAt?: Date;
  emailedTo?: string;
  emailedAt?: Date;
  opportunityId?: string;
  listingId?: string;
  requestId?: string;
  /** The console page of the related item, when there is one and the role may open it. */
  link?: string;
}

export interface NoticeFilter {
  unreadOnly?: boolean;
  kind?: StaffNoticeKind;
}

/** How many notices the page and the API list at most (newest first). */
export const NOTICE_LIST_LIMIT = 200;
const DASHBOARD_COUNT = 5;


export const noticeNotFound = () => staffError(404, 'NotFound', 'console:errors.noticeNotFound', 'no such notice in this city');

/**
 * The staff notices (registrations, withdrawals, marketplace events, handoff requests) in the console:
 * who may see which kind, links to the related pages, and "read" with an audit event. Notices are
 * written by the features through StaffNoticeService; the console reads them per tenant and role.
 */
export class NoticeBoard {
  constructor(
    private readonly service: StaffNoticeService,
    private readonly links: readonly NoticeLink[],
    private readonly audit: AuditLog,
  ) {}

  /** Admins and editors (content staff) see every kind; counsellors the handoff requests they answer. */
  visibleKinds(role: AnyRole): StaffNoticeKind[] {
    if (can(role, 'content')) return [...STAFF_NOTICE_KINDS];
    return can(role, 'handoffs') ? ['handoff'] : [];
  }

  /** 400 for an unknown kind, 403 for a kind the role does not see; undefined: all visible kinds. */
  parseKind(role: AnyRole, value: unknown): StaffNoticeKind | undefined {
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || !(STAFF_NOTICE_KINDS as readonly string[]).includes(value)) {
      throw staffError(400, 'BadArgument', 'console:errors.badRequest', `kind must be one of ${STAFF_NOTICE_KINDS.join(', ')}`);
    }
    const kind = value as StaffNoticeKind;
    if (!this.visibleKinds(role).includes(kind)) throw staffError(403, 'Forbidden', 'console:errors.forbidden', 'your role does not see notices of this kind');
    return kind;
  }

  async list(staff: StaffContext, filter: NoticeFilter = {}, limit = NOTICE_LIST_LIMIT): Promise<NoticeView[]> {
    if (filter.kind && !this.visibleKinds(staff.role).includes(filter.kind)) return [];
    const found = await this.service.list(staff.tenantId, { ...filter, kinds: this.visibleKinds(staff.role), limit });
    return found.map((notice) => this.view(staff.role, notice));
  }

  unreadCount(staff: StaffContext): Promise<number> {
    return this.service.count(staff.tenantId, { unreadOnly: true, kinds: this.visibleKinds(staff.role) });
  }

  /** For the dashboard card: the number of unread notices and the five newest of them. */
  async newest(staff: StaffContext): Promise<{ unread: number; items: NoticeView[] }> {
    const [unread, items] = await Promise.all([this.unreadCount(staff), this.list(staff, { unreadOnly: true }, DASHBOARD_COUNT)]);
    return { unread, items };
  }

  /** Marks one notice of the session's city as read (once; audited as notice.read). Others: 404. */
  async markRead(staff: StaffContext, id: string): Promise<NoticeView> {
    const notice = await this.service.get(staff.tenantId, id);
    if (!notice || !this.visibleKinds(staff.role).includes(notice.kind)) throw noticeNotFound();
    if (notice.readAt) return this.view(staff.role, notice);
    if (!(await this.service.markRead(staff.tenantId, id))) throw noticeNotFound();
    // By id: a notice's subject quotes what the citizen wrote (a listing's title, a request).
    await this.audit.recordCitizenItem(staff.tenantId, staff.actor, 'notice.read', { type: 'notice', id }, { kind: notice.kind });
    const updated = await this.service.get(staff.tenantId, id);
    return this.view(staff.role, updated ?? notice);
  }

  /**
   * Sets `res.locals.unreadNotices` for the navigation of every console page. Only page loads count
   * (a form post mostly redirects): other requests get null, the link without a number.
   */
  unreadForNavigation(): RequestHandler {
    return (req, res, next) => {
      const staff = res.locals.staff as StaffContext | undefined;
      if (!staff || this.visibleKinds(staff.role).length === 0) return next();
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.locals.unreadNotices = null;
        return next();
      }
      this.unreadCount(staff)
        .then((count) => {
          res.locals.unreadNotices = count;
          next();
        })
        .catch(next);
    };
  }

  private linkOf(role: AnyRole, notice: StaffNotice): string | undefined {
    for (const link of this.links) {
      const href = link(notice, role);
      if (href) return href;
    }
    return undefined;
  }

  private view(role: AnyRole, notice: StaffNotice): NoticeView {
    const link = this.linkOf(role, notice);
    return {
      id: notice._id,
      kind: notice.kind,
      subject: notice.subject,
      createdAt: notice.createdAt,
      read: notice.readAt !== undefined && notice.readAt !== null,
      ...(notice.readAt ? { readAt: notice.readAt } : {}),
      ...(notice.emailedTo ? { emailedTo: notice.emailedTo } : {}),
      ...(notice.emailedAt ? { emailedAt: notice.emailedAt } : {}),
      ...(notice.opportunityId ? { opportunityId: notice.opportunityId } : {}),
      ...(notice.listingId ? { listingId: notice.listingId } : {}),
      ...(notice.requestId ? { requestId: notice.requestId } : {}),
      ...(link ? { link } : {}),
    };
  }
}
