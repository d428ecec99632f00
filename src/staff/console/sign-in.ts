import type { Request } from 'express';
import type { Clock } from '../../domain/profiles/profile-service.js';
import type { StaffAccounts } from '../accounts/staff-accounts.js';
import type { StaffUser } from '../accounts/staff-user.js';
import type { AuditLog } from '../audit/audit-log.js';
import { newToken } from '../http/session-auth.js';

export type SignInOutcome = { ok: true; user: StaffUser; csrfToken: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'locked'; minutes: number };

/** Sign-in and sign-out for the console and the API: a fresh session id at sign-in (no fixation). */
export class SignInFlow {
  constructor(
    private readonly accounts: StaffAccounts,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async signIn(req: Request, input: { tenant: string; email: string; password: string }): Promise<SignInOutcome> {
    const result = await this.accounts.signIn(input.tenant, input.email, input.password);
    if (!result.ok) {
      if (result.reason === 'locked') return { ok: false, reason: 'locked', minutes: Math.max(1, Math.ceil((result.until.getTime() - this.clock().getTime()) / 60_000)) };
      return { ok: false, reason: 'invalid' };
    }
    const { user } = result;
    await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    const csrfToken = newToken();
    req.session.staff = { userId: user._id, userTenantId: user.tenantId, tenantId: input.tenant, csrfToken, signedInAt: this.clock().getTime() };
    await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
    await this.audit.record(input.tenant, { id: user._id, email: user.email }, 'staff.signed-in', { type: 'staff', id: user._id, label: user.email });
    return { ok: true, user, csrfToken };
  }

  async signOut(req: Request): Promise<void> {
    await new Promise<void>((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())));
  }
}
