import type { DocumentCollection, DocumentStore, Update } from '../../store/document-store.js';
import { SignInSourceRepository } from './sign-in-sources.js';
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

  update(tenantId: string, id: string, update: Update): Promise<StaffUser | null> {
    return this.users.updateOne({ _id: id, tenantId }, update);
  }
}
