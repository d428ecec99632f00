import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramUpdateRepository, type TelegramUpdateRepository } from '../../../src/channels/telegram/update-repository.js';
import { createLogger } from '../../../src/logging/logger.js';
import type { DocumentStore } from '../../../src/store/document-store.js';
import { openStore } from '../../../src/store/open-store.js';

describe('Telegram update repository', () => {
  let dataDir: string;
  let store: DocumentStore;
  let now: Date;
  let updates: TelegramUpdateRepository;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kosi-updates-'));
    store = await openStore({ dataDir }, createLogger('silent'));
    now = new Date('2025-03-01T10:00:00Z');
    updates = createTelegramUpdateRepository(store, () => now);
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lets an update id be claimed once per tenant', async () => {
    expect(await updates.claim('dortmund', 1)).toBe(true);
    expect(await updates.claim('dortmund', 1)).toBe(false);
    expect(await updates.claim('wuppertal', 1)).toBe(true);
  });

  it('gives a released claim back and keeps a handled one', async () => {
    await updates.claim('dortmund', 2);
    await updates.release('dortmund', 2);
    expect(await updates.claim('dortmund', 2)).toBe(true);
    await updates.markHandled('dortmund', 2);
    expect(await updates.claim('dortmund', 2)).toBe(false);
  });

  it('purges ids older than the given date', async () => {
    await updates.claim('dortmund', 3);
    now = new Date('2025-03-02T12:00:00Z');
    await updates.claim('dortmund', 4);
    expect(await updates.purgeOlderThan(new Date('2025-03-02T00:00:00Z'))).toBe(1);
    expect(await updates.claim('dortmund', 3)).toBe(true);
    expect(await updates.claim('dortmund', 4)).toBe(false);
  });
});
