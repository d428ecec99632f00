import type { AnyRole } from '../accounts/staff-user.js';
import type { StaffNotice } from '../notices/staff-notices.js';
import type { ContentSection } from './content-section.js';

/**
 * One card on the dashboard that a feature adds: its data under `key` (also in the admin API's
 * `GET /dashboard`) and its own template below src/, which gets the data as `it.panel`.
 */
export interface DashboardPanel {
  key: string;
  /** Template path below src/, e.g. "/features/handoffs/console/views/dashboard-panel". */
  view: string;
  /** Lower comes first. */
  order: number;
  load(tenantId: string, now: Date): Promise<unknown>;
}

/** The console page a notice leads to, when the feature that wrote it has one the role may open. */
export type NoticeLink = (notice: StaffNotice, role: AnyRole) => string | undefined;

/** What the console can manage in this deployment: only the features that exist get pages. */
export interface ConsoleIntegrations {
  sections: ContentSection[];
  panels: DashboardPanel[];
  noticeLinks: NoticeLink[];
}
