import type { Dialog } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import type { JourneyRegistry } from '../../../bot/journey-registry.js';
import { STAFF_LINK_PREFIX, type StaffChatLinks } from '../domain/staff-chat-links.js';
import { TOPIC_OFF_PREFIX } from '../delivery/broadcast-keyboard.js';
import { TOPIC_OFF_DIALOG, topicOffDialog, type TopicOffOptions } from './topic-off-dialog.js';
import { STAFF_CHAT_LINK_DIALOG, staffChatLinkDialog, type StaffChatLinkOptions } from './staff-chat-link-dialog.js';

/**
 * The citizen side of broadcasts: "unsubscribe topic" under every announcement, and the link that
 * connects a staff member's chat for test sends. ("Announcement topics" in "My profile" belongs to
 * the profile dialog, so it exists without this feature too.)
 */
export function broadcastChatDialogs(deps: BotDeps, links: StaffChatLinks): Dialog[] {
  return [...topicOffDialog(deps), ...staffChatLinkDialog(deps, links)];
}

/** Deep links `topic-off-<topic>` (the broadcast's button) and `staff-link-<code>` (from the console). */
export function registerBroadcastChatJourneys(journeys: JourneyRegistry): void {
  journeys
    .addDeepLink({ prefix: TOPIC_OFF_PREFIX, dialogId: TOPIC_OFF_DIALOG, options: (rest) => ({ topic: rest }) satisfies TopicOffOptions })
    .addDeepLink({ prefix: STAFF_LINK_PREFIX, dialogId: STAFF_CHAT_LINK_DIALOG, options: (rest) => ({ code: rest }) satisfies StaffChatLinkOptions });
}
