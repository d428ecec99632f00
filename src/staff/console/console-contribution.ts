import type { Router } from 'express';
import type { TenantConfig } from '../../platform/config/config-types.js';
import type { Translate } from '../../platform/i18n/translator.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { ContentSection } from '../content/content-section.js';
import type { DashboardPanel, NoticeLink } from '../content/integrations.js';
import type { PersonLookup } from '../content/person-lookup.js';
import type { FormNonces } from '../http/form-nonces.js';
import type { ConsoleNavEntry, ConsoleViews } from './views.js';

/** Who a staff id is (the reply author shown in a handoff thread). */
export type StaffNameLookup = (tenantId: string, staffId: string) => Promise<string | undefined>;

/** What the console hands a feature's console parts when it builds them. */
export interface ConsoleKit {
  /** The console's language: German. */
  t: Translate;
  people: PersonLookup;
  staffName: StaffNameLookup;
}

/** What a feature's own console pages and admin API routes use (the console's pages, forms and audit log). */
export interface ConsolePageKit extends ConsoleKit {
  views: ConsoleViews;
  nonces: FormNonces;
  audit: AuditLog;
  tenants: ReadonlyMap<string, TenantConfig>;
  clock: () => Date;
}

export type { ConsoleNavEntry, DashboardPanel, NoticeLink };

/**
 * What one feature adds to the staff console: content sections (pages and admin API), dashboard
 * panels, navigation entries, pages and admin API routes of its own, and links from its staff
 * notices. The console shows only what the mounted features contribute.
 */
export interface ConsoleContribution {
  sections?(kit: ConsoleKit): ContentSection[];
  dashboard?(kit: ConsoleKit): DashboardPanel[];
  /** Entries after the content sections, before the admin links. */
  nav?: readonly ConsoleNavEntry[];
  /** Pages of the feature's own, added to the console router (/console) behind sign-in. */
  pages?(router: Router, kit: ConsolePageKit): void;
  /** JSON routes of the feature's own, added to the admin API (/api/admin) behind sign-in. */
  api?(router: Router, kit: ConsolePageKit): void;
  noticeLink?: NoticeLink;
  /** The first name a person gave this feature (volunteering), shown only on its own lists. */
  firstNameOf?(tenantId: string, profileId: string): Promise<string | undefined>;
}
