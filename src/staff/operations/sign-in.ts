import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Clock } from '../../platform/clock.js';
import type { StaffAccounts } from '../accounts/staff-accounts.js';
import { SIGN_IN_LIMITS } from '../accounts/sign-in-guard.js';
import { normalizeEmail, type StaffUser } from '../accounts/staff-user.js';
import type { AuditLog } from '../audit/audit-log.js';
import { newToken } from '../http/session-auth.js';
import type { StaffContext } from '../http/staff-context.js';

/**
 * A failed sign-in looks the same whether the address is unknown, the password wrong or the account
 * locked: the answer does not tell anyone which addresses have an account.
 */
export type SignInOutcome = { ok: true; user: StaffUser; csrfToken: string } | { ok: false };

/** How a failed sign-in names the address in the audit log: a hash and a shortened form, never the full address. */
export function auditAddress(email: string): { id: string; label: string } {
  const address = normalizeEmail(email);
  const hash = createHash('sha256').update(address).digest('hex').slice(0, 16);
  const [local = '', domain = ''] = address.split('@');
  return { id: `sha256:${hash}`, label: `${local.slice(0, 2)}…@${domain.slice(0, 60)}` };
}

/** Sign-in and sign-out for the console and the API: a fresh session id at sign-in (no fixation). */
export class SignInFlow {
  constructor(
    private readonly accounts: StaffAccounts,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async signIn(req: Request, input: { tenant: string; email: string; password: string }): Promise<SignInOutcome> {
    // The client address as Express sees it (TRUST_PROXY decides which X-Forwarded-For hop counts);
    // IPv6 as its /56 network, as the per-address rate limit does: one host has many addresses there.
    const result = await this.accounts.signIn(input.tenant, input.email, input.password, req.ip ? ipKeyGenerator(req.ip) : 'unknown');
    if (!result.ok) {
      const address = auditAddress(input.email);
      const actor = { id: 'anonymous', email: address.label };
      const target = { type: 'staff', id: address.id, label: address.label };
      const why = result.reason === 'locked' ? 'locked for this client address' : result.reason === 'slowed' ? 'account slowed down: not checked' : undefined;
      await this.audit.record(input.tenant, actor, 'staff.sign-in-failed', target, why);
      if (result.reason === 'locked' && result.justLocked) await this.audit.record(input.tenant, actor, 'staff.locked', target, `scope=client address, until=${result.until.toISOString()}`);
      if (result.reason === 'invalid' && result.slowDownStarted) {
        await this.audit.record(input.tenant, actor, 'staff.sign-in-slowed', target, `${SIGN_IN_LIMITS.failuresPerAccount} failures from all addresses: new addresses get one check per ${SIGN_IN_LIMITS.slowDownIntervalMs / 1000} s`);
      }
      return { ok: false };
    }
    const { user } = result;
    await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    const csrfToken = newToken();
    const now = this.clock().getTime();
    req.session.staff = { userId: user._id, userTenantId: user.tenantId, tenantId: input.tenant, csrfToken, signedInAt: now, startedAt: now };
    await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
    await this.audit.record(input.tenant, { id: user._id, email: user.email }, 'staff.signed-in', { type: 'staff', id: user._id, label: user.email });
    return { ok: true, user, csrfToken };
  }

  async signOut(req: Request, staff: StaffContext): Promise<void> {
    await new Promise<void>((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())));
    await this.audit.record(staff.tenantId, staff.actor, 'staff.signed-out', { type: 'staff', id: staff.user._id, label: staff.user.email });
  }
}
