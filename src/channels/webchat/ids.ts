import { randomBytes } from 'node:crypto';

/**
 * Unguessable, URL-safe identifiers. 18 random bytes (144 bits) cannot be enumerated, so an id that
 * leaks into a URL (a download link, a conversation id) is still a capability only its holder has.
 */
export function randomId(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

export function newConversationId(tenantId: string): string {
  return `${tenantId}:${randomId()}`;
}

/** Web users are random ids behind a signed ticket; the "dl_" prefix is Direct Line's own, so avoid it. */
export function newWebUserId(): string {
  return `web-${randomId(16)}`;
}

export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${seq}`;
}

/** The conversation an activity id of this log belongs to (the part before the last "|"). */
export function conversationOfActivity(id: string): string {
  const bar = id.lastIndexOf('|');
  return bar > 0 ? id.slice(0, bar) : id;
}
