import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import type { CollectionDefinition, DocumentCollection, DocumentStore, Filter } from '../../store/document-store.js';
import type { Clock } from '../../domain/profiles/profile-service.js';

/** Who did what to which item, and when: every staff action that changes data. */
export interface AuditEvent {
  _id: string;
  tenantId: string;
  at: Date;
  actor: { id: string; email: string };
  action: string;
  target: { type: string; id: string; label?: string };
  /** Short, non-personal details (e.g. changed field names, a rejection reason). */
  details?: string;
}

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

  async record(tenantId: string, actor: Actor, action: string, target: AuditEvent['target'], details?: string): Promise<AuditEvent> {
    const event: AuditEvent = {
      _id: `audit-${randomUUID()}`,
      tenantId,
      at: this.clock(),
      actor: { id: actor.id, email: actor.email },
      action,
      target: { type: target.type, id: target.id, ...(target.label ? { label: target.label.slice(0, 200) } : {}) },
      ...(details ? { details: details.slice(0, 1000) } : {}),
    };
    return this.events.insertOne(event);
  }

  list(tenantId: string, options: { action?: string; before?: Date; limit?: number } = {}): Promise<AuditEvent[]> {
    const filter: Filter = { tenantId };
    if (options.action) filter.action = options.action;
    if (options.before) filter.at = { $lt: options.before };
    return this.events.find(filter, { sort: { at: -1 }, limit: Math.min(options.limit ?? 100, 500) });
  }
}
