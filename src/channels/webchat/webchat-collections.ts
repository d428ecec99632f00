import { Schema } from 'mongoose';
import type { CollectionDefinition, StoredDocument } from '../../platform/store/document-store.js';

/**
 * What the web chat keeps in the store, so that several instances share conversations and a restart
 * loses nothing. Documents stay small: an activity is one JSON string, not a nested document.
 */

export interface ConversationDoc extends StoredDocument {
  /** `${tenantId}:${random}` */
  _id: string;
  userId: string;
  createdAt: Date;
  /** When the bot was told about the conversation (conversationUpdate); unset until the first start. */
  startedAt?: Date;
  /** Deep-link payload the conversation was created with. */
  start?: string;
  locale?: string;
  /** Last allocated activity sequence number (0: none yet). Incremented atomically. */
  nextSeq: number;
  /**
   * Activities up to this sequence number may have been deleted (erasure, retention): a gap at or
   * below it is not an activity still being written, so a poll need not wait for it.
   */
  floorSeq?: number;
  lastActivityAt: Date;
  /** Characters of the visitor's own activities stored so far (bounded by VisitorLimits.conversationChars). */
  userChars?: number;
  /** Set while the greeting's turn has not finished (renewed while it runs): a crash leaves it for UnansweredTurns. */
  startPendingAt?: Date;
  /** How often recovery has taken the greeting up again. */
  startAttempts?: number;
}

export interface ActivityDoc extends StoredDocument {
  /** `${conversationId}|${seq}`, also the activity id the client sees (except for update copies). */
  _id: string;
  conversationId: string;
  seq: number;
  /** The activity as JSON: opaque to the store, so no Mongo key rules apply to its content. */
  json: string;
  createdAt: Date;
  /** A visitor's activity whose turn has not finished yet: when it was accepted, last renewed while running, or claimed by recovery. */
  turnPendingAt?: Date;
  /** How often recovery has taken this turn up again. */
  turnAttempts?: number;
}

export interface FileDoc extends StoredDocument {
  _id: string;
  conversationId: string;
  userId: string;
  name: string;
  contentType: string;
  /** base64 */
  data: string;
  createdAt: Date;
  expiresAt: Date;
}

const plain = { versionKey: false } as const;

export const conversationsCollection: CollectionDefinition = {
  name: 'webchat_conversations',
  schema: new Schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      userId: { type: String, required: true, maxlength: 100 },
      createdAt: { type: Date, required: true },
      startedAt: { type: Date },
      start: { type: String, maxlength: 64 },
      locale: { type: String, maxlength: 20 },
      nextSeq: { type: Number, required: true, min: 0 },
      floorSeq: { type: Number, min: 0 },
      lastActivityAt: { type: Date, required: true },
      userChars: { type: Number, min: 0 },
      startPendingAt: { type: Date },
      startAttempts: { type: Number, min: 0 },
    },
    plain,
  ),
  indexes: [{ fields: { tenantId: 1, userId: 1 } }, { fields: { lastActivityAt: 1 } }, { fields: { startPendingAt: 1 } }],
};

export const activitiesCollection: CollectionDefinition = {
  name: 'webchat_activities',
  schema: new Schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      conversationId: { type: String, required: true },
      seq: { type: Number, required: true, min: 1 },
      json: { type: String, required: true },
      createdAt: { type: Date, required: true },
      turnPendingAt: { type: Date },
      turnAttempts: { type: Number, min: 0 },
    },
    plain,
  ),
  indexes: [{ fields: { conversationId: 1, seq: 1 }, unique: true }, { fields: { createdAt: 1 } }, { fields: { turnPendingAt: 1 } }],
};

export const filesCollection: CollectionDefinition = {
  name: 'webchat_files',
  schema: new Schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      conversationId: { type: String, required: true },
      userId: { type: String, required: true },
      name: { type: String, required: true, maxlength: 200 },
      contentType: { type: String, required: true, maxlength: 200 },
      data: { type: String, required: true },
      createdAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
    },
    plain,
  ),
  indexes: [{ fields: { conversationId: 1 } }, { fields: { expiresAt: 1 } }],
};
