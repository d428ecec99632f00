import type { DocumentStore, Filter } from '../../platform/store/document-store.js';
import { randomId } from './ids.js';
import { filesCollection, type FileDoc } from './webchat-collections.js';

export interface NewFile {
  tenantId: string;
  conversationId: string;
  userId: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface StoredFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** Short-lived downloads of files the bot generated (a data export), addressed by an unguessable id. */
export class FileRepository {
  private readonly files;

  constructor(
    store: DocumentStore,
    private readonly clock: () => Date,
    private readonly ttlMs: number,
  ) {
    this.files = store.collection<FileDoc>(filesCollection);
  }

  async save(input: NewFile): Promise<string> {
    const now = this.clock();
    const id = randomId();
    await this.files.insertOne({
      _id: id,
      tenantId: input.tenantId,
      conversationId: input.conversationId,
      userId: input.userId,
      name: input.name,
      contentType: input.contentType,
      data: input.bytes.toString('base64'),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.ttlMs),
    });
    return id;
  }

  /** The file, or null when unknown or expired (an expired one may still wait for the purge). */
  async get(id: string): Promise<StoredFile | null> {
    const doc = await this.files.findOne({ _id: id });
    if (!doc || new Date(doc.expiresAt).getTime() <= this.clock().getTime()) return null;
    return { name: doc.name, contentType: doc.contentType, bytes: Buffer.from(doc.data, 'base64') };
  }

  /** The tenant's files of these web users or of these conversations (without their content), oldest first. */
  async listFor(tenantId: string, userIds: readonly string[], conversationIds: readonly string[]): Promise<Array<Omit<FileDoc, 'data'>>> {
    const clauses: Filter[] = [];
    if (userIds.length > 0) clauses.push({ userId: { $in: userIds } });
    if (conversationIds.length > 0) clauses.push({ conversationId: { $in: conversationIds } });
    if (clauses.length === 0) return [];
    const docs = await this.files.find({ tenantId, $or: clauses }, { sort: { createdAt: 1 } });
    return docs.map(({ data: _data, ...meta }) => meta);
  }

  deleteForConversations(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return Promise.resolve(0);
    return this.files.deleteMany({ conversationId: { $in: ids } });
  }

  deleteForUsers(tenantId: string, userIds: readonly string[]): Promise<number> {
    if (userIds.length === 0) return Promise.resolve(0);
    return this.files.deleteMany({ tenantId, userId: { $in: userIds } });
  }

  deleteExpired(): Promise<number> {
    return this.files.deleteMany({ expiresAt: { $lte: this.clock() } });
  }
}
