import type { Response } from 'express';
import type { Actor } from '../audit/audit-log.js';
import type { AnyRole, StaffUser } from '../accounts/staff-user.js';

declare module 'express-session' {
  interface SessionData {
    staff?: {
      userId: string;
      /** Where the account is stored ("*" for a super-admin). */
      userTenantId: string;
      /** The city the person works on now (a super-admin may switch). */
      tenantId: string;
      csrfToken: string;
      /** Since when the password was last checked (moves on after a password change). */
      signedInAt: number;
      /** When the session began: it ends 12 hours later whatever happens. */
      startedAt: number;
    };
  }
}

/** The signed-in staff member of this request, set by the session check. */
export interface StaffContext {
  user: StaffUser;
  tenantId: string;
  role: AnyRole;
  csrfToken: string;
  actor: Actor;
}

export function staffOf(res: Response): StaffContext {
  const staff = res.locals.staff as StaffContext | undefined;
  if (!staff) throw new Error('no staff context: the session check did not run');
  return staff;
}
