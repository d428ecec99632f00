import type { StoredDocument } from '../../platform/store/document-store.js';

/** admin: everything of one city, including staff accounts and the audit log; editor: content; counsellor: handoffs and pathway requests. */
export const STAFF_ROLES = ['admin', 'editor', 'counsellor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** A super-admin is an admin of every city; the account is stored under this tenant id. */
export const ALL_TENANTS = '*';
export type AnyRole = StaffRole | 'super-admin';

export interface StaffUser extends StoredDocument {
  email: string;
  name: string;
  role: AnyRole;
  passwordHash: string;
  passwordChangedAt: Date;
  active: boolean;
  /** Wrong passwords in a row from all addresses together (see SignInGuard; per address: SignInSource). */
  failedLogins: number;
  lastFailedLoginAt?: Date | null;
  /** While slowed down: the next password check for an address new to the account, not before. */
  slowedUntil?: Date | null;
  /** The whole-account lock of earlier versions: no longer read, cleared by an unlock. */
  lockedUntil?: Date | null;
  /** Wrong current passwords in a row when changing the password (see PASSWORD_CHANGE_LIMITS). */
  failedPasswordChanges?: number;
  lastFailedPasswordChangeAt?: Date | null;
  passwordChangeLockedUntil?: Date | null;
  lastLoginAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What may be shown or sent about an account: never the hash or the lock-out counters. */
export interface StaffUserView {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: AnyRole;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  /** In the staff list and an unlock's answer: sign-in or password change is locked somewhere now. */
  locked?: boolean;
}

export function viewOf(user: StaffUser, locked?: boolean): StaffUserView {
  return {
    id: user._id,
    tenantId: user.tenantId,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
    ...(locked === undefined ? {} : { locked }),
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * What each role may do; a super-admin may do everything in every city. `broadcasts`: compose, test,
 * send and control announcements (the city's broadcast settings need `staff`, i.e. an admin).
 */
export type Permission = 'dashboard' | 'content' | 'marketplace' | 'handoffs' | 'pathway-requests' | 'broadcasts' | 'staff' | 'audit';

const PERMISSIONS: Record<AnyRole, readonly Permission[]> = {
  'super-admin': ['dashboard', 'content', 'marketplace', 'handoffs', 'pathway-requests', 'broadcasts', 'staff', 'audit'],
  admin: ['dashboard', 'content', 'marketplace', 'handoffs', 'pathway-requests', 'broadcasts', 'staff', 'audit'],
  editor: ['dashboard', 'content', 'marketplace', 'broadcasts'],
  counsellor: ['dashboard', 'handoffs', 'pathway-requests'],
};

export function can(role: AnyRole, permission: Permission): boolean {
  return PERMISSIONS[role].includes(permission);
}
