import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import type { CollectionDefinition, DocumentCollection, DocumentStore, Filter } from '../../platform/store/document-store.js';
import type { Clock } from '../../platform/clock.js';

/**
 * Who did what to which item, and when: every staff action that changes data. It holds staff data
 * (the actor's e-mail, labels of what staff wrote) and ids, never text a citizen wrote: see
 * CITIZEN_ITEM_TYPES. Kept for AUDIT_RETENTION_DAYS (default 365), then purged by the retention job.
 */
export interface AuditEvent {
  _id: string;
  tenantId: string;
  at: Date;
  actor: { id: string; email: string };
  action: string;
  target: { type: string; id: string; label?: string };
  /** Short, non-personal details (e.g. changed field names, `kind=…`, `format=csv, rows=3`). */
  details?: string;
}

/**
 * Items whose content a citizen wrote or that quote it (a Marktplatz listing, a brokering or
 * handoff request, a staff notice about one): their audit events carry the id only. The title of
 * a listing, a notice's subject or a rejection reason would keep citizen text (often a name, an
 * address, a phone number) for the audit log's whole retention, long after the person deleted it.
 */
export const CITIZEN_ITEM_TYPES = ['listing', 'brokering', 'handoff', 'notice'] as const;
export type CitizenItemType = (typeof CITIZEN_ITEM_TYPES)[number];
const isCitizenItemType = (type: string): boolean => (CITIZEN_ITEM_TYPES as readonly string[]).includes(type);

/** A staff-made item (staff account, deed, workshop, broadcast...): it may carry its staff-written label. */
export interface StaffItemTarget<T extends string = string> {
  /** Not a citizen item type: those go through `recordCitizenItem`, which takes no label. */
  type: T extends CitizenItemType ? never : T;
  id: string;
  label?: string;
}

/** Facts about an action on a citizen's item: short values chosen by the code (kinds, counts, statuses). */
export type AuditFacts = Record<string, string | number | boolean>;

const auditSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    at: { type: Date, required: true },
    actor: {
      id: { type: String, required: true, maxlength: 100 },
      email: { type: String, required: true, maxlength: 200 },
    },
    action: { type: String, required: true, maxlength: 80 },
    target: {
      type: { type: String, required: true, maxlength: 60 },
      id: { type: String, required: true, maxlength: 200 },
      label: { type: String, maxlength: 200 },
    },
    details: { type: String, maxlength: 1000 },
  },
  { versionKey: false },
);

export const auditEventsCollection: CollectionDefinition = {
  name: 'staff_audit_events',
  schema: auditSchema,
  indexes: [{ fields: { tenantId: 1, at: -1 } }],
};

export interface Actor {
  id: string;
  email: string;
  /** The name staff sign replies with (not stored in the audit log). */
  name?: string;
}

export class AuditLog {
  private readonly events: DocumentCollection<AuditEvent>;

  constructor(
    store: DocumentStore,
    private readonly clock: Clock,
  ) {
    this.events = store.collection<AuditEvent>(auditEventsCollection);
  }

  /** An action on a staff-made item; `details` are short and name no person. */
  record<T extends string>(tenantId: string, actor: Actor, action: string, target: StaffItemTarget<T>, details?: string): Promise<AuditEvent> {
    // A citizen item type that reached here untyped (e.g. through a string variable) still keeps no label.
    const label = isCitizenItemType(target.type) ? undefined : target.label;
    return this.insert(tenantId, actor, action, { type: target.type, id: target.id, ...(label ? { label: label.slice(0, 200) } : {}) }, details);
  }

  /** An action on an item a citizen wrote: by id only, with code-chosen facts instead of free text. */
  recordCitizenItem(tenantId: string, actor: Actor, action: string, target: { type: CitizenItemType; id: string }, facts?: AuditFacts): Promise<AuditEvent> {
    const details = facts && Object.keys(facts).length > 0 ? Object.entries(facts).map(([key, value]) => `${key}=${String(value).slice(0, 60)}`).join(', ') : undefined;
    return this.insert(tenantId, actor, action, { type: target.type, id: target.id }, details);
  }

  private insert(tenantId: string, actor: Actor, action: string, target: AuditEvent['target'], details?: string): Promise<AuditEvent> {
    const event: AuditEvent = {
      _id: `audit-${randomUUID()}`,
      tenantId,
      at: this.clock(),
      actor: { id: actor.id, email: actor.email },
      action,
      target,
      ...(details ? { details: details.slice(0, 1000) } : {}),
    };
    return this.events.insertOne(event);
  }

  /** Retention: deletes every city's events from before `date`; returns how many. */
  purgeOlderThan(date: Date): Promise<number> {
    return this.events.deleteMany({ at: { $lt: date } });
  }

  /**
   * Events written before citizen items were recorded by id only kept a listing's title, a
   * notice's subject or a rejection reason: removes those texts (once; later runs match nothing).
   */
  async scrubCitizenText(): Promise<number> {
    const labels = await this.events.updateMany({ 'target.type': { $in: CITIZEN_ITEM_TYPES }, 'target.label': { $exists: true } }, { $unset: { 'target.label': true } });
    const reasons = await this.events.updateMany({ action: 'listing.rejected', details: { $exists: true } }, { $unset: { details: true } });
    return labels + reasons;
  }

  list(tenantId: string, options: { action?: string; before?: Date; limit?: number } = {}): Promise<AuditEvent[]> {
    const filter: Filter = { tenantId };
    if (options.action) filter.action = options.action;
    if (options.before) filter.at = { $lt: options.before };
    return this.events.find(filter, { sort: { at: -1 }, limit: Math.min(options.limit ?? 100, 500) });
  }
}
