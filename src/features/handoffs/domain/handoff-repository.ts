import type { DocumentCollection, DocumentStore, Filter, Update } from '../../../platform/store/document-store.js';
import type { HandoffRequest, HandoffStatus } from './handoff.js';
import { handoffsCollection } from './handoff-schema.js';

export class HandoffRepository {
  private readonly requests: DocumentCollection<HandoffRequest>;

  constructor(store: DocumentStore) {
    this.requests = store.collection<HandoffRequest>(handoffsCollection);
  }

  insert(request: HandoffRequest): Promise<HandoffRequest> {
    return this.requests.insertOne(request);
  }

  findById(tenantId: string, id: string): Promise<HandoffRequest | null> {
    return this.requests.findOne({ _id: id, tenantId });
  }

  /** Requests with one of the statuses, oldest first (who waits longest comes first). */
  listByStatus(tenantId: string, statuses: readonly HandoffStatus[], limit?: number): Promise<HandoffRequest[]> {
    return this.requests.find({ tenantId, status: { $in: statuses } }, { sort: { createdAt: 1 }, ...(limit ? { limit } : {}) });
  }

  countByStatus(tenantId: string, statuses: readonly HandoffStatus[]): Promise<number> {
    return this.requests.count({ tenantId, status: { $in: statuses } });
  }

  listForProfile(tenantId: string, profileId: string): Promise<HandoffRequest[]> {
    return this.requests.find({ tenantId, profileId }, { sort: { createdAt: -1 } });
  }

  /** Applies the update when the request still matches `condition` (e.g. a status); null otherwise. */
  update(tenantId: string, id: string, update: Update, condition: Filter = {}): Promise<HandoffRequest | null> {
    return this.requests.updateOne({ ...condition, _id: id, tenantId }, update);
  }

  deleteForProfile(tenantId: string, profileId: string): Promise<number> {
    return this.requests.deleteMany({ tenantId, profileId });
  }
}
