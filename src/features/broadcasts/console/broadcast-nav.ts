import { can } from '../../../staff/accounts/staff-user.js';
import type { StaffContext } from '../../../staff/http/staff-context.js';
import { ConsoleViews, type NavItem } from '../../../staff/console/views.js';

export const BROADCASTS_PATH = '/console/broadcasts';

/** The console's pages with "Ankündigungen" in the navigation (before the admin links), for those who may send them. */
export class ConsoleViewsWithBroadcasts extends ConsoleViews {
  override nav(staff: StaffContext, path: string, unreadNotices?: number | null): NavItem[] {
    const items = super.nav(staff, path, unreadNotices);
    if (!can(staff.role, 'broadcasts')) return items;
    const item: NavItem = { href: BROADCASTS_PATH, label: this.t('console:nav.broadcasts'), current: path === BROADCASTS_PATH || path.startsWith(`${BROADCASTS_PATH}/`) };
    const adminLinks = items.findIndex((candidate) => candidate.href === '/console/staff' || candidate.href === '/console/audit');
    items.splice(adminLinks < 0 ? items.length : adminLinks, 0, item);
    return items;
  }
}
