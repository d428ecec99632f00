import { randomUUID } from 'node:crypto';
import { DuplicateKeyError } from '../../store/document-store.js';
import type { Clock } from '../../domain/profiles/profile-service.js';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { ALL_TENANTS, normalizeEmail, type AnyRole, type StaffUser } from './staff-user.js';
import type { StaffUserRepository } from './staff-user-repository.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_OUT_MS = 15 * 60_000;

export class StaffAccountError extends Error {
  override name = 'StaffAccountError';
  constructor(
    readonly code: 'email-taken' | 'password-too-short' | 'password-too-long' | 'wrong-password' | 'not-found' | 'last-admin',
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

export type SignInResult = { ok: true; user: StaffUser } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'locked'; until: Date; /** This attempt caused the lock-out. */ justLocked: boolean };

/** Staff accounts of every city: creation, sign-in with a lock-out after repeated failures, passwords. */
export class StaffAccounts {
  constructor(
    private readonly users: StaffUserRepository,
    private readonly clock: Clock,
  ) {}

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

  /** Checks the password; five failures in a row lock the account for 15 minutes (stored: all instances agree). */
  async signIn(tenantId: string, email: string, password: string): Promise<SignInResult> {
    const now = this.clock();
    const user = await this.findForSignIn(tenantId, email);
    if (!user || !user.active) {
      await verifyPassword(await dummyPasswordHash(), password);
      return { ok: false, reason: 'invalid' };
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      // As slow as a wrong password: the answer's timing tells nothing either.
      await verifyPassword(await dummyPasswordHash(), password);
      return { ok: false, reason: 'locked', until: user.lockedUntil, justLocked: false };
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const counted = await this.users.update(user.tenantId, user._id, { $inc: { failedLogins: 1 } });
      if ((counted?.failedLogins ?? 0) >= MAX_FAILED_LOGINS) {
        const until = new Date(now.getTime() + LOCK_OUT_MS);
        await this.users.update(user.tenantId, user._id, { $set: { lockedUntil: until, failedLogins: 0 } });
        return { ok: false, reason: 'locked', until, justLocked: true };
      }
      return { ok: false, reason: 'invalid' };
    }
    const signedIn = await this.users.update(user.tenantId, user._id, { $set: { failedLogins: 0, lastLoginAt: now }, $unset: { lockedUntil: true } });
    return { ok: true, user: signedIn ?? user };
  }

  async changePassword(user: StaffUser, current: string, next: string): Promise<StaffUser> {
    if (!(await verifyPassword(user.passwordHash, current))) throw new StaffAccountError('wrong-password', 'currentPassword');
    return this.setPassword(user.tenantId, user._id, next);
  }

  async setPassword(tenantId: string, id: string, password: string): Promise<StaffUser> {
    const problem = passwordProblem(password);
    if (problem) throw new StaffAccountError(problem === 'too-short' ? 'password-too-short' : 'password-too-long', 'newPassword');
    const now = this.clock();
    const updated = await this.users.update(tenantId, id, {
      $set: { passwordHash: await hashPassword(password), passwordChangedAt: now, updatedAt: now, failedLogins: 0 },
      $unset: { lockedUntil: true },
    });
    if (!updated) throw new StaffAccountError('not-found');
    return updated;
  }

  find(tenantId: string, id: string): Promise<StaffUser | null> {
    return this.users.findById(tenantId, id);
  }

  list(tenantId: string): Promise<StaffUser[]> {
    return this.users.list(tenantId);
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
