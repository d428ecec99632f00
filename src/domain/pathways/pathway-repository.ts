import { createHash } from 'node:crypto';
import { DuplicateKeyError, type DocumentCollection, type DocumentStore, type Filter, type Update } from '../../store/document-store.js';
import type { Pathway, PathwayAnswers, PathwayRequest } from './pathway.js';
import { pathwayAnswersCollection, pathwayRequestsCollection, pathwaysCollection } from './pathway-schema.js';

/** The pathway catalogue of each municipality. */
export class PathwayRepository {
  private readonly pathways: DocumentCollection<Pathway>;

  constructor(store: DocumentStore) {
    this.pathways = store.collection<Pathway>(pathwaysCollection);
  }

  insert(pathway: Pathway): Promise<Pathway> {
    return this.pathways.insertOne(pathway);
  }

  findById(tenantId: string, id: string): Promise<Pathway | null> {
    return this.pathways.findOne({ _id: id, tenantId });
  }

  findByIds(tenantId: string, ids: readonly string[]): Promise<Pathway[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.pathways.find({ tenantId, _id: { $in: ids } });
  }

  /** All pathways of the tenant (both statuses unless given), by title. */
  list(tenantId: string, status?: Pathway['status']): Promise<Pathway[]> {
    const filter: Filter = status ? { tenantId, status } : { tenantId };
    return this.pathways.find(filter, { sort: { title: 1 } });
  }

  count(tenantId: string): Promise<number> {
    return this.pathways.count({ tenantId });
  }

  update(tenantId: string, id: string, update: Update): Promise<Pathway | null> {
    return this.pathways.updateOne({ _id: id, tenantId }, update);
  }
}

const requestId = (tenantId: string, profileId: string, pathwayId: string): string =>
  'pr-' + createHash('sha256').update(`${tenantId}|${profileId}|${pathwayId}`).digest('hex').slice(0, 24);

/** "Meine Wege": pathways people saved, once per person and pathway. */
export class PathwayRequestRepository {
  private readonly requests: DocumentCollection<PathwayRequest>;

  constructor(store: DocumentStore) {
    this.requests = store.collection<PathwayRequest>(pathwayRequestsCollection);
  }

  /** Saves the pathway for the person; saving it again keeps the first entry. Returns it and whether it is new. */
  async save(tenantId: string, profileId: string, pathwayId: string, now: Date): Promise<{ request: PathwayRequest; created: boolean }> {
    const _id = requestId(tenantId, profileId, pathwayId);
    try {
      const request = await this.requests.insertOne({ _id, tenantId, profileId, pathwayId, savedAt: now });
      return { request, created: true };
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      const existing = await this.requests.findOne({ _id, tenantId });
      if (!existing) throw error;
      return { request: existing, created: false };
    }
  }

  find(tenantId: string, profileId: string, pathwayId: string): Promise<PathwayRequest | null> {
    return this.requests.findOne({ _id: requestId(tenantId, profileId, pathwayId), tenantId });
  }

  listForProfile(tenantId: string, profileId: string): Promise<PathwayRequest[]> {
    return this.requests.find({ tenantId, profileId }, { sort: { savedAt: -1 } });
  }

  listForPathway(tenantId: string, pathwayId: string): Promise<PathwayRequest[]> {
    return this.requests.find({ tenantId, pathwayId }, { sort: { savedAt: -1 } });
  }

  listForTenant(tenantId: string): Promise<PathwayRequest[]> {
    return this.requests.find({ tenantId }, { sort: { savedAt: -1 } });
  }

  setReminder(tenantId: string, profileId: string, pathwayId: string, remindAt: Date): Promise<PathwayRequest | null> {
    return this.requests.updateOne({ _id: requestId(tenantId, profileId, pathwayId), tenantId }, { $set: { remindAt }, $unset: { remindedAt: true } });
  }

  markReminded(tenantId: string, profileId: string, pathwayId: string, at: Date): Promise<PathwayRequest | null> {
    return this.requests.updateOne({ _id: requestId(tenantId, profileId, pathwayId), tenantId }, { $set: { remindedAt: at } });
  }

  remove(tenantId: string, profileId: string, pathwayId: string): Promise<boolean> {
    return this.requests.deleteOne({ _id: requestId(tenantId, profileId, pathwayId), tenantId });
  }

  deleteForProfile(tenantId: string, profileId: string): Promise<number> {
    return this.requests.deleteMany({ tenantId, profileId });
  }
}

const answersId = (tenantId: string, profileId: string): string =>
  'pa-' + createHash('sha256').update(`${tenantId}|${profileId}`).digest('hex').slice(0, 24);

/** The questionnaire's answers, one document per person. */
export class PathwayAnswersRepository {
  private readonly answers: DocumentCollection<PathwayAnswers>;

  constructor(store: DocumentStore) {
    this.answers = store.collection<PathwayAnswers>(pathwayAnswersCollection);
  }

  find(tenantId: string, profileId: string): Promise<PathwayAnswers | null> {
    return this.answers.findOne({ _id: answersId(tenantId, profileId), tenantId });
  }

  /** Stores (or replaces) the given answers; `skipped` lists the questions the person skipped. */
  async save(tenantId: string, profileId: string, values: Omit<PathwayAnswers, '_id' | 'tenantId' | 'profileId' | 'updatedAt'>, now: Date): Promise<PathwayAnswers> {
    const set: Record<string, unknown> = { profileId, skipped: values.skipped, updatedAt: now };
    const unset: Record<string, true> = {};
    for (const key of ['situation', 'fields', 'degree', 'german', 'constraints', 'start'] as const) {
      const value = values[key];
      if (value === undefined) unset[key] = true;
      else set[key] = value;
    }
    const update: Update = Object.keys(unset).length > 0 ? { $set: set, $unset: unset } : { $set: set };
    const saved = await this.answers.updateOne({ _id: answersId(tenantId, profileId), tenantId }, update, { upsert: true });
    return saved!;
  }

  delete(tenantId: string, profileId: string): Promise<boolean> {
    return this.answers.deleteOne({ _id: answersId(tenantId, profileId), tenantId });
  }
}
