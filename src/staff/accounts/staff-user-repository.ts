import type { DocumentCollection, DocumentStore, Filter, Update } from '../../platform/store/document-store.js';
import { countInARow, runOver, SignInSourceRepository } from './sign-in-sources.js';
import type { StaffUser } from './staff-user.js';
import { staffUsersCollection } from './staff-user-schema.js';

export class StaffUserRepository {
  private readonly users: DocumentCollection<StaffUser>;
  /** The accounts' sign-in history per client address (failures, locks, familiar addresses). */
  readonly signInSources: SignInSourceRepository;

  constructor(store: DocumentStore) {
    this.users = store.collection<StaffUser>(staffUsersCollection);
    this.signInSources = new SignInSourceRepository(store);
  }

  insert(user: StaffUser): Promise<StaffUser> {
    return this.users.insertOne(user);
  }

  findById(tenantId: string, id: string): Promise<StaffUser | null> {
    return this.users.findOne({ _id: id, tenantId });
  }

  findByEmail(tenantId: string, email: string): Promise<StaffUser | null> {
    return this.users.findOne({ tenantId, email });
  }

  list(tenantId: string): Promise<StaffUser[]> {
    return this.users.find({ tenantId }, { sort: { email: 1 }, limit: 500 });
  }

  count(tenantId: string): Promise<number> {
    return this.users.count({ tenantId });
  }

  countAdmins(tenantId: string): Promise<number> {
    return this.users.count({ tenantId, role: { $in: ['admin', 'super-admin'] }, active: true });
  }

  /** Takes the slowed-down account's next check for a new address if it is free; null when it is taken. */
  claimSlowDownSlot(user: StaffUser, now: Date, next: Date): Promise<StaffUser | null> {
    return this.users.updateOne({ _id: user._id, tenantId: user.tenantId, $or: [{ slowedUntil: { $exists: false } }, { slowedUntil: { $lte: now } }] }, { $set: { slowedUntil: next } });
  }

  /**
   * One more wrong password for the account from any address: in a row when the last one is not
   * older than `cutoff`, else the first of a new run (which ends an earlier slow-down). Atomic, see
   * countInARow; null when the account is gone.
   */
  countFailedLogin(user: StaffUser, now: Date, cutoff: Date): Promise<StaffUser | null> {
    const of = { _id: user._id, tenantId: user.tenantId };
    return countInARow(
      () => this.users.updateOne({ ...of, lastFailedLoginAt: { $gte: cutoff } }, { $inc: { failedLogins: 1 }, $set: { lastFailedLoginAt: now } }),
      () => this.users.updateOne({ ...of, ...runOver('lastFailedLoginAt', cutoff) }, { $set: { failedLogins: 1, lastFailedLoginAt: now }, $unset: { slowedUntil: true } }),
    );
  }

  /** One more wrong current password in a password change, counted like countFailedLogin. */
  countFailedPasswordChange(user: StaffUser, now: Date, cutoff: Date): Promise<StaffUser | null> {
    const of = { _id: user._id, tenantId: user.tenantId };
    return countInARow(
      () => this.users.updateOne({ ...of, lastFailedPasswordChangeAt: { $gte: cutoff } }, { $inc: { failedPasswordChanges: 1 }, $set: { lastFailedPasswordChangeAt: now } }),
      () => this.users.updateOne({ ...of, ...runOver('lastFailedPasswordChangeAt', cutoff) }, { $set: { failedPasswordChanges: 1, lastFailedPasswordChangeAt: now } }),
    );
  }

  /**
   * Refuses password changes until `until` once the run has reached `failures` (and starts a new
   * run): the account for the one request that does it, null when a parallel one already did.
   */
  lockPasswordChange(user: StaffUser, failures: number, until: Date): Promise<StaffUser | null> {
    return this.users.updateOne(
      { _id: user._id, tenantId: user.tenantId, failedPasswordChanges: { $gte: failures } },
      { $set: { passwordChangeLockedUntil: until, failedPasswordChanges: 0 }, $unset: { lastFailedPasswordChangeAt: true } },
    );
  }

  /** Updates the account, if it also matches `where`; null when it does not (or is gone). */
  update(tenantId: string, id: string, update: Update, where: Filter = {}): Promise<StaffUser | null> {
    return this.users.updateOne({ ...where, _id: id, tenantId }, update);
  }
}
