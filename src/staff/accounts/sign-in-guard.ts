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
    const inARow = !!user.lastFailedLoginAt && now.getTime() - user.lastFailedLoginAt.getTime() < SIGN_IN_LIMITS.lockMs;
    const counted = await this.users.update(
      user.tenantId,
      user._id,
      inARow ? { $inc: { failedLogins: 1 }, $set: { lastFailedLoginAt: now } } : { $set: { failedLogins: 1, lastFailedLoginAt: now }, $unset: { slowedUntil: true } },
    );
    return { ...(lockedUntil ? { lockedUntil } : {}), slowDownStarted: counted?.failedLogins === SIGN_IN_LIMITS.failuresPerAccount };
  }

  async succeeded(user: StaffUser, admission: Extract<Admission, { check: true }>, now: Date): Promise<void> {
    await this.sources.save(admission.sourceId, user, { failures: 0, lastSuccessAt: now, expiresAt: new Date(now.getTime() + SIGN_IN_LIMITS.familiarMs) }, ['lastFailureAt', 'lockedUntil']);
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

  /** Returns the end of the lock when this failure locks the address out. */
  private async countAddressFailure(user: StaffUser, admission: Extract<Admission, { check: true }>, now: Date): Promise<Date | undefined> {
    const { source, sourceId } = admission;
    const keep = (extra?: Date): Date => later(new Date(now.getTime() + SIGN_IN_LIMITS.lockMs), extra, source?.lastSuccessAt && new Date(source.lastSuccessAt.getTime() + SIGN_IN_LIMITS.familiarMs));
    const inARow = !!source?.lastFailureAt && source.failures > 0 && now.getTime() - source.lastFailureAt.getTime() < SIGN_IN_LIMITS.lockMs;
    const counted = (inARow ? await this.sources.addFailure(sourceId, { lastFailureAt: now, expiresAt: keep() }) : null) ?? (await this.sources.save(sourceId, user, { failures: 1, lastFailureAt: now, expiresAt: keep() }, ['lockedUntil']));
    if ((counted?.failures ?? 0) < SIGN_IN_LIMITS.failuresPerAddress) return undefined;
    const until = new Date(now.getTime() + SIGN_IN_LIMITS.lockMs);
    await this.sources.save(sourceId, user, { failures: 0, lockedUntil: until, expiresAt: keep(until) }, ['lastFailureAt']);
    return until;
  }
}
