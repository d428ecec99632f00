import type { DocumentCollection, DocumentStore, Update } from '../../store/document-store.js';
import type { StaffUser } from './staff-user.js';
import { staffUsersCollection } from './staff-user-schema.js';

export class StaffUserRepository {
  private readonly users: DocumentCollection<StaffUser>;

  constructor(store: DocumentStore) {
    this.users = store.collection<StaffUser>(staffUsersCollection);
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

  update(tenantId: string, id: string, update: Update): Promise<StaffUser | null> {
    return this.users.updateOne({ _id: id, tenantId }, update);
  }
}
