import { randomBytes } from 'node:crypto';
import type { Locale } from '../../config/config-types.js';
import type { Clock } from '../profiles/profile-service.js';
import type { ChannelId } from '../profiles/profile.js';
import type { HandoffMessage, HandoffRequest, HandoffStatus, HandoffTopic, SharedAnswers, StaffAuthor } from './handoff.js';
import type { HandoffRepository } from './handoff-repository.js';
import { HANDOFF_TEXT_MAX } from './handoff-schema.js';

/** Delivers a staff reply into the person's chat (implemented with the proactive messenger). */
export type DeliverStaffReply = (request: HandoffRequest, message: HandoffMessage) => Promise<'sent' | 'unreachable'>;

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

export class HandoffError extends Error {
  override name = 'HandoffError';
  constructor(readonly code: 'not-found' | 'claimed-by-other' | 'empty-text' | 'text-too-long') {
    super(code);
  }
}

/** Cleans a message text: trimmed, not empty, not longer than a thread allows. */
export function handoffText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new HandoffError('empty-text');
  if (trimmed.length > HANDOFF_TEXT_MAX) throw new HandoffError('text-too-long');
  return trimmed;
}

/**
 * "Talk to a person": the chat creates requests and adds the person's answers; the staff console
 * lists, claims, replies to and closes them. A staff reply goes to the person's chat at once.
 */
export class HandoffService {
  constructor(
    private readonly repository: HandoffRepository,
    private readonly clock: Clock,
    private readonly deliver: DeliverStaffReply,
  ) {}

  async create(input: NewHandoff): Promise<HandoffRequest> {
    const now = this.clock();
    const message = input.consentToShare && input.message?.trim() ? handoffText(input.message) : undefined;
    return this.repository.insert({
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
  }

  /** Requests waiting for staff: open ones, and claimed ones unless `includeClaimed` is false; oldest first. */
  listOpen(tenantId: string, options: { includeClaimed?: boolean } = {}): Promise<HandoffRequest[]> {
    return this.repository.listByStatus(tenantId, options.includeClaimed === false ? ['open'] : ['open', 'claimed']);
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
   * one is reopened. `delivery` is 'unreachable' when the person deleted themselves or blocked the bot.
   */
  async reply(tenantId: string, id: string, staff: StaffAuthor, text: string): Promise<{ request: HandoffRequest; delivery: 'sent' | 'unreachable' }> {
    const now = this.clock();
    const message: HandoffMessage = { from: 'staff', text: handoffText(text), at: now, staffName: staff.name.trim().slice(0, 120) || undefined };
    if (!message.staffName) delete message.staffName;
    const current = await this.repository.findById(tenantId, id);
    if (!current) throw new HandoffError('not-found');
    const takeOver = current.status !== 'claimed' ? { status: 'claimed', claimedBy: staff.id, claimedAt: now } : {};
    const updated = await this.repository.update(tenantId, id, { $push: { messages: message }, $set: { ...takeOver, updatedAt: now }, ...(current.closedAt ? { $unset: { closedAt: true } } : {}) });
    if (!updated) throw new HandoffError('not-found');
    const delivery = await this.deliver(updated, message);
    return { request: updated, delivery };
  }

  async close(tenantId: string, id: string, staffId: string): Promise<HandoffRequest> {
    const now = this.clock();
    const current = await this.repository.findById(tenantId, id);
    if (!current) throw new HandoffError('not-found');
    const closed = await this.repository.update(tenantId, id, { $set: { status: 'closed', closedAt: now, updatedAt: now, ...(current.claimedBy ? {} : { claimedBy: staffId }) } });
    return closed!;
  }

  /** The person answers in their chat; a closed request opens again so that staff see the answer. */
  async addPersonMessage(tenantId: string, profileId: string, id: string, text: string): Promise<HandoffRequest> {
    const now = this.clock();
    const current = await this.repository.findById(tenantId, id);
    if (!current || current.profileId !== profileId) throw new HandoffError('not-found');
    const reopen = current.status === 'closed' ? { status: current.claimedBy ? 'claimed' : 'open' } : {};
    const updated = await this.repository.update(
      tenantId,
      id,
      { $push: { messages: { from: 'person', text: handoffText(text), at: now } }, $set: { ...reopen, updatedAt: now }, ...(current.closedAt ? { $unset: { closedAt: true } } : {}) },
      { profileId },
    );
    if (!updated) throw new HandoffError('not-found');
    return updated;
  }
}
