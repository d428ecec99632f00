import { DateTime } from 'luxon';
import type { DocumentCollection, DocumentStore, Filter } from '../../platform/store/document-store.js';
import type { ChannelId, Profile } from '../../foundation/profiles/profile.js';
import { profilesCollection } from '../../foundation/profiles/profile-schema.js';
import { SUPPORTED_LOCALES } from '../../platform/config/config-types.js';
import type { DashboardPanel } from '../content/integrations.js';
import type { FailedJobView } from './failed-jobs.js';
import { CONSOLE_TIME_ZONE } from '../content/form-fields.js';

export interface DashboardData {
  people: {
    total: number;
    byChannel: Record<string, number>;
    byLanguage: Record<string, number>;
    byStatus: Record<string, number>;
    /** The last twelve weeks, oldest first; `week` is the Monday in Berlin (YYYY-MM-DD). */
    perWeek: Array<{ week: string; count: number }>;
  };
  /** Admins only. */
  failedJobs?: FailedJobView[];
  /** The features' panels by key (e.g. `handoffs`, `workshops`), in the features' order. */
  [panel: string]: unknown;
}

/** What the dashboard page renders: the data, and the features' panels with their templates. */
export interface DashboardPage {
  data: DashboardData;
  panels: Array<{ key: string; view: string; data: unknown }>;
}

const WEEKS = 12;
const CHANNELS: readonly ChannelId[] = ['telegram', 'webchat'];
const STATUSES: ReadonlyArray<Profile['status']> = ['active', 'blocked'];
/** Key for people who have not chosen a language yet. */
export const NO_LANGUAGE = 'none';

/** The Monday 00:00 (Berlin) of the week this moment falls in. */
export function berlinWeekOf(date: Date): DateTime {
  return DateTime.fromJSDate(date).setZone(CONSOLE_TIME_ZONE).startOf('week');
}

/** Counts per value of small enumerations and per week (one `count` each): no person is read. */
export class Dashboard {
  private readonly profiles: DocumentCollection<Profile>;

  constructor(
    store: DocumentStore,
    private readonly panels: readonly DashboardPanel[],
  ) {
    this.profiles = store.collection<Profile>(profilesCollection);
  }

  private async countsBy<V extends string>(tenantId: string, values: readonly V[], filterOf: (value: V) => Filter): Promise<Record<string, number>> {
    const counts = await Promise.all(values.map((value) => this.profiles.count({ tenantId, ...filterOf(value) })));
    const result: Record<string, number> = {};
    values.forEach((value, index) => {
      if (counts[index]! > 0) result[value] = counts[index]!;
    });
    return result;
  }

  private async perWeek(tenantId: string, now: Date): Promise<Array<{ week: string; count: number }>> {
    const first = berlinWeekOf(now).minus({ weeks: WEEKS - 1 });
    return Promise.all(
      Array.from({ length: WEEKS }, async (_, index) => {
        const start = first.plus({ weeks: index });
        const count = await this.profiles.count({ tenantId, createdAt: { $gte: start.toJSDate(), $lt: start.plus({ weeks: 1 }).toJSDate() } });
        return { week: start.toISODate()!, count };
      }),
    );
  }

  async build(tenantId: string, now: Date, options: { failedJobs?: () => Promise<FailedJobView[]> } = {}): Promise<DashboardData> {
    return (await this.page(tenantId, now, options)).data;
  }

  async page(tenantId: string, now: Date, options: { failedJobs?: () => Promise<FailedJobView[]> } = {}): Promise<DashboardPage> {
    const [total, byChannel, byLanguage, noLanguage, byStatus, perWeek] = await Promise.all([
      this.profiles.count({ tenantId }),
      this.countsBy(tenantId, CHANNELS, (channel) => ({ accounts: { $elemMatch: { channel } } })),
      this.countsBy(tenantId, SUPPORTED_LOCALES, (locale) => ({ locale })),
      this.profiles.count({ tenantId, locale: { $exists: false } }),
      this.countsBy(tenantId, STATUSES, (status) => ({ status })),
      this.perWeek(tenantId, now),
    ]);
    if (noLanguage > 0) byLanguage[NO_LANGUAGE] = noLanguage;
    const data: DashboardData = { people: { total, byChannel, byLanguage, byStatus, perWeek } };
    const panels = await Promise.all(this.panels.map(async (panel) => ({ key: panel.key, view: panel.view, data: await panel.load(tenantId, now) })));
    for (const panel of panels) data[panel.key] = panel.data;
    if (options.failedJobs) data.failedJobs = await options.failedJobs();
    return { data, panels };
  }
}
