import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DocumentStore } from '../../src/platform/store/document-store.js';
import { SIGN_IN_LIMITS, SignInGuard } from '../../src/staff/accounts/sign-in-guard.js';
import { PASSWORD_CHANGE_LIMITS, StaffAccounts, type SignInResult } from '../../src/staff/accounts/staff-accounts.js';
import type { StaffUser } from '../../src/staff/accounts/staff-user.js';
import { StaffUserRepository } from '../../src/staff/accounts/staff-user-repository.js';
import { StoredRateLimit } from '../../src/staff/http/stored-rate-limit.js';
import { describeEachBackend } from '../support/store-backends.js';

const PASSWORD = 'correct horse battery staple';
/** As many attempts at once as a script sends in one burst. */
const BURST = 30;

const times = <T>(count: number, make: (index: number) => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: count }, (_, index) => make(index)));

describeEachBackend('lock-out counters under parallel attempts', (backend) => {
  let store: DocumentStore;
  let now: Date;
  let users: StaffUserRepository;
  let accounts: StaffAccounts;
  let ada: StaffUser;

  beforeEach(async () => {
    store = await backend.open();
    now = new Date('2026-03-02T09:00:00Z');
    users = new StaffUserRepository(store);
    accounts = new StaffAccounts(users, () => now);
    ada = await accounts.create({ tenantId: 'wuppertal', email: 'ada@stadt.example', name: 'Ada', role: 'admin', password: PASSWORD });
  });
  afterEach(() => store.close());

  const signIn = (password: string, address: string): Promise<SignInResult> => accounts.signIn('wuppertal', 'ada@stadt.example', password, address);
  const stored = async (): Promise<StaffUser> => (await users.findById('wuppertal', ada._id))!;

  it('locks the address when thirty wrong passwords from it arrive at once, and says so once', async () => {
    const results = await times(BURST, (attempt) => signIn(`wrong ${attempt} xxxxxxxx`, '203.0.113.9'));
    expect(results.filter((result) => !result.ok && result.reason === 'locked' && result.justLocked)).toHaveLength(1);
    expect(await signIn(PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked' });
    // Every failure counts for the account as a whole too.
    expect((await stored()).failedLogins).toBe(BURST);
    // Another address is not locked out.
    expect((await signIn(PASSWORD, '198.51.100.1')).ok).toBe(true);
  });

  it('starts the account-wide slow-down when failures from thirty addresses arrive at once', async () => {
    const results = await times(BURST, (attempt) => signIn(`wrong ${attempt} xxxxxxxx`, `203.0.113.${attempt + 1}`));
    expect((await stored()).failedLogins).toBe(BURST);
    expect(results.filter((result) => !result.ok && result.reason === 'invalid' && result.slowDownStarted)).toHaveLength(1);
    // A new address gets one check per interval: this one takes it, the next is refused unchecked.
    expect(await signIn('one more wrong guess', '203.0.113.100')).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn(PASSWORD, '203.0.113.101')).toMatchObject({ ok: false, reason: 'slowed' });
  });

  it('locks password changes when thirty wrong current passwords arrive at once', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: BURST }, (_, attempt) => accounts.changePassword(ada, `guess ${attempt} xxxxxxxx`, 'a brand new long password')));
    const codes = outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as { code?: string }).code : 'changed'));
    expect(codes.filter((code) => code === 'password-change-locked-now')).toHaveLength(1);
    expect(codes.every((code) => code === 'wrong-password' || code === 'password-change-locked-now')).toBe(true);
    const locked = await stored();
    expect(locked.passwordChangeLockedUntil?.getTime()).toBe(now.getTime() + PASSWORD_CHANGE_LIMITS.lockMs);
    // Even the right current password is refused now.
    await expect(accounts.changePassword(locked, PASSWORD, 'a brand new long password')).rejects.toMatchObject({ code: 'password-change-locked' });
  });

  it('refuses the right password whose check began before parallel failures locked the address', async () => {
    const guard = new SignInGuard(users, users.signInSources);
    const admission = await guard.admit(ada, '203.0.113.9', now);
    if (!admission.check) throw new Error('a fresh address is admitted');
    // While that check runs, the other attempts of the burst fail and lock the address.
    for (let attempt = 1; attempt <= SIGN_IN_LIMITS.failuresPerAddress; attempt++) await signIn(`wrong ${attempt} xxxxxxxx`, '203.0.113.9');
    expect((await guard.succeeded(ada, admission, now))?.getTime()).toBe(now.getTime() + SIGN_IN_LIMITS.lockMs);
    // The lock stays.
    expect(await signIn(PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('refuses a right current password whose check began before parallel wrong ones locked password changes', async () => {
    // `ada` is the copy a request loaded before the lock.
    for (let attempt = 1; attempt < PASSWORD_CHANGE_LIMITS.wrongInARow; attempt++) await expect(accounts.changePassword(ada, `guess ${attempt} xxxxxxxx`, 'a brand new long password')).rejects.toMatchObject({ code: 'wrong-password' });
    await expect(accounts.changePassword(ada, 'guess 5 xxxxxxxx', 'a brand new long password')).rejects.toMatchObject({ code: 'password-change-locked-now' });
    await expect(accounts.changePassword(ada, PASSWORD, 'a brand new long password')).rejects.toMatchObject({ code: 'password-change-locked' });
    expect((await accounts.signIn('wuppertal', 'ada@stadt.example', PASSWORD)).ok).toBe(true);
  });

  it('counts thirty failed sign-ins that arrive at once as thirty for the address\'s rate limit', async () => {
    const limits = [new StoredRateLimit(store, () => now), new StoredRateLimit(store, () => now)];
    for (const limit of limits) limit.init({ windowMs: 15 * 60_000 } as Parameters<StoredRateLimit['init']>[0]);
    const hits = await times(BURST, (attempt) => limits[attempt % 2]!.increment('203.0.113.9'));
    expect(hits.map((hit) => hit.totalHits).sort((a, b) => a - b)).toEqual(Array.from({ length: BURST }, (_, index) => index + 1));
    expect(await limits[0]!.get('203.0.113.9')).toMatchObject({ totalHits: BURST });
    // A window that is over starts again at one, also when the new window's first hits arrive at once.
    now = new Date(now.getTime() + 15 * 60_000);
    const again = await times(BURST, () => limits[1]!.increment('203.0.113.9'));
    expect(Math.max(...again.map((hit) => hit.totalHits))).toBe(BURST);
    expect(new Set(again.map((hit) => hit.resetTime.getTime()))).toEqual(new Set([now.getTime() + 15 * 60_000]));
  });
});
