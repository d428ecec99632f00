import type { DataSubject, PersonalDataSource } from '../foundation/privacy/personal-data.js';
import type { DocumentStateStorage } from './state-storage.js';

/** Dialog state (answers of an unfinished dialog, the chosen language) is the person's data too. */
export function dialogStateDataSource(storage: DocumentStateStorage): PersonalDataSource {
  return {
    section: 'conversationState',
    async export(subject: DataSubject) {
      return storage.exportConversations(subject.conversationIds);
    },
    async erase(subject: DataSubject) {
      await storage.deleteConversations(subject.conversationIds);
    },
  };
}
