import type { Activity } from 'botbuilder-core';
import type { ActivityLog } from './activity-log.js';
import type { ConversationRepository } from './conversation-repository.js';
import type { FileRepository } from './file-repository.js';

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

/** "Export my data", "delete me" and retention for what the web chat stores about a web user. */
export class WebChatUserData {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly log: ActivityLog,
    private readonly files: FileRepository,
  ) {}

  async exportUser(tenantId: string, userId: string): Promise<WebChatUserExport> {
    const conversations = await this.conversations.listForUser(tenantId, userId);
    const files = await this.files.listForUser(tenantId, userId);
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

  /**
   * "Delete me": every activity and file of the person's conversations, and the link from the
   * conversations to the person. The conversations stay as ownerless shells (ids and counters),
   * because "delete me" runs inside a turn of one of them and confirms there, and an open widget
   * keeps polling it; retention removes the shells once idle. `conversations` counts the detached ones.
   */
  async eraseUser(tenantId: string, userId: string): Promise<ErasedCounts> {
    const owned = await this.conversations.listForUser(tenantId, userId);
    for (const conversation of owned) await this.conversations.raiseFloor(conversation._id, conversation.nextSeq);
    const ids = owned.map((c) => c._id);
    const activities = await this.log.deleteForConversations(ids);
    const files = (await this.files.deleteForConversations(ids)) + (await this.files.deleteForUser(tenantId, userId));
    const conversations = await this.conversations.detachForErasure(ids);
    return { conversations, activities, files };
  }

  conversationIdsOf(tenantId: string, userId: string): Promise<string[]> {
    return this.conversations.listForUser(tenantId, userId).then((list) => list.map((c) => c._id));
  }

  /** Retention: activities older than `date`, conversations idle since then (with all they hold), expired files. */
  async purgeOlderThan(date: Date): Promise<ErasedCounts> {
    const ids = (await this.conversations.listIdleSince(date)).map((c) => c._id);
    const conversations = await this.conversations.deleteMany(ids);
    const activities = (await this.log.deleteForConversations(ids)) + (await this.log.deleteOlderThan(date));
    const files = (await this.files.deleteForConversations(ids)) + (await this.files.deleteExpired());
    return { conversations, activities, files };
  }
}
