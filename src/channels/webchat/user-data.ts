import type { Activity } from 'botbuilder-core';
import type { ActivityLog } from './activity-log.js';
import type { ConversationRepository, WebVisitor } from './conversation-repository.js';
import { conversationOfActivity } from './ids.js';
import type { FileRepository } from './file-repository.js';
import type { ConversationDoc } from './webchat-collections.js';

export interface WebChatUserExport {
  conversations: Array<{
    conversationId: string;
    createdAt: Date;
    start?: string;
    activities: Partial<Activity>[];
  }>;
  files: Array<{ id: string; name: string; contentType: string; createdAt: Date; expiresAt: Date }>;
}

export interface ErasedCounts {
  conversations: number;
  activities: number;
  files: number;
}

/**
 * Whose web chat data an export or erasure covers, within one tenant: the conversations of these web
 * users and the conversations with these ids. The ids matter after a first "delete me": the open
 * widget's conversation is detached from its user but keeps being written to (the person may consent
 * again right there), so only its id still leads to it. Ids of other tenants or channels are ignored.
 */
export interface WebChatSubject {
  tenantId: string;
  userIds: readonly string[];
  conversationIds: readonly string[];
  /** Activities that survive an erasure: the request to erase, which the open widget must see as sent. */
  keepActivityIds?: readonly string[];
}

/** "Export my data", "delete me" and retention for what the web chat stores about a web user. */
export class WebChatUserData {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly log: ActivityLog,
    private readonly files: FileRepository,
  ) {}

  exportUser(tenantId: string, userId: string): Promise<WebChatUserExport> {
    return this.exportSubject({ tenantId, userIds: [userId], conversationIds: [] });
  }

  async exportSubject(subject: WebChatSubject): Promise<WebChatUserExport> {
    const { tenantId, userIds } = normalized(subject);
    const conversations = await this.conversationsOf(subject);
    const files = await this.files.listFor(tenantId, userIds, conversations.map((c) => c._id));
    return {
      conversations: await Promise.all(
        conversations.map(async (c) => ({
          conversationId: c._id,
          createdAt: c.createdAt,
          ...(c.start === undefined ? {} : { start: c.start }),
          activities: await this.log.listAll(c._id),
        })),
      ),
      files: files.map((f) => ({ id: f._id, name: f.name, contentType: f.contentType, createdAt: f.createdAt, expiresAt: f.expiresAt })),
    };
  }

  eraseUser(tenantId: string, userId: string): Promise<ErasedCounts> {
    return this.eraseSubject({ tenantId, userIds: [userId], conversationIds: [] });
  }

  /**
   * "Delete me" (and retention of visitors without consent): every activity and file of the
   * subject's conversations. The conversation holding a kept activity (the request to erase, asked
   * in an open widget) stays as a shell with that one activity and its owner, so the widget shows
   * the request as sent and the confirmation; every other conversation is deleted. A later retention
   * run removes the shell once idle.
   */
  async eraseSubject(subject: WebChatSubject): Promise<ErasedCounts> {
    const { tenantId, userIds } = normalized(subject);
    const keep = subject.keepActivityIds ?? [];
    const owned = await this.conversationsOf(subject);
    for (const conversation of owned) if (conversation.nextSeq > 0) await this.conversations.raiseFloor(conversation._id, conversation.nextSeq);
    const ids = owned.map((c) => c._id);
    const activities = await this.log.deleteForConversations(ids, keep);
    const files = (await this.files.deleteForConversations(ids)) + (await this.files.deleteForUsers(tenantId, userIds));
    const shells = new Set(keep.map(conversationOfActivity));
    const conversations = await this.conversations.deleteMany(ids.filter((id) => !shells.has(id)));
    await this.conversations.forgetDetails(ids.filter((id) => shells.has(id)));
    return { conversations, activities, files };
  }

  conversationIdsOf(tenantId: string, userId: string): Promise<string[]> {
    return this.conversations.listForUser(tenantId, userId).then((list) => list.map((c) => c._id));
  }

  /** Visitors (not erased) with no activity in any of their conversations since `since`. */
  listIdleVisitors(since: Date): Promise<WebVisitor[]> {
    return this.conversations.listIdleVisitors(since);
  }

  /**
   * Retention: activities older than `date`, conversations idle since then (with all they hold; one
   * that never started counts from its creation), expired files.
   */
  async purgeOlderThan(date: Date): Promise<ErasedCounts> {
    const ids = (await this.conversations.listIdleSince(date)).map((c) => c._id);
    const conversations = await this.conversations.deleteMany(ids);
    const activities = (await this.log.deleteForConversations(ids)) + (await this.log.deleteOlderThan(date));
    const files = (await this.files.deleteForConversations(ids)) + (await this.files.deleteExpired());
    return { conversations, activities, files };
  }

  private conversationsOf(subject: WebChatSubject): Promise<ConversationDoc[]> {
    const { tenantId, userIds, conversationIds } = normalized(subject);
    return this.conversations.listForSubject(tenantId, userIds, conversationIds);
  }
}

function normalized(subject: WebChatSubject): WebChatSubject {
  return { tenantId: subject.tenantId, userIds: [...new Set(subject.userIds)], conversationIds: [...new Set(subject.conversationIds)] };
}
