import { createHash } from 'node:crypto';
import { DuplicateKeyError, type DocumentCollection, type DocumentStore, type Filter, type Update } from '../../../platform/store/document-store.js';
import type { Pathway, PathwayAnswers, PathwayRequest } from './pathway.js';
import { pathwayAnswersCollection, pathwayRequestsCollection, pathwaysCollection } from './pathway-schema.js';

/**
 * The store drops empty subdocuments and arrays: a pathway saved with `requirements: {}` comes back
 * without them. Every read fills them in, so that readers can rely on the type.
 */
export function withDefaults(pathway: Pathway): Pathway;
export function withDefaults(pathway: Pathway | null): Pathway | null;
export function withDefaults(pathway: Pathway | null): Pathway | null {
  if (!pathway) return null;
  return {
    ...pathway,
    fields: pathway.fields ?? [],
    situations: pathway.situations ?? [],
    requirements: pathway.requirements ?? {},
    contact: pathway.contact ?? {},
    location: pathway.location ?? { online: false },
  };
}

/** The pathway catalogue of each municipality. */
export class PathwayRepository {
  private readonly pathways: DocumentCollection<Pathway>;

  constructor(store: DocumentStore) {
    this.pathways = store.collection<Pathway>(pathwaysCollection);
  }

  async insert(pathway: Pathway): Promise<Pathway> {
    return withDefaults(await this.pathways.insertOne(pathway));
  }

  async findById(tenantId: string, id: string): Promise<Pathway | null> {
    return withDefaults(await this.pathways.findOne({ _id: id, tenantId }));
  }

  async findByIds(tenantId: string, ids: readonly string[]): Promise<Pathway[]> {
    return ids.length === 0 ? [] : (await this.pathways.find({ tenantId, _id: { $in: ids } })).map((pathway) => withDefaults(pathway));
  }

  /** All pathways of the tenant (both statuses unless given), by title. */
  async list(tenantId: string, status?: Pathway['status']): Promise<Pathway[]> {
    const filter: Filter = status ? { tenantId, status } : { tenantId };
    return (await this.pathways.find(filter, { sort: { title: 1 } })).map((pathway) => withDefaults(pathway));
  }

  count(tenantId: string): Promise<number> {
    return this.pathways.count({ tenantId });
  }

  async update(tenantId: string, id: string, update: Update): Promise<Pathway | null> {
    return withDefaults(await this.pathways.updateOne({ _id: id, tenantId }, update));
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

  /**
   * Takes the reminder for sending, atomically: only one of two runs of the job that come at the same
   * time gets it (null: already taken, not planned, not due yet, or gone).
   */
  claimReminder(tenantId: string, profileId: string, pathwayId: string, now: Date): Promise<PathwayRequest | null> {
    return this.requests.updateOne(
      { _id: requestId(tenantId, profileId, pathwayId), tenantId, remindAt: { $exists: true }, remindedAt: { $exists: false } },
      { $set: { remindedAt: now } },
    );
  }

  /** Gives a claimed reminder back (its sending failed), so that the job's retry can send it. */
  releaseReminder(tenantId: string, profileId: string, pathwayId: string, claimedAt: Date): Promise<PathwayRequest | null> {
    return this.requests.updateOne({ _id: requestId(tenantId, profileId, pathwayId), tenantId, remindedAt: claimedAt }, { $unset: { remindedAt: true } });
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
