import type { DocumentCollection, DocumentStore } from '../../store/document-store.js';
import type { Profile } from '../../domain/profiles/profile.js';
import { profilesCollection } from '../../domain/profiles/profile-schema.js';
import type { ConsoleIntegrations } from '../content/integrations.js';

export interface DashboardData {
  people: {
    total: number;
    byChannel: Record<string, number>;
    byLanguage: Record<string, number>;
    byStatus: Record<string, number>;
    /** The last twelve weeks, oldest first; `week` is the Monday (YYYY-MM-DD, UTC). */
    perWeek: Array<{ week: string; count: number }>;
  };
  handoffs?: { open: number; recent: Array<{ id: string; topic: string; status: string; createdAt: Date }> };
  workshops?: Array<{ id: string; title: string; when?: Date; registrations: number }>;
  deedRegistrations?: Array<{ itemId: string; title: string; at: Date }>;
}

const WEEKS = 12;
const DAY_MS = 86_400_000;
const MAX_PROFILES = 100_000;

function mondayOf(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

export class Dashboard {
  private readonly profiles: DocumentCollection<Profile>;

  constructor(
    store: DocumentStore,
    private readonly integrations: ConsoleIntegrations,
  ) {
    this.profiles = store.collection<Profile>(profilesCollection);
  }

  async build(tenantId: string, now: Date): Promise<DashboardData> {
    const profiles = await this.profiles.find({ tenantId }, { limit: MAX_PROFILES });
    const byChannel: Record<string, number> = {};
    const byLanguage: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    const firstWeek = new Date(mondayOf(now).getTime() - (WEEKS - 1) * 7 * DAY_MS);
    const perWeek = Array.from({ length: WEEKS }, (_, index) => ({ week: new Date(firstWeek.getTime() + index * 7 * DAY_MS).toISOString().slice(0, 10), count: 0 }));
    for (const profile of profiles) {
      for (const channel of new Set(profile.accounts.map((account) => account.channel))) byChannel[channel] = (byChannel[channel] ?? 0) + 1;
      const language = profile.locale ?? '–';
      byLanguage[language] = (byLanguage[language] ?? 0) + 1;
      byStatus[profile.status] = (byStatus[profile.status] ?? 0) + 1;
      const index = Math.floor((profile.createdAt.getTime() - firstWeek.getTime()) / (7 * DAY_MS));
      if (index >= 0 && index < WEEKS) perWeek[index]!.count++;
    }
    const data: DashboardData = { people: { total: profiles.length, byChannel, byLanguage, byStatus, perWeek } };
    const { handoffs, dashboard } = this.integrations;
    if (handoffs) {
      const open = await handoffs.list(tenantId, 'open');
      data.handoffs = { open: open.length, recent: open.slice(0, 5).map((item) => ({ id: item.id, topic: item.topic, status: item.status, createdAt: item.createdAt })) };
    }
    if (dashboard.upcomingWorkshops) data.workshops = await dashboard.upcomingWorkshops(tenantId, now);
    if (dashboard.recentDeedRegistrations) data.deedRegistrations = await dashboard.recentDeedRegistrations(tenantId);
    return data;
  }
}
