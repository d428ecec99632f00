import { Eta } from 'eta';
import type { Response } from 'express';
import type { TenantConfig } from '../../platform/config/config-types.js';
import type { Translate } from '../../platform/i18n/translator.js';
import { can, type Permission } from '../accounts/staff-user.js';
import type { ConsoleIntegrations } from '../content/integrations.js';
import type { TranslationKey } from '../../platform/i18n/translation-keys.js';
import type { FormNonces } from '../http/form-nonces.js';
import type { StaffContext } from '../http/staff-context.js';

/** A link a feature adds to the console's navigation, shown to the roles with the permission. */
export interface ConsoleNavEntry {
  href: string;
  label: TranslationKey;
  permission: Permission;
}

export interface NavItem {
  href: string;
  label: string;
  current: boolean;
  /** Unread notices, shown as a badge. */
  badge?: number;
}

/** Server-rendered pages: eta escapes every `<%= %>` output, so text typed by anyone shows as text. */
/** Dates as the console shows them (one formatter for every page). */
const DATE_FORMAT = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });

export class ConsoleViews {
  private readonly eta: Eta;

  /** `sourceRoot`: the src/ folder; the console's own pages are in staff/views, a feature's anywhere below. */
  constructor(
    sourceRoot: string,
    readonly t: Translate,
    private readonly tenants: ReadonlyMap<string, TenantConfig>,
    private readonly integrations: ConsoleIntegrations,
    private readonly extraNav: readonly ConsoleNavEntry[] = [],
    private readonly nonces?: FormNonces,
  ) {
    this.eta = new Eta({ views: sourceRoot, cache: true, autoEscape: true });
  }

  formatDate = (date: Date): string => DATE_FORMAT.format(date);

  /** `unreadNotices`: undefined hides the notices link, null shows it without a count. */
  nav(staff: StaffContext, path: string, unreadNotices?: number | null): NavItem[] {
    const t = this.t;
    const items: Array<{ href: string; label: string; show: boolean; badge?: number }> = [
      { href: '/console/', label: t('console:nav.dashboard'), show: true },
      { href: '/console/notices', label: t('console:nav.notices'), show: unreadNotices !== undefined, badge: unreadNotices ?? undefined },
      ...this.integrations.sections.map((section) => ({ href: `/console/${section.key}`, label: t(section.title), show: can(staff.role, 'content') || (section.readPermission !== undefined && can(staff.role, section.readPermission)) })),
      ...this.extraNav.map((entry) => ({ href: entry.href, label: t(entry.label), show: can(staff.role, entry.permission) })),
      { href: '/console/staff', label: t('console:nav.staff'), show: can(staff.role, 'staff') },
      { href: '/console/audit', label: t('console:nav.audit'), show: can(staff.role, 'audit') },
    ];
    return items
      .filter((item) => item.show)
      .map((item) => ({ href: item.href, label: item.label, ...(item.badge ? { badge: item.badge } : {}), current: item.href === '/console/' ? path === '/console/' || path === '/console' : path.startsWith(item.href) }));
  }

  /** `view`: a page of the console ("dashboard") or a feature's template by its path below src/ ("/features/…/views/x"). */
  render(res: Response, view: string, data: Record<string, unknown>, status = 200): void {
    const staff = res.locals.staff as StaffContext | undefined;
    const path = res.req.originalUrl.split('?')[0] ?? '/console/';
    const html = this.eta.render(view.startsWith('/') ? view : `/staff/views/${view}`, {
      t: this.t,
      formatDate: this.formatDate,
      staff,
      csrfToken: staff?.csrfToken,
      // One-time token of the forms that create something (see FormNonces).
      formNonce: staff && this.nonces ? this.nonces.issue(staff.csrfToken) : undefined,
      nav: staff ? this.nav(staff, path, typeof res.locals.unreadNotices === 'number' || res.locals.unreadNotices === null ? (res.locals.unreadNotices as number | null) : undefined) : [],
      tenants: [...this.tenants.values()].map((tenant) => ({ id: tenant.id, name: tenant.name })),
      tenantName: staff ? (this.tenants.get(staff.tenantId)?.name ?? staff.tenantId) : '',
      ...data,
    });
    res.status(status).set({ 'Cache-Control': 'no-store', 'Content-Type': 'text/html; charset=utf-8' }).send(html);
  }
}
