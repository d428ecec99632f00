import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import { isAnswered, type AnswerValues, type Pathway, type PathwayAnswers, type PathwayRequest, type QuestionId } from './pathway.js';
import type { PathwayAnswersRepository, PathwayRepository, PathwayRequestRepository } from './pathway-repository.js';
import { rankPathways, type RankedPathway } from './ranking.js';
import { partialUpdate } from '../../../platform/store/partial-update.js';

/** What staff enter for a new pathway (status, ids and times are set here). */
export type PathwayInput = Omit<Pathway, '_id' | 'tenantId' | 'status' | 'createdAt' | 'updatedAt'>;

/** A saved pathway of a person, with the pathway if it still exists. */
export interface SavedPathway {
  request: PathwayRequest;
  pathway: Pathway | null;
  /** Withdrawn by staff or removed: shown as "no longer offered". */
  offered: boolean;
}

export const PATHWAY_REMINDER_JOB = 'pathway-reminder';
export const REMINDER_DELAY_DAYS = 7;

const EDITABLE: ReadonlyArray<keyof PathwayInput> = [
  'title', 'provider', 'kind', 'summary', 'fields', 'situations', 'requirements', 'teachesGermanTo', 'duration', 'pay',
  'partTimePossible', 'childcareFriendly', 'location', 'startsAt', 'nextStep', 'contact', 'translations',
];

/**
 * The pathway catalogue, the questionnaire's answers and "Meine Wege". The staff console calls the
 * catalogue methods (list/search, create, update, withdraw, saved counts); the chat the others.
 */
export class PathwayService {
  constructor(
    private readonly pathways: PathwayRepository,
    private readonly requests: PathwayRequestRepository,
    private readonly answers: PathwayAnswersRepository,
    private readonly clock: Clock,
  ) {}

  // ---- catalogue (staff console) ----

  /** Pathways of the tenant by title; `search` looks in title, provider, summary and district. */
  async list(tenantId: string, options: { status?: Pathway['status']; search?: string } = {}): Promise<Pathway[]> {
    const all = await this.pathways.list(tenantId, options.status);
    const words = (options.search ?? '').toLocaleLowerCase('de').split(/\s+/).filter(Boolean);
    if (words.length === 0) return all;
    return all.filter((pathway) => {
      const haystack = [pathway.title, pathway.provider, pathway.summary, pathway.location.district ?? '', pathway.kind, ...pathway.fields].join(' ').toLocaleLowerCase('de');
      return words.every((word) => haystack.includes(word));
    });
  }

  get(tenantId: string, id: string): Promise<Pathway | null> {
    return this.pathways.findById(tenantId, id);
  }

  /** Adds an active pathway; the schema rejects incomplete input (DocumentValidationError names the fields). */
  create(tenantId: string, input: PathwayInput, id = `pw-${randomBytes(5).toString('hex')}`): Promise<Pathway> {
    const now = this.clock();
    return this.pathways.insert({ ...input, _id: id, tenantId, status: 'active', createdAt: now, updatedAt: now });
  }

  /** Changes the given fields; null when there is no such pathway. */
  update(tenantId: string, id: string, changes: Partial<PathwayInput>): Promise<Pathway | null> {
    const update = partialUpdate(changes, EDITABLE, { updatedAt: this.clock() });
    return this.pathways.update(tenantId, id, update);
  }

  /** No longer offered: never shown in results; people who saved it see it marked. */
  withdraw(tenantId: string, id: string): Promise<Pathway | null> {
    return this.pathways.update(tenantId, id, { $set: { status: 'withdrawn', updatedAt: this.clock() } });
  }

  /** Offered again after a withdrawal. */
  reactivate(tenantId: string, id: string): Promise<Pathway | null> {
    return this.pathways.update(tenantId, id, { $set: { status: 'active', updatedAt: this.clock() } });
  }

  /** How many people saved each pathway ("Meine Wege"), by pathway id. */
  async savedCounts(tenantId: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const request of await this.requests.listForTenant(tenantId)) counts[request.pathwayId] = (counts[request.pathwayId] ?? 0) + 1;
    return counts;
  }

  /** The saved entries of one pathway (or of all), newest first. */
  listRequests(tenantId: string, pathwayId?: string): Promise<PathwayRequest[]> {
    return pathwayId ? this.requests.listForPathway(tenantId, pathwayId) : this.requests.listForTenant(tenantId);
  }

  hasCatalogue(tenantId: string): Promise<boolean> {
    return this.pathways.count(tenantId).then((count) => count > 0);
  }

  // ---- questionnaire and results (chat) ----

  getAnswers(tenantId: string, profileId: string): Promise<PathwayAnswers | null> {
    return this.answers.find(tenantId, profileId);
  }

  saveAnswers(tenantId: string, profileId: string, values: AnswerValues, skipped: readonly QuestionId[]): Promise<PathwayAnswers> {
    return this.answers.save(tenantId, profileId, { ...values, skipped: [...new Set(skipped)] }, this.clock());
  }

  unanswered(answers: Partial<PathwayAnswers> | null, questions: readonly QuestionId[]): QuestionId[] {
    return questions.filter((question) => !isAnswered(answers, question));
  }

  /** Active pathways of the tenant, best fit first. */
  async rank(tenantId: string, answers: AnswerValues): Promise<RankedPathway[]> {
    return rankPathways(await this.pathways.list(tenantId, 'active'), answers, this.clock());
  }

  /** An offered pathway (null when unknown or withdrawn). */
  async getOffered(tenantId: string, id: string): Promise<Pathway | null> {
    const pathway = await this.pathways.findById(tenantId, id);
    return pathway?.status === 'active' ? pathway : null;
  }

  save(tenantId: string, profileId: string, pathwayId: string): Promise<{ request: PathwayRequest; created: boolean }> {
    return this.requests.save(tenantId, profileId, pathwayId, this.clock());
  }

  unsave(tenantId: string, profileId: string, pathwayId: string): Promise<boolean> {
    return this.requests.remove(tenantId, profileId, pathwayId);
  }

  /** "Meine Wege", newest first; withdrawn or removed pathways are marked as no longer offered. */
  async saved(tenantId: string, profileId: string): Promise<SavedPathway[]> {
    const requests = await this.requests.listForProfile(tenantId, profileId);
    const pathways = new Map((await this.pathways.findByIds(tenantId, requests.map((request) => request.pathwayId))).map((pathway) => [pathway._id, pathway]));
    return requests.map((request) => {
      const pathway = pathways.get(request.pathwayId) ?? null;
      return { request, pathway, offered: pathway?.status === 'active' };
    });
  }

  /** Saves the pathway and records when to remind; the caller schedules the job. Returns the time. */
  async planReminder(tenantId: string, profileId: string, pathwayId: string, days = REMINDER_DELAY_DAYS): Promise<Date> {
    const remindAt = new Date(this.clock().getTime() + days * 86_400_000);
    await this.requests.save(tenantId, profileId, pathwayId, this.clock());
    await this.requests.setReminder(tenantId, profileId, pathwayId, remindAt);
    return remindAt;
  }

  /**
   * What the reminder job may send: the pathway, or null when the person, the saved entry or the
   * pathway is gone, or this reminder was already sent (the job may run twice).
   */
  async reminderDue(tenantId: string, profileId: string, pathwayId: string): Promise<Pathway | null> {
    const request = await this.requests.find(tenantId, profileId, pathwayId);
    if (!request?.remindAt) return null;
    if (request.remindedAt && request.remindedAt.getTime() >= request.remindAt.getTime()) return null;
    return this.getOffered(tenantId, pathwayId);
  }

  /**
   * Claims a due reminder and sends it with `send`: the job may run twice (agenda runs jobs at least
   * once, also at the same time), and only the run that claimed the reminder sends. When `send`
   * throws, the claim is given back so that the job's retry sends it. False: nothing to send.
   */
  async sendReminderOnce(tenantId: string, profileId: string, pathwayId: string, send: (pathway: Pathway) => Promise<void>): Promise<boolean> {
    const pathway = await this.reminderDue(tenantId, profileId, pathwayId);
    if (!pathway) return false;
    const now = this.clock();
    const claimed = await this.requests.claimReminder(tenantId, profileId, pathwayId, now);
    if (!claimed) return false;
    try {
      await send(pathway);
    } catch (error) {
      await this.requests.releaseReminder(tenantId, profileId, pathwayId, now);
      throw error;
    }
    return true;
  }
}
