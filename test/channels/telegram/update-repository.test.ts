import { beforeEach, expect, it } from 'vitest';
import {
  createTelegramUpdateRepository,
  DEFAULT_CLAIM_LEASE_MS,
  type ClaimResult,
  type TelegramUpdateRepository,
  type UpdateClaim,
} from '../../../src/channels/telegram/update-repository.js';
import type { DocumentStore } from '../../../src/platform/store/document-store.js';
import { describeEachBackend } from '../../support/store-backends.js';

function claimOf(result: ClaimResult): UpdateClaim {
  if (result.outcome !== 'claimed') throw new Error(`expected a claim, got ${result.outcome}`);
  return result.claim;
}

describeEachBackend('Telegram update repository', (backend) => {
  let store: DocumentStore;
  let now: Date;
  let updates: TelegramUpdateRepository;
  const clock = (): Date => now;
  const later = (ms: number): void => {
    now = new Date(now.getTime() + ms);
  };

  beforeEach(async () => {
    store = await backend.open();
    now = new Date('2025-03-01T10:00:00Z');
    updates = createTelegramUpdateRepository(store, { now: clock });
  });

  it('lets an update id be claimed once per tenant', async () => {
    expect(await updates.claim('dortmund', 1)).toMatchObject({ outcome: 'claimed', claim: { takenOver: false } });
    expect(await updates.claim('dortmund', 1)).toEqual({ outcome: 'in-progress', retryInMs: DEFAULT_CLAIM_LEASE_MS });
    expect(await updates.claim('wuppertal', 1)).toMatchObject({ outcome: 'claimed' });
  });

  it('gives a released claim back and keeps a handled one', async () => {
    await updates.release(claimOf(await updates.claim('dortmund', 2)));
    await updates.markHandled(claimOf(await updates.claim('dortmund', 2)));
    expect(await updates.claim('dortmund', 2)).toEqual({ outcome: 'handled' });
  });

  it('lets a redelivery take over a claim older than the lease, never a handled update', async () => {
    claimOf(await updates.claim('dortmund', 5));
    await updates.markHandled(claimOf(await updates.claim('dortmund', 6)));
    later(DEFAULT_CLAIM_LEASE_MS - 1);
    expect(await updates.claim('dortmund', 5)).toEqual({ outcome: 'in-progress', retryInMs: 1 });
    later(1);
    // The process that claimed it crashed mid-turn: the update is not lost.
    const taken = claimOf(await updates.claim('dortmund', 5));
    expect(taken).toMatchObject({ takenOver: true, at: now });
    expect(await updates.claim('dortmund', 5)).toMatchObject({ outcome: 'in-progress' });
    later(24 * 60 * 60 * 1000);
    expect(await updates.claim('dortmund', 6)).toEqual({ outcome: 'handled' });
  });

  it('lets only one of several concurrent redeliveries take over an expired claim', async () => {
    claimOf(await updates.claim('dortmund', 7));
    later(DEFAULT_CLAIM_LEASE_MS + 1);
    const results = await Promise.all(Array.from({ length: 5 }, () => updates.claim('dortmund', 7)));
    expect(results.filter((result) => result.outcome === 'claimed')).toHaveLength(1);
    expect(results.filter((result) => result.outcome === 'in-progress')).toHaveLength(4);
  });

  it('does not let the release of a superseded claim undo the claim that took over', async () => {
    const stale = claimOf(await updates.claim('dortmund', 8));
    later(DEFAULT_CLAIM_LEASE_MS);
    claimOf(await updates.claim('dortmund', 8));
    // The slow first turn fails after all and gives "its" claim back: the new turn keeps the update.
    await updates.release(stale);
    expect(await updates.claim('dortmund', 8)).toMatchObject({ outcome: 'in-progress' });
  });

  it('counts a superseded turn that finished as handled', async () => {
    const stale = claimOf(await updates.claim('dortmund', 9));
    later(DEFAULT_CLAIM_LEASE_MS);
    const current = claimOf(await updates.claim('dortmund', 9));
    await updates.markHandled(stale);
    await updates.release(current);
    expect(await updates.claim('dortmund', 9)).toEqual({ outcome: 'handled' });
  });

  it('takes the lease from its options', async () => {
    const short = createTelegramUpdateRepository(store, { now: clock, leaseMs: 5_000 });
    claimOf(await short.claim('dortmund', 10));
    later(5_000);
    expect(await short.claim('dortmund', 10)).toMatchObject({ outcome: 'claimed', claim: { takenOver: true } });
    expect(() => createTelegramUpdateRepository(store, { leaseMs: 0 })).toThrow(RangeError);
  });

  it('purges ids older than the given date', async () => {
    await updates.claim('dortmund', 3);
    now = new Date('2025-03-02T12:00:00Z');
    await updates.claim('dortmund', 4);
    expect(await updates.purgeOlderThan(new Date('2025-03-02T00:00:00Z'))).toBe(1);
    expect(await updates.claim('dortmund', 3)).toMatchObject({ outcome: 'claimed' });
    expect(await updates.claim('dortmund', 4)).toMatchObject({ outcome: 'in-progress' });
  });
});
