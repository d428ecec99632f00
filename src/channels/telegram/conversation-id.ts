/**
 * A Telegram conversation is `${tenantId}:${chatId}`: one bot per municipality, and chat ids are only
 * unique per bot. Proactive messages find the chat again from a stored reference through this.
 */

export function conversationIdOf(tenantId: string, chatId: number | string): string {
  return `${tenantId}:${chatId}`;
}

/** The chat id in `conversationId`, or null if the id is not one of this tenant's Telegram chats. */
export function chatIdOf(tenantId: string, conversationId: string | undefined): number | null {
  const prefix = `${tenantId}:`;
  if (!conversationId?.startsWith(prefix)) return null;
  const rest = conversationId.slice(prefix.length);
  // Chat ids are integers up to 52 bits, negative for groups (Bot API).
  if (!/^-?\d{1,16}$/.test(rest)) return null;
  const chatId = Number(rest);
  return Number.isSafeInteger(chatId) ? chatId : null;
}
