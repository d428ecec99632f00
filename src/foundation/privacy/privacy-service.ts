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
    /**
     * Makes the erasure final on disk: an append-only store (the embedded one) still holds the erased
     * documents in its files until they are rewritten. The app passes the store's compact().
     */
    private readonly makeFinal: () => Promise<void> = async () => undefined,
  ) {}

  async exportAll(subject: DataSubject): Promise<DataExport> {
    const sections: Record<string, unknown> = {};
    for (const source of this.sources) {
      const data = await source.export(subject);
      if (data !== null && data !== undefined && !(Array.isArray(data) && data.length === 0)) sections[source.section] = data;
    }
    return { exportedAt: this.clock().toISOString(), tenantId: subject.tenantId, sections };
  }

  /**
   * Erases every source even if one fails, makes it final on disk, then reports the failures together.
   * A batch (the retention job) passes `finalNow: false` and calls makeErasuresFinal() once at its end:
   * rewriting the files costs time in proportion to their size, not to what was erased.
   */
  async eraseAll(subject: DataSubject, options: { finalNow?: boolean } = {}): Promise<void> {
    const failures: string[] = [];
    for (const source of this.sources) {
      try {
        await source.erase(subject);
      } catch {
        failures.push(source.section);
      }
    }
    // Also after a partial failure: what was erased must not stay behind in the files.
    try {
      if (options.finalNow !== false) await this.makeFinal();
    } catch {
      failures.push('data files not rewritten');
    }
    if (failures.length > 0) throw new Error(`erasure incomplete in: ${failures.join(', ')}`);
  }

  /** Rewrites the data files after erasures made with `finalNow: false`. */
  async makeErasuresFinal(): Promise<void> {
    await this.makeFinal();
  }
}
