import type { Message } from 'grammy/types';

/**
 * Names what a person sent, so that the bot can answer "I only understand text and buttons" to a
 * sticker or a voice note. Service messages (someone joined a group, a pinned message...) are
 * nobody talking to the bot and produce no turn.
 */

const CONTENT_KINDS = [
  'text',
  'photo',
  'sticker',
  'voice',
  'video',
  'video_note',
  'audio',
  'document',
  'animation',
  'location',
  'venue',
  'contact',
  'poll',
  'dice',
  'game',
  'story',
  'invoice',
  'paid_media',
] as const;

const SERVICE_FIELDS = [
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'new_chat_photo',
  'delete_chat_photo',
  'group_chat_created',
  'supergroup_chat_created',
  'channel_chat_created',
  'message_auto_delete_timer_changed',
  'migrate_to_chat_id',
  'migrate_from_chat_id',
  'pinned_message',
  'successful_payment',
  'refunded_payment',
  'users_shared',
  'chat_shared',
  'connected_website',
  'write_access_allowed',
  'proximity_alert_triggered',
  'boost_added',
  'chat_background_set',
  'forum_topic_created',
  'forum_topic_edited',
  'forum_topic_closed',
  'forum_topic_reopened',
  'general_forum_topic_hidden',
  'general_forum_topic_unhidden',
  'giveaway_created',
  'giveaway',
  'giveaway_winners',
  'giveaway_completed',
  'video_chat_scheduled',
  'video_chat_started',
  'video_chat_ended',
  'video_chat_participants_invited',
] as const;

export interface MessageKind {
  kind: string;
  /** True for service messages, which produce no turn. */
  service: boolean;
}

export function messageKind(message: Message): MessageKind {
  const fields = message as unknown as Record<string, unknown>;
  const content = CONTENT_KINDS.find((kind) => fields[kind] !== undefined);
  if (content) return { service: false, kind: content };
  const service = SERVICE_FIELDS.find((field) => fields[field] !== undefined);
  if (service) return { service: true, kind: service };
  // A content type newer than this list: still somebody talking to the bot.
  return { service: false, kind: 'unsupported' };
}
