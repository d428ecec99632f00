import type { Locale } from '../platform/config/config-types.js';

/**
 * Bot-owned state of one conversation, persisted with the dialog stack. `version` marks its shape
 * and the dialogs' step layout: a conversation saved by an older release is reset to the menu with
 * a friendly word instead of resuming a step that no longer exists.
 */
export const CONVERSATION_STATE_VERSION = 1;

export interface ConversationData {
  version: number;
  /** Language chosen in this chat (before consent it lives only here, not in a profile). */
  locale?: Locale;
  /** Sequence number of the newest set of buttons sent; older buttons are stale. */
  buttonSeq: number;
  /** The newest buttons were already answered (by a press or by typing). */
  buttonConsumed: boolean;
  /** The last accepted press, to ignore its double click silently. */
  lastPress?: { seq: number; text: string };
}

export function freshConversationData(): ConversationData {
  return { version: CONVERSATION_STATE_VERSION, buttonSeq: 0, buttonConsumed: true };
}
