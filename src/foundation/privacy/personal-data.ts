import type { AccountKey } from '../profiles/profile.js';

/** Everyone and everything a request for export or erasure concerns. */
export interface DataSubject {
  tenantId: string;
  profileId: string | null;
  accounts: AccountKey[];
  /** Chat conversations of these accounts (Telegram chat, web chat visits). */
  conversationIds: string[];
  /**
   * Messages that asked for this erasure (a "delete me" or "no" press). They stay, without anything
   * else, so that the chat that is still open can show them as sent and show the confirmation.
   */
  keepActivityIds?: string[];
}

/**
 * One area that stores personal data. Every feature that stores something about a person registers
 * a source, so that "export my data" and "delete me" always cover everything.
 */
export interface PersonalDataSource {
  /** Section name in the export file, e.g. "profile", "workshopRegistrations". */
  readonly section: string;
  /** What is stored about the subject (plain JSON), or null when nothing is. */
  export(subject: DataSubject): Promise<unknown>;
  /** Deletes everything of the subject in this area. */
  erase(subject: DataSubject): Promise<void>;
}
