import { can } from '../../../staff/accounts/staff-user.js';
import type { ConsoleContribution } from '../../../staff/console/console-contribution.js';
import type { HandoffService } from '../domain/handoff-service.js';
import { handoffAdmin } from './handoff-admin.js';
import { addHandoffApi, addHandoffPages } from './handoff-pages.js';

/** How many of the oldest waiting requests the dashboard lists. */
const DASHBOARD_OLDEST = 5;

/** The handoff inbox (pages, admin API, nav), the dashboard's waiting requests, and links from handoff notices. */
export function handoffsConsole(handoffs: HandoffService): ConsoleContribution {
  return {
    dashboard: ({ t, staffName }) => [
      {
        key: 'handoffs',
        view: '/features/handoffs/console/views/dashboard-panel',
        order: 10,
        async load(tenantId) {
          const { count, oldest } = await handoffAdmin(handoffs, t, staffName).waiting(tenantId, DASHBOARD_OLDEST);
          return { open: count, recent: oldest.map((item) => ({ id: item.id, topic: item.topic, status: item.status, createdAt: item.createdAt })) };
        },
      },
    ],
    nav: [{ href: '/console/handoffs', label: 'handoffConsole:nav', permission: 'handoffs' }],
    pages: (router, kit) => addHandoffPages(router, kit, handoffAdmin(handoffs, kit.t, kit.staffName)),
    api: (router, kit) => addHandoffApi(router, kit, handoffAdmin(handoffs, kit.t, kit.staffName)),
    noticeLink: (notice, role) => (notice.kind === 'handoff' && notice.requestId && can(role, 'handoffs') ? `/console/handoffs/${encodeURIComponent(notice.requestId)}` : undefined),
  };
}
