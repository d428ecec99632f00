import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../platform/http/http-error.js';
import { can, type Permission } from '../accounts/staff-user.js';
import type { StaffAccounts } from '../accounts/staff-accounts.js';
import type { StaffContext } from './staff-context.js';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameToken(expected: string | undefined, given: unknown): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Name of the console's session cookie. */
export const SESSION_COOKIE = 'kosi_console';

/** A session ends this long after sign-in, however active it is (the idle timeout comes on top). */
export const MAX_SESSION_AGE_MS = 12 * 3_600_000;

export type Refusal = (req: Request, res: Response, next: NextFunction, reason: 'no-session' | 'csrf') => void;

/**
 * Loads the signed-in account on every request (a disabled account or a changed password ends
 * the session at once; so does its age: 12 hours after sign-in), then checks the CSRF token of every state-changing request.
 */
export function requireSession(accounts: StaffAccounts, refuse: Refusal, csrfTokenOf: (req: Request) => unknown, clock: () => Date): RequestHandler {
  return (req, res, next) => {
    const staff = req.session?.staff;
    if (!staff) return refuse(req, res, next, 'no-session');
    if (clock().getTime() - staff.startedAt >= MAX_SESSION_AGE_MS) {
      req.session.staff = undefined;
      return refuse(req, res, next, 'no-session');
    }
    accounts
      .find(staff.userTenantId, staff.userId)
      .then((user) => {
        if (!user || !user.active || user.passwordChangedAt.getTime() > staff.signedInAt) {
          req.session.staff = undefined;
          return refuse(req, res, next, 'no-session');
        }
        if (UNSAFE.has(req.method) && !sameToken(staff.csrfToken, csrfTokenOf(req))) return refuse(req, res, next, 'csrf');
        const context: StaffContext = { user, tenantId: staff.tenantId, role: user.role, csrfToken: staff.csrfToken, actor: { id: user._id, email: user.email, name: user.name } };
        res.locals.staff = context;
        next();
      })
      .catch(next);
  };
}

/** 403 unless the signed-in role has one of the permissions. */
export function requirePermission(...permissions: Array<Permission | undefined>): RequestHandler {
  return (_req, res, next) => {
    const staff = res.locals.staff as StaffContext | undefined;
    if (!staff || !permissions.some((permission) => permission && can(staff.role, permission))) return next(new HttpError(403, 'Forbidden', 'your role does not allow this'));
    next();
  };
}
