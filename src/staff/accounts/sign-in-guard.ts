import type { SignInSource, SignInSourceRepository } from './sign-in-sources.js';
import type { StaffUser } from './staff-user.js';
import type { StaffUserRepository } from './staff-user-repository.js';

/**
 * Lock-out rules of the sign-in (README "Security notes for IT"). A lock of the whole account would
 * let anyone who knows a staff address keep it locked from one machine, forever; so failures lock
 * the account only for the address they come from, and the account as a whole is slowed down, not
 * locked, when failures come from many addresses.
 */
export const SIGN_IN_LIMITS = {
  /** Wrong passwords in a row from one address (OWASP: a small number)... */
  failuresPerAddress: 5,
  /** ...lock that address out of this account for 15 minutes; failures older than that no longer count. */
  lockMs: 15 * 60_000,
  /**
   * Wrong passwords in a row for the account from all addresses together (no 15-minute pause)
   * before addresses new to the account are slowed down: 4 addresses' worth of the per-address limit.
   */
  failuresPerAccount: 20,
  /**
   * Then an address new to the account gets one password check per 30 seconds, until 15 minutes pass
   * without a failure: distributed guessing gets about 20 + 2 per minute (under 3,000 a day) against
   * a password of at least 12 characters, and the staff member's own addresses are not slowed.
   */
  slowDownIntervalMs: 30_000,
  /** An address the account signed in from within 30 days counts as the staff member's own. */
  familiarMs: 30 * 24 * 3_600_000,
} as const;

export type Admission =
  | { check: true; sourceId: string; source: SignInSource | null }
  | { check: false; reason: 'locked' | 'slowed'; until: Date };

export interface FailureOutcome {
  /** This failure locked the address out until then. */
  lockedUntil?: Date;
  /** This failure made the account slow down addresses new to it. */
  slowDownStarted: boolean;
}

const later = (...dates: Array<Date | undefined>): Date => new Date(Math.max(...dates.map((date) => date?.getTime() ?? 0)));

/** Applies SIGN_IN_LIMITS; the counters are in the store, so several instances share them. */
export class SignInGuard {
  constructor(
    private readonly users: StaffUserRepository,
    private readonly sources: SignInSourceRepository,
  ) {}

  /** Whether many failures from all addresses together slow this account down now. */
  static slowedDown(user: StaffUser, now: Date): boolean {
    const recent = !!user.lastFailedLoginAt && now.getTime() - user.lastFailedLoginAt.getTime() < SIGN_IN_LIMITS.lockMs;
    return recent && user.failedLogins >= SIGN_IN_LIMITS.failuresPerAccount;
  }

  /** Before the password is checked: may this address try this account now? */
  async admit(user: StaffUser, address: string, now: Date): Promise<Admission> {
    const sourceId = await this.sources.idOf(user._id, address);
    const source = await this.sources.findById(sourceId);
    if (source?.lockedUntil && source.lockedUntil > now) return { check: false, reason: 'locked', until: source.lockedUntil };
    const familiar = !!source?.lastSuccessAt && now.getTime() - source.lastSuccessAt.getTime() < SIGN_IN_LIMITS.familiarMs;
    if (!familiar && SignInGuard.slowedDown(user, now)) {
      // One check per interval for all new addresses together: claimed atomically, so instances agree.
      const next = new Date(now.getTime() + SIGN_IN_LIMITS.slowDownIntervalMs);
      if (!(await this.users.claimSlowDownSlot(user, now, next))) return { check: false, reason: 'slowed', until: user.slowedUntil ?? next };
    }
    return { check: true, sourceId, source };
  }

  async failed(user: StaffUser, admission: Extract<Admission, { check: true }>, now: Date): Promise<FailureOutcome> {
    const lockedUntil = await this.countAddressFailure(user, admission, now);
    // Counted in the store, not from `user`: that copy was read before the password check, and
    // parallel attempts all read the same one.
    const counted = await this.users.countFailedLogin(user, now, new Date(now.getTime() - SIGN_IN_LIMITS.lockMs));
    return { ...(lockedUntil ? { lockedUntil } : {}), slowDownStarted: counted?.failedLogins === SIGN_IN_LIMITS.failuresPerAccount };
  }

  /**
   * After the right password: records the address as familiar. Returns the end of a lock that parallel
   * failures from this address started while the password was checked: then the sign-in is refused,
   * so that a burst of guesses cannot win with one whose check ends after the lock.
   */
  async succeeded(user: StaffUser, admission: Extract<Admission, { check: true }>, now: Date): Promise<Date | undefined> {
    const recorded = await this.sources.recordSuccess(admission.sourceId, user, now, { lastSuccessAt: now, expiresAt: new Date(now.getTime() + SIGN_IN_LIMITS.familiarMs) });
    if (recorded) return undefined;
    return (await this.sources.findById(admission.sourceId))?.lockedUntil ?? new Date(now.getTime() + SIGN_IN_LIMITS.lockMs);
  }

  /** An admin's "Entsperren": every address of the account and the account-wide slow-down. */
  async unlock(user: StaffUser): Promise<void> {
    await this.sources.unlock(user._id);
    await this.users.update(user.tenantId, user._id, { $set: { failedLogins: 0 }, $unset: { lastFailedLoginAt: true, slowedUntil: true, lockedUntil: true } });
  }

  /** Accounts of the city that are locked for some address now. */
  lockedUserIds(tenantId: string, now: Date): Promise<Set<string>> {
    return this.sources.lockedUserIds(tenantId, now);
  }

  purgeExpired(before: Date): Promise<number> {
    return this.sources.purgeExpired(before);
  }

  /** Returns the end of the lock when this failure locks the address out (once, when parallel failures reach the limit together). */
  private async countAddressFailure(user: StaffUser, admission: Extract<Admission, { check: true }>, now: Date): Promise<Date | undefined> {
    const { source, sourceId } = admission;
    const keep = (extra?: Date): Date => later(new Date(now.getTime() + SIGN_IN_LIMITS.lockMs), extra, source?.lastSuccessAt && new Date(source.lastSuccessAt.getTime() + SIGN_IN_LIMITS.familiarMs));
    const counted = await this.sources.countFailure(sourceId, user, now, new Date(now.getTime() - SIGN_IN_LIMITS.lockMs), keep());
    if (counted.failures < SIGN_IN_LIMITS.failuresPerAddress) return undefined;
    const until = new Date(now.getTime() + SIGN_IN_LIMITS.lockMs);
    return (await this.sources.lock(sourceId, SIGN_IN_LIMITS.failuresPerAddress, until, keep(until))) ? until : undefined;
  }
}
