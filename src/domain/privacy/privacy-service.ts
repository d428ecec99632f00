import type { DataSubject, PersonalDataSource } from './personal-data.js';

export interface DataExport {
  exportedAt: string;
  tenantId: string;
  sections: Record<string, unknown>;
}

/** GDPR Art. 15/17/20 from inside the chat: one export and one erasure over every registered source. */
export class PrivacyService {
  constructor(
    private readonly sources: readonly PersonalDataSource[],
    private readonly clock: () => Date,
  ) {}

  async exportAll(subject: DataSubject): Promise<DataExport> {
    const sections: Record<string, unknown> = {};
    for (const source of this.sources) {
      const data = await source.export(subject);
      if (data !== null && data !== undefined && !(Array.isArray(data) && data.length === 0)) sections[source.section] = data;
    }
    return { exportedAt: this.clock().toISOString(), tenantId: subject.tenantId, sections };
  }

  /** Erases every source even if one fails, then reports the failures together. */
  async eraseAll(subject: DataSubject): Promise<void> {
    const failures: string[] = [];
    for (const source of this.sources) {
      try {
        await source.erase(subject);
      } catch {
        failures.push(source.section);
      }
    }
    if (failures.length > 0) throw new Error(`erasure incomplete in: ${failures.join(', ')}`);
  }
}
