import type { Actor } from '../audit/audit-log.js';
import type { ContentSection } from './content-section.js';

/** How a staff reply reached the person (the handoffs feature's service says). */
export type HandoffDelivery = 'sent' | 'unreachable' | 'failed';

/** A marketplace listing as staff review it. */
export interface ListingView {
  id: string;
  kind: string;
  title: string;
  description: string;
  organisation?: string;
  status: string;
  createdAt: Date;
  reason?: string;
}

export interface BrokeringView {
  id: string;
  listingId: string;
  listingTitle: string;
  message: string;
  status: string;
  createdAt: Date;
}

export interface MarketplaceAdmin {
  pending(tenantId: string): Promise<ListingView[]>;
  brokering(tenantId: string): Promise<BrokeringView[]>;
  approve(tenantId: string, id: string, actor: Actor): Promise<ListingView | null>;
  reject(tenantId: string, id: string, reason: string, actor: Actor): Promise<ListingView | null>;
  /** Staff brokered the contact (outside the bot): the request leaves the open list. */
  brokeringDone(tenantId: string, id: string, actor: Actor): Promise<BrokeringView | null>;
}

export interface HandoffMessageView {
  from: 'person' | 'staff';
  text: string;
  at: Date;
  author?: string;
}

export interface HandoffView {
  id: string;
  topic: string;
  status: string;
  createdAt: Date;
  claimedBy?: string;
  /** Whether the person agreed to share their answers (without consent only channel and language show). */
  shared: boolean;
  /** The answers the person agreed to share, as label → value. */
  answers: Array<{ label: string; value: string }>;
  messages: HandoffMessageView[];
}

export interface HandoffAdmin {
  list(tenantId: string, status?: 'open' | 'all'): Promise<HandoffView[]>;
  get(tenantId: string, id: string): Promise<HandoffView | null>;
  /** How many requests wait (open or claimed), and the oldest `limit` of them. */
  waiting(tenantId: string, limit: number): Promise<{ count: number; oldest: HandoffView[] }>;
  claim(tenantId: string, id: string, actor: Actor): Promise<HandoffView | null>;
  /** Delivers the reply in the person's chat (or keeps it for the web chat); 'unreachable' when blocked. */
  reply(tenantId: string, id: string, text: string, actor: Actor): Promise<{ view: HandoffView; delivery: HandoffDelivery } | null>;
  close(tenantId: string, id: string, actor: Actor): Promise<HandoffView | null>;
}

export interface DashboardParts {
  upcomingWorkshops?(tenantId: string, now: Date): Promise<Array<{ id: string; title: string; when?: Date; registrations: number }>>;
  recentDeedRegistrations?(tenantId: string): Promise<Array<{ itemId: string; title: string; at: Date }>>;
}

/** What the console can manage in this deployment: only the features that exist get pages. */
export interface ConsoleIntegrations {
  sections: ContentSection[];
  marketplace?: MarketplaceAdmin;
  handoffs?: HandoffAdmin;
  dashboard: DashboardParts;
}
