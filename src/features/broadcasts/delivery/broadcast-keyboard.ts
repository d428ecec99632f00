import type { Broadcast, Delivery } from '../domain/broadcast.js';
import type { AnnouncementButton } from '../../../channels/announcement-port.js';

/** Deep-link payload of the broadcast's button: counts the press, then opens the journey. */
export const CLICK_PAYLOAD_PREFIX = 'bclick-';
/** Deep-link payload of "unsubscribe this topic" (the chat journey of the topics dialog). */
export const TOPIC_OFF_PREFIX = 'topic-off-';

export interface BroadcastButtons {
  /** The button's title in the recipient's language, if the broadcast has a button. */
  label?: string;
  unsubscribeLabel: string;
  /** The counting redirect for a web link, when the service knows its public address. */
  clickUrl?: string;
}

/** The broadcast's button (a link or a journey) and "unsubscribe topic", in this order, for any channel to draw. */
export function announcementButtons(broadcast: Pick<Broadcast, 'button' | 'topic'>, delivery: Pick<Delivery, '_id'>, buttons: BroadcastButtons): AnnouncementButton[] {
  const result: AnnouncementButton[] = [];
  if (broadcast.button && buttons.label) {
    result.push(
      broadcast.button.kind === 'url'
        ? { kind: 'url', label: buttons.label, url: buttons.clickUrl ?? broadcast.button.target }
        : { kind: 'deep-link', label: buttons.label, payload: `${CLICK_PAYLOAD_PREFIX}${delivery._id}` },
    );
  }
  result.push({ kind: 'deep-link', label: buttons.unsubscribeLabel, payload: `${TOPIC_OFF_PREFIX}${broadcast.topic}` });
  return result;
}
