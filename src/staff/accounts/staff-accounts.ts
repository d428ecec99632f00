import { randomUUID } from 'node:crypto';
import { DuplicateKeyError, type Filter } from '../../platform/store/document-store.js';
import type { Clock } from '../../platform/clock.js';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { SIGN_IN_LIMITS, SignInGuard } from './sign-in-guard.js';
import { ALL_TENANTS, normalizeEmail, type AnyRole, type StaffUser } from './staff-user.js';
import type { StaffUserRepository } from './staff-user-repository.js';

/** Per client address (see SIGN_IN_LIMITS for the account-wide slow-down). */
export const MAX_FAILED_LOGINS = SIGN_IN_LIMITS.failuresPerAddress;
export const LOCK_OUT_MS = SIGN_IN_LIMITS.lockMs;

/**
 * A signed-in session may guess the current password only a few times: a stolen session cookie
 * must not become a way to find the password (and then keep the account). Five wrong ones in a row
 * (no 15-minute pause) end that session and refuse password changes of the account for 15 minutes.
 */
export const PASSWORD_CHANGE_LIMITS = { wrongInARow: 5, lockMs: 15 * 60_000 } as const;

export class StaffAccountError extends Error {
  override name = 'StaffAccountError';
  constructor(
    readonly code:
      | 'email-taken'
      | 'password-too-short'
      | 'password-too-long'
      | 'wrong-password'
      | 'not-found'
      | 'last-admin'
      /** Password changes of the account are refused for a while (PASSWORD_CHANGE_LIMITS)... */
      | 'password-change-locked'
      /** ...and this wrong current password was the one that started it. */
      | 'password-change-locked-now',
    readonly field?: string,
  ) {
    super(code);
  }
}

export interface NewStaffUser {
  tenantId: string;
  email: string;
  name: string;
  role: AnyRole;
  password: string;
}

export type SignInResult =
  | { ok: true; user: StaffUser }
  | { ok: false; reason: 'invalid'; /** This failure started the account-wide slow-down. */ slowDownStarted?: true }
  | { ok: false; reason: 'locked' | 'slowed'; until: Date; /** This attempt locked the address out. */ justLocked: boolean };

/** Staff accounts of every city: creation, sign-in with lock-outs after repeated failures, passwords. */
export class StaffAccounts {
  private readonly guard: SignInGuard;

  constructor(
    private readonly users: StaffUserRepository,
    private readonly clock: Clock,
  ) {
    this.guard = new SignInGuard(users, users.signInSources);
  }

  async create(input: NewStaffUser): Promise<StaffUser> {
    const problem = passwordProblem(input.password);
    if (problem) throw new StaffAccountError(problem === 'too-short' ? 'password-too-short' : 'password-too-long', 'password');
    const tenantId = input.role === 'super-admin' ? ALL_TENANTS : input.tenantId;
    const now = this.clock();
    try {
      return await this.users.insert({
        _id: `staff-${randomUUID()}`,
        tenantId,
        email: normalizeEmail(input.email),
        name: input.name.trim(),
        role: input.role,
        passwordHash: await hashPassword(input.password),
        passwordChangedAt: now,
        active: true,
        failedLogins: 0,
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new StaffAccountError('email-taken', 'email');
      throw error;
    }
  }

  /** The account of this city, or the super-admin account with this address. */
  async findForSignIn(tenantId: string, email: string): Promise<StaffUser | null> {
    const address = normalizeEmail(email);
    return (await this.users.findByEmail(tenantId, address)) ?? (await this.users.findByEmail(ALL_TENANTS, address));
  }

  /**
   * Checks the password of a sign-in from `address` (the client IP as Express sees it): failures
   * lock out that address, and slow down addresses new to the account when they come from many
   * (SIGN_IN_LIMITS; stored, so all instances agree).
   */
  async signIn(tenantId: string, email: string, password: string, address = 'unknown'): Promise<SignInResult> {
    const now = this.clock();
    const user = await this.findForSignIn(tenantId, email);
    if (!user || !user.active) {
      await verifyPassword(await dummyPasswordHash(), password);
      return { ok: false, reason: 'invalid' };
    }
    const admission = await this.guard.admit(user, address, now);
    if (!admission.check) {
      // As slow as a wrong password: the answer's timing tells nothing either.
      await verifyPassword(await dummyPasswordHash(), password);
      return { ok: false, reason: admission.reason, until: admission.until, justLocked: false };
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const outcome = await this.guard.failed(user, admission, now);
      if (outcome.lockedUntil) return { ok: false, reason: 'locked', until: outcome.lockedUntil, justLocked: true };
      return { ok: false, reason: 'invalid', ...(outcome.slowDownStarted ? { slowDownStarted: true as const } : {}) };
    }
    const lockedMeanwhile = await this.guard.succeeded(user, admission, now);
    if (lockedMeanwhile) return { ok: false, reason: 'locked', until: lockedMeanwhile, justLocked: false };
    const signedIn = await this.users.update(user.tenantId, user._id, { $set: { lastLoginAt: now } });
    return { ok: true, user: signedIn ?? user };
  }

  /** Changes the own password after checking the current one, within PASSWORD_CHANGE_LIMITS. */
  async changePassword(user: StaffUser, current: string, next: string): Promise<StaffUser> {
    const now = this.clock();
    if (user.passwordChangeLockedUntil && user.passwordChangeLockedUntil > now) {
      await verifyPassword(await dummyPasswordHash(), current);
      throw new StaffAccountError('password-change-locked');
    }
    if (!(await verifyPassword(user.passwordHash, current))) {
      // Counted in the store, not from `user` (loaded once per request): parallel requests share it.
      const counted = await this.users.countFailedPasswordChange(user, now, new Date(now.getTime() - PASSWORD_CHANGE_LIMITS.lockMs));
      if ((counted?.failedPasswordChanges ?? 0) < PASSWORD_CHANGE_LIMITS.wrongInARow) throw new StaffAccountError('wrong-password', 'currentPassword');
      const until = new Date(now.getTime() + PASSWORD_CHANGE_LIMITS.lockMs);
      // The one request that locks ends its session; a parallel wrong one after it is just wrong.
      if (!(await this.users.lockPasswordChange(user, PASSWORD_CHANGE_LIMITS.wrongInARow, until))) throw new StaffAccountError('wrong-password', 'currentPassword');
      throw new StaffAccountError('password-change-locked-now');
    }
    // Stored only if no lock began while the password was checked (parallel wrong ones): a burst of
    // guesses cannot win with one whose check ends after the lock.
    const changed = await this.storePassword(user.tenantId, user._id, next, { $or: [{ passwordChangeLockedUntil: null }, { passwordChangeLockedUntil: { $lte: now } }] });
    if (changed) return changed;
    throw new StaffAccountError((await this.users.findById(user.tenantId, user._id)) ? 'password-change-locked' : 'not-found');
  }

  async setPassword(tenantId: string, id: string, password: string): Promise<StaffUser> {
    const updated = await this.storePassword(tenantId, id, password);
    if (!updated) throw new StaffAccountError('not-found');
    return updated;
  }

  /** Null when the account is gone or does not match `where`. */
  private async storePassword(tenantId: string, id: string, password: string, where: Filter = {}): Promise<StaffUser | null> {
    const problem = passwordProblem(password);
    if (problem) throw new StaffAccountError(problem === 'too-short' ? 'password-too-short' : 'password-too-long', 'newPassword');
    const now = this.clock();
    // Address locks stay: they hold off whoever guessed, whatever the password is now.
    return this.users.update(
      tenantId,
      id,
      {
        $set: { passwordHash: await hashPassword(password), passwordChangedAt: now, updatedAt: now, failedLogins: 0, failedPasswordChanges: 0 },
        $unset: { lockedUntil: true, lastFailedLoginAt: true, slowedUntil: true, lastFailedPasswordChangeAt: true, passwordChangeLockedUntil: true },
      },
      where,
    );
  }

  find(tenantId: string, id: string): Promise<StaffUser | null> {
    return this.users.findById(tenantId, id);
  }

  list(tenantId: string): Promise<StaffUser[]> {
    return this.users.list(tenantId);
  }

  /** The city's accounts, each with whether its sign-in (for some address) or password change is locked now. */
  async listWithLocks(tenantId: string): Promise<Array<{ user: StaffUser; locked: boolean }>> {
    const now = this.clock();
    const [users, lockedIds] = await Promise.all([this.users.list(tenantId), this.guard.lockedUserIds(tenantId, now)]);
    return users.map((user) => ({ user, locked: lockedIds.has(user._id) || SignInGuard.slowedDown(user, now) || (!!user.passwordChangeLockedUntil && user.passwordChangeLockedUntil > now) }));
  }

  /** An admin lifts every lock of the account: sign-in from each address, the slow-down, password changes. */
  async unlock(tenantId: string, id: string): Promise<StaffUser> {
    const user = await this.users.findById(tenantId, id);
    if (!user) throw new StaffAccountError('not-found');
    await this.guard.unlock(user);
    const updated = await this.users.update(tenantId, id, { $set: { failedPasswordChanges: 0, updatedAt: this.clock() }, $unset: { lastFailedPasswordChangeAt: true, passwordChangeLockedUntil: true } });
    if (!updated) throw new StaffAccountError('not-found');
    return updated;
  }

  /** Retention: sign-in records of addresses that have no use any more. */
  purgeSignInRecords(before: Date): Promise<number> {
    return this.guard.purgeExpired(before);
  }

  /** Changes role, name or active; the last active admin of a city cannot lose admin rights. */
  async update(tenantId: string, id: string, changes: { role?: AnyRole; active?: boolean; name?: string }): Promise<StaffUser> {
    const user = await this.users.findById(tenantId, id);
    if (!user) throw new StaffAccountError('not-found');
    const losesAdmin = user.role === 'admin' && user.active && ((changes.role !== undefined && changes.role !== 'admin') || changes.active === false);
    if (losesAdmin && (await this.users.countAdmins(tenantId)) <= 1) throw new StaffAccountError('last-admin', changes.role !== undefined ? 'role' : 'active');
    const set: Record<string, unknown> = { updatedAt: this.clock() };
    if (changes.role !== undefined) set.role = changes.role;
    if (changes.active !== undefined) set.active = changes.active;
    if (changes.name !== undefined) set.name = changes.name.trim();
    const updated = await this.users.update(tenantId, id, { $set: set });
    if (!updated) throw new StaffAccountError('not-found');
    return updated;
  }

  /** At first start: creates this admin when the city has no staff account yet. Returns whether it did. */
  async ensureFirstAdmin(tenantId: string, email: string, password: string, role: 'admin' | 'super-admin' = 'admin'): Promise<boolean> {
    if ((await this.users.count(role === 'super-admin' ? ALL_TENANTS : tenantId)) > 0) return false;
    try {
      await this.create({ tenantId, email, name: email.split('@')[0] ?? 'Admin', role, password });
      return true;
    } catch (error) {
      // Another instance created it at the same moment.
      if (error instanceof StaffAccountError && error.code === 'email-taken') return false;
      throw error;
    }
  }

  /** Several cities: the first account is a super-admin, who then creates each city's admins. */
  ensureFirstSuperAdmin(email: string, password: string): Promise<boolean> {
    return this.ensureFirstAdmin(ALL_TENANTS, email, password, 'super-admin');
  }
}
