import type { Response } from 'express';
import type { Locale, TenantConfig } from '../../../platform/config/config-types.js';
import { SUPPORTED_LOCALES } from '../../../platform/config/config-types.js';
import { ANNOUNCEMENT_TOPICS, type Broadcast, type StaffRef } from '../domain/broadcast.js';
import type { BroadcastOperations } from '../domain/broadcast-operations.js';
import { citiesOf } from '../../volunteering/index.js';
import { INTERESTS } from '../../volunteering/index.js';
import type { AuditLog } from '../../../staff/audit/audit-log.js';
import type { FormValues } from '../../../staff/content/content-section.js';
import type { FormNonces } from '../../../staff/http/form-nonces.js';
import type { StaffContext } from '../../../staff/http/staff-context.js';
import type { ConsoleViews } from '../../../staff/console/views.js';
import type { ComposerContext } from './broadcast-form.js';
import { familyKey } from '../../../platform/i18n/translation-keys.js';

/** An upcoming workshop the composer offers (deep-link button, audience "registered for"). */
export interface WorkshopChoice {
  id: string;
  title: string;
  startsAt: Date;
}

export type WorkshopChoices = (tenantId: string) => Promise<WorkshopChoice[]>;

export interface BroadcastConsoleDeps {
  broadcasts: BroadcastOperations;
  /** Absent: no workshop lists (a payload can still be typed). */
  workshopChoices?: WorkshopChoices;
  views: ConsoleViews;
  nonces: FormNonces;
  audit: AuditLog;
  tenants: ReadonlyMap<string, TenantConfig>;
  clock: () => Date;
}

/** The broadcast pages' templates, below src/ (the console's layout and fields come from staff/views). */
const BROADCAST_VIEWS = '/features/broadcasts/console/views';

/** The notices a redirect may ask for (texts in console.json `broadcasts.notices`). */
export const NOTICES = ['created', 'saved', 'testSent', 'scheduled', 'sendingNow', 'awaitingApproval', 'approved', 'rejected', 'paused', 'resumed', 'cancelled', 'settingsSaved', 'unlinked'] as const;
export type BroadcastNotice = (typeof NOTICES)[number];

export interface Option {
  value: string;
  label: string;
}

/** What the broadcast pages share: the service, the tenant's lists, texts and the audit trail. */
export class BroadcastConsole {
  readonly broadcasts: BroadcastOperations;
  readonly views: ConsoleViews;
  readonly nonces: FormNonces;
  readonly t: ConsoleViews['t'];

  constructor(private readonly deps: BroadcastConsoleDeps) {
    this.broadcasts = deps.broadcasts;
    this.views = deps.views;
    this.nonces = deps.nonces;
    this.t = deps.views.t;
  }

  now(): Date {
    return this.deps.clock();
  }

  /** The service's record of who acted (id and display name). */
  refOf(staff: StaffContext): StaffRef {
    return { id: staff.user._id, name: staff.user.name };
  }

  defaultLocale(tenantId: string): Locale {
    return this.deps.tenants.get(tenantId)?.defaultLocale ?? 'de';
  }

  composerContext(tenantId: string): ComposerContext {
    const tenant = this.deps.tenants.get(tenantId);
    const districts = tenant ? [...new Set(citiesOf(tenant).flatMap((city) => city.districts))] : [];
    return { districts, defaultLocale: this.defaultLocale(tenantId) };
  }

  /** Upcoming workshops; a workshop the broadcast already names stays choosable even when it is past. */
  async workshops(tenantId: string, keep: readonly string[] = []): Promise<Option[]> {
    const choices = this.deps.workshopChoices ? await this.deps.workshopChoices(tenantId) : [];
    const options = choices.map((workshop) => ({ value: workshop.id, label: `${workshop.title} (${this.views.formatDate(workshop.startsAt)})` }));
    for (const id of keep) if (id && !options.some((option) => option.value === id)) options.push({ value: id, label: this.t('broadcastsConsole:composer.otherWorkshop', { id }) });
    return options;
  }

  /** Every choice list of the composer, with German labels. */
  async composerOptions(tenantId: string, values: FormValues): Promise<Record<string, unknown>> {
    const t = this.t;
    const context = this.composerContext(tenantId);
    const keep = [values['audience.workshopId'], values['button.workshop']].filter((id): id is string => typeof id === 'string');
    return {
      defaultLocale: context.defaultLocale,
      locales: SUPPORTED_LOCALES,
      topicOptions: ANNOUNCEMENT_TOPICS.map((topic) => ({ value: topic, label: this.topicTitle(topic) })),
      localeOptions: SUPPORTED_LOCALES.map((locale) => ({ value: locale, label: t(`console:languages.${locale}`) })),
      channelOptions: (['telegram', 'webchat'] as const).map((channel) => ({ value: channel, label: t(`console:channels.${channel}`) })),
      interestOptions: INTERESTS.map((interest) => ({ value: interest, label: t(`volunteering:interests.${interest}`) })),
      districtOptions: context.districts.map((district) => ({ value: district, label: district })),
      workshopOptions: await this.workshops(tenantId, keep),
    };
  }

  /** The topic as people chose it in the chat (locales/de/common.json `announcementTopics`). */
  topicTitle(topic: string): string {
    return this.t(familyKey('common:announcementTopics.', topic));
  }

  /** `?notice=…` of a redirect, from this allowlist only (a link cannot put its own text on a page). */
  noticeOf(query: unknown): string | undefined {
    return typeof query === 'string' && (NOTICES as readonly string[]).includes(query) ? this.t(familyKey('broadcastsConsole:notices.', query)) : undefined;
  }

  /** One audit record per state change; details name no person. */
  record(staff: StaffContext, action: string, broadcast: Pick<Broadcast, '_id' | 'title'>, details?: string): Promise<unknown> {
    return this.deps.audit.record(staff.tenantId, staff.actor, `broadcast.${action}`, { type: 'broadcast', id: broadcast._id, label: broadcast.title }, details);
  }

  recordSettings(staff: StaffContext, details: string): Promise<unknown> {
    return this.deps.audit.record(staff.tenantId, staff.actor, 'broadcast.settings-changed', { type: 'tenant', id: staff.tenantId }, details);
  }

  recordChatUnlinked(staff: StaffContext): Promise<unknown> {
    return this.deps.audit.record(staff.tenantId, staff.actor, 'broadcast.chat-unlinked', { type: 'staff', id: staff.user._id });
  }

  render(res: Response, view: string, data: Record<string, unknown>, status = 200): void {
    this.views.render(res, `${BROADCAST_VIEWS}/${view}`, data, status);
  }
}
