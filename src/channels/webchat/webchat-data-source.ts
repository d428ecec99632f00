import type { DataSubject, PersonalDataSource } from '../../domain/privacy/personal-data.js';
import type { WebChatChannel } from './webchat-channel.js';

/** The web chat's transcripts and downloads are the person's data: exported and erased with the rest. */
export function webChatDataSource(webchat: Pick<WebChatChannel, 'exportUser' | 'eraseUser'>): PersonalDataSource {
  const webUsers = (subject: DataSubject): string[] => [
    ...new Set(subject.accounts.filter((a) => a.channel === 'webchat' && a.tenantId === subject.tenantId).map((a) => a.accountId)),
  ];
  return {
    section: 'webChat',
    async export(subject) {
      const users = [];
      for (const userId of webUsers(subject)) {
        const data = await webchat.exportUser(subject.tenantId, userId);
        if (data.files.length > 0 || data.conversations.some((c) => c.activities.length > 0)) users.push({ userId, ...data });
      }
      return users.length > 0 ? users : null;
    },
    async erase(subject) {
      for (const userId of webUsers(subject)) await webchat.eraseUser(subject.tenantId, userId);
    },
  };
}
