import type { DataSubject, PersonalDataSource } from '../../foundation/privacy/personal-data.js';
import type { WebChatChannel } from './webchat-channel.js';

/**
 * The web chat's transcripts and downloads are the person's data: exported and erased with the rest.
 * Covers the conversations of the subject's web chat accounts and the subject's conversation ids of
 * this tenant; the message that asked for the erasure stays for the open widget.
 */
export function webChatDataSource(webchat: Pick<WebChatChannel, 'exportSubject' | 'eraseSubject'>): PersonalDataSource {
  const selection = (subject: DataSubject) => ({
    tenantId: subject.tenantId,
    userIds: subject.accounts.filter((a) => a.channel === 'webchat' && a.tenantId === subject.tenantId).map((a) => a.accountId),
    conversationIds: subject.conversationIds,
  });
  return {
    section: 'webChat',
    async export(subject) {
      const data = await webchat.exportSubject(selection(subject));
      return data.files.length > 0 || data.conversations.some((c) => c.activities.length > 0) ? data : null;
    },
    async erase(subject) {
      await webchat.eraseSubject({ ...selection(subject), keepActivityIds: subject.keepActivityIds ?? [] });
    },
  };
}
