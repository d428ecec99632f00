import { randomBytes } from 'node:crypto';
import type { Locale } from '../../../platform/config/config-types.js';
import type { Clock } from '../../../platform/clock.js';
import type { ChannelId } from '../../../foundation/profiles/profile.js';
import type { HandoffMessage, HandoffRequest, HandoffStatus, HandoffTopic, SharedAnswers, StaffAuthor } from './handoff.js';
import type { HandoffRepository } from './handoff-repository.js';
import { HANDOFF_TEXT_MAX } from './handoff-schema.js';

/** Delivers a staff reply into the person's chat (implemented with the proactive messenger). */
export type DeliverStaffReply = (request: HandoffRequest, message: HandoffMessage) => Promise<'sent' | 'unreachable'>;

/** What became of a staff reply: sent, the person cannot be reached, or sending broke (the reply is saved). */
export type HandoffDelivery = 'sent' | 'unreachable' | 'failed';

export interface NewHandoff {
  tenantId: string;
  profileId: string;
  topic: HandoffTopic;
  topicText?: string;
  pathwayId?: string;
  /** The person's first message; kept only with consent to share. */
  message?: string;
  consentToShare: boolean;
  sharedAnswers?: SharedAnswers;
  channel: ChannelId;
  language: Locale;
}

/** Longest message a person can send from the chat (staff may write up to HANDOFF_TEXT_MAX). */
export const HANDOFF_PERSON_TEXT_MAX = 2000;
/** A person's messages are refused once a thread has this many messages: a new request starts afresh. */
export const HANDOFF_MESSAGES_MAX = 200;
/** Requests one person may have waiting (open or claimed) at the same time. */
export const HANDOFF_OPEN_MAX = 3;

export class HandoffError extends Error {
  override name = 'HandoffError';
  constructor(readonly code: 'not-found' | 'claimed-by-other' | 'empty-text' | 'text-too-long' | 'thread-full' | 'too-many-open') {
    super(code);
  }
}

/** Cleans a message text: trimmed, not empty, not longer than allowed. */
export function handoffText(text: string, max = HANDOFF_TEXT_MAX): string {
  const trimmed = text.trim();
  if (!trimmed) throw new HandoffError('empty-text');
  if (trimmed.length > max) throw new HandoffError('text-too-long');
  return trimmed;
}

/** Called after a request was created (e.g. to alert staff); its failure never fails the request. */
export type HandoffCreated = (request: HandoffRequest) => Promise<void> | void;

/**
 * "Talk to a person": the chat creates requests and adds the person's answers; the staff console
 * lists, claims, replies to and closes them. A staff reply goes to the person's chat at once.
 */
export class HandoffService {
  constructor(
    private readonly repository: HandoffRepository,
    private readonly clock: Clock,
    private readonly deliver: DeliverStaffReply,
    private readonly onCreated: HandoffCreated = () => undefined,
    private readonly onCreatedError: (error: unknown) => void = () => undefined,
    private readonly onDeliveryFailed: (error: unknown, request: HandoffRequest) => void = () => undefined,
  ) {}

  /** A new request; refused ('too-many-open') while the person has HANDOFF_OPEN_MAX waiting ones. */
  async create(input: NewHandoff): Promise<HandoffRequest> {
    const now = this.clock();
    const message = input.consentToShare && input.message?.trim() ? handoffText(input.message, HANDOFF_PERSON_TEXT_MAX) : undefined;
    if ((await this.openForProfile(input.tenantId, input.profileId)).length >= HANDOFF_OPEN_MAX) throw new HandoffError('too-many-open');
    const request = await this.repository.insert({
      _id: `ho-${randomBytes(5).toString('hex')}`,
      tenantId: input.tenantId,
      profileId: input.profileId,
      topic: input.topic,
      ...(input.topicText && input.consentToShare ? { topicText: input.topicText.trim().slice(0, 300) } : {}),
      ...(input.pathwayId ? { pathwayId: input.pathwayId } : {}),
      messages: message ? [{ from: 'person', text: message, at: now }] : [],
      consentToShare: input.consentToShare,
      ...(input.consentToShare && input.sharedAnswers ? { sharedAnswers: input.sharedAnswers } : {}),
      channel: input.channel,
      language: input.language,
      status: 'open',
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.onCreated(request);
    } catch (error) {
      this.onCreatedError(error);
    }
    return request;
  }

  /** The person's requests that wait for staff or are being handled (open, claimed), newest first. */
  async openForProfile(tenantId: string, profileId: string): Promise<HandoffRequest[]> {
    return (await this.repository.listForProfile(tenantId, profileId)).filter((request) => request.status !== 'closed');
  }

  /** Requests waiting for staff: open ones, and claimed ones unless `includeClaimed` is false; oldest first (at most `limit`). */
  listOpen(tenantId: string, options: { includeClaimed?: boolean; limit?: number } = {}): Promise<HandoffRequest[]> {
    return this.repository.listByStatus(tenantId, options.includeClaimed === false ? ['open'] : ['open', 'claimed'], options.limit);
  }

  /** How many requests wait for staff (open or claimed). */
  countOpen(tenantId: string): Promise<number> {
    return this.repository.countByStatus(tenantId, ['open', 'claimed']);
  }

  list(tenantId: string, statuses: readonly HandoffStatus[] = ['open', 'claimed', 'closed']): Promise<HandoffRequest[]> {
    return this.repository.listByStatus(tenantId, statuses);
  }

  get(tenantId: string, id: string): Promise<HandoffRequest | null> {
    return this.repository.findById(tenantId, id);
  }

  listForProfile(tenantId: string, profileId: string): Promise<HandoffRequest[]> {
    return this.repository.listForProfile(tenantId, profileId);
  }

  /** Takes an open request; taking one's own again is fine, one claimed by someone else is refused. */
  async claim(tenantId: string, id: string, staffId: string): Promise<HandoffRequest> {
    const now = this.clock();
    const claimed = await this.repository.update(tenantId, id, { $set: { status: 'claimed', claimedBy: staffId, claimedAt: now, updatedAt: now } }, { status: 'open' });
    if (claimed) return claimed;
    const current = await this.repository.findById(tenantId, id);
    if (!current) throw new HandoffError('not-found');
    if (current.claimedBy === staffId && current.status === 'claimed') return current;
    if (current.status === 'closed') {
      const reopened = await this.repository.update(tenantId, id, { $set: { status: 'claimed', claimedBy: staffId, claimedAt: now, updatedAt: now }, $unset: { closedAt: true } }, { status: 'closed' });
      if (reopened) return reopened;
    }
    throw new HandoffError('claimed-by-other');
  }

  /**
   * Adds the staff reply to the thread and sends it into the person's chat (on the web chat it waits
   * in the conversation for the next visit). An open request becomes claimed by the author; a closed
   * one is reopened. `delivery` is 'unreachable' when the person deleted themselves or blocked the bot,
   * and 'failed' when sending broke: the reply is saved in the thread all the same, so it must not be
   * sent again by hand (nothing retries it).
   */
  async reply(tenantId: string, id: string, staff: StaffAuthor, text: string): Promise<{ request: HandoffRequest; delivery: HandoffDelivery }> {
    const now = this.clock();
    const message: HandoffMessage = { from: 'staff', text: handoffText(text), at: now, staffName: staff.name.trim().slice(0, 120) || undefined };
    if (!message.staffName) delete message.staffName;
    const current = await this.repository.findById(tenantId, id);
    if (!current) throw new HandoffError('not-found');
    const takeOver = current.status !== 'claimed' ? { status: 'claimed', claimedBy: staff.id, claimedAt: now } : {};
    const updated = await this.repository.update(tenantId, id, { $push: { messages: message }, $set: { ...takeOver, updatedAt: now }, ...(current.closedAt ? { $unset: { closedAt: true } } : {}) });
    if (!updated) throw new HandoffError('not-found');
    try {
      return { request: updated, delivery: await this.deliver(updated, message) };
    } catch (error) {
      this.onDeliveryFailed(error, updated);
      return { request: updated, delivery: 'failed' };
    }
  }

  async close(tenantId: string, id: string, staffId: string): Promise<HandoffRequest> {
    const now = this.clock();
    const current = await this.repository.findById(tenantId, id);
    if (!current) throw new HandoffError('not-found');
    const closed = await this.repository.update(tenantId, id, { $set: { status: 'closed', closedAt: now, updatedAt: now, ...(current.claimedBy ? {} : { claimedBy: staffId }) } });
    return closed!;
  }

  /**
   * The person answers in their chat (or adds a new concern to a waiting request); a closed request
   * opens again so that staff see the answer. Refused ('thread-full') once the thread is long.
   */
  async addPersonMessage(tenantId: string, profileId: string, id: string, text: string): Promise<HandoffRequest> {
    const now = this.clock();
    const cleaned = handoffText(text, HANDOFF_PERSON_TEXT_MAX);
    const current = await this.repository.findById(tenantId, id);
    if (!current || current.profileId !== profileId) throw new HandoffError('not-found');
    if (current.messages.length >= HANDOFF_MESSAGES_MAX) throw new HandoffError('thread-full');
    const reopen = current.status === 'closed' ? { status: current.claimedBy ? 'claimed' : 'open' } : {};
    const updated = await this.repository.update(
      tenantId,
      id,
      { $push: { messages: { from: 'person', text: cleaned, at: now } }, $set: { ...reopen, updatedAt: now }, ...(current.closedAt ? { $unset: { closedAt: true } } : {}) },
      { profileId },
    );
    if (!updated) throw new HandoffError('not-found');
    return updated;
  }
}
