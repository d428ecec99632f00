import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder-core';
import { Schema } from 'mongoose';
import {
  DuplicateKeyError,
  type CollectionDefinition,
  type DocumentCollection,
  type StoredDocument,
} from '../platform/store/document-store.js';

/**
 * Dialog state in the document store, with botbuilder's optimistic concurrency (as MemoryStorage):
 * an item written with the eTag it was read with only replaces that version; '*' or no eTag
 * overwrites. The item is kept as a JSON string, so state property names never meet the field-name
 * rules of NeDB or MongoDB ("$", ".").
 */
export interface BotStateDocument extends StoredDocument {
  /** The storage key, e.g. "telegram/conversations/dortmund:42/". */
  _id: string;
  /** Set for conversation and private-conversation state, so "delete me" finds it. */
  conversationId?: string;
  eTag: string;
  data: string;
  updatedAt: Date;
}

export function botStateDefinition(): CollectionDefinition {
  const schema = new Schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      conversationId: String,
      eTag: { type: String, required: true },
      data: { type: String, required: true },
      updatedAt: { type: Date, required: true },
    },
    { versionKey: false },
  );
  return { name: 'bot_state', schema, indexes: [{ fields: { conversationId: 1 } }] };
}

/** A write whose eTag is not the stored one: another turn changed the state first. */
export class ETagConflictError extends Error {
  override name = 'ETagConflictError';
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

// botbuilder keys: "<channel>/conversations/<conversationId>/<namespace>" (ConversationState) and
// "<channel>/conversations/<conversationId>/users/<userId>/<namespace>" (PrivateConversationState).
const CONVERSATION_KEY = /^[^/]+\/conversations\/([^/]+)(?:\/|$)/;

export function conversationIdOfKey(key: string): string | undefined {
  return CONVERSATION_KEY.exec(key)?.[1];
}

/** Conversation ids in this project are "<tenantId>:<rest>". */
export function tenantOfKey(key: string): string {
  const conversationId = conversationIdOfKey(key);
  const colon = conversationId?.indexOf(':') ?? -1;
  return conversationId !== undefined && colon > 0 ? conversationId.slice(0, colon) : 'unknown';
}

export class DocumentStateStorage implements Storage {
  constructor(private readonly states: DocumentCollection<BotStateDocument>) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    for (const doc of await this.states.find({ _id: { $in: keys } })) {
      items[doc._id] = { ...(JSON.parse(doc.data) as StoreItem), eTag: doc.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.entries(changes).map(([key, item]) => this.writeItem(key, (item ?? {}) as StoreItem)));
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.states.deleteMany({ _id: { $in: keys } });
  }

  /** Retention: state of conversations nobody has touched since `date`. */
  purgeOlderThan(date: Date): Promise<number> {
    return this.states.deleteMany({ updatedAt: { $lt: date } });
  }

  /** Conversation state of these conversations as stored, for "export my data". */
  async exportConversations(conversationIds: readonly string[]): Promise<Array<{ key: string; updatedAt: Date; state: unknown }>> {
    if (conversationIds.length === 0) return [];
    const docs = await this.states.find({ conversationId: { $in: conversationIds } }, { sort: { updatedAt: 1 } });
    return docs.map((doc) => ({ key: doc._id, updatedAt: doc.updatedAt, state: JSON.parse(doc.data) as unknown }));
  }

  /** Deletes all conversation state (shared and private) of these conversations; returns how many items. */
  async deleteConversations(conversationIds: readonly string[]): Promise<number> {
    if (conversationIds.length === 0) return 0;
    return this.states.deleteMany({ conversationId: { $in: conversationIds } });
  }

  private async writeItem(key: string, item: StoreItem): Promise<void> {
    const { eTag, ...state } = item;
    const conversationId = conversationIdOfKey(key);
    const fields = {
      tenantId: tenantOfKey(key),
      ...(conversationId === undefined ? {} : { conversationId }),
      eTag: randomUUID(),
      data: JSON.stringify(state),
      updatedAt: new Date(),
    };
    if (eTag === undefined || eTag === '*' || eTag === '') {
      await this.states.updateOne({ _id: key }, { $set: fields }, { upsert: true });
    } else if (!(await this.states.updateOne({ _id: key, eTag: String(eTag) }, { $set: fields }))) {
      // Atomic compare-and-set failed: either the item is gone (then create it, as MemoryStorage
      // does) or another turn changed it.
      try {
        await this.states.insertOne({ _id: key, ...fields });
      } catch (error) {
        if (error instanceof DuplicateKeyError) throw new ETagConflictError(key);
        throw error;
      }
    }
    // The caller's object now carries the stored version, so a later save in the same turn matches.
    item.eTag = fields.eTag;
  }
}
