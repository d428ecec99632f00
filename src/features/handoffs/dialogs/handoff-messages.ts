import type { Activity } from 'botbuilder-core';
import { actionButton } from '../../../bot/action-buttons.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { familyKey } from '../../../platform/i18n/translation-keys.js';
import type { HandoffMessage, HandoffRequest } from '../domain/handoff.js';

/** A staff member's reply in the person's chat, with "answer" (the reply deep link). */
export function staffReplyMessages(t: Translate, tenantName: string, request: HandoffRequest, message: HandoffMessage, replyLinkPrefix: string): Partial<Activity>[] {
  const topic = request.topic === 'other' && request.topicText ? request.topicText : t(familyKey('handoff:topic.', request.topic));
  const text = message.staffName
    ? t('handoff:staffReply', { staff: message.staffName, tenant: tenantName, topic, text: message.text })
    : t('handoff:staffReplyAnonymous', { tenant: tenantName, topic, text: message.text });
  return [{ type: 'message', text, suggestedActions: { to: [], actions: [actionButton(t('handoff:answerButton'), `${replyLinkPrefix}${request._id}`)] } }];
}
