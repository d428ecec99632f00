import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';
import { tokenExpired, unauthorized } from './directline-error.js';
import type { TenantDirectory } from './tenant-keys.js';

export interface TokenClaims {
  tenantId: string;
  conversationId: string;
  userId: string;
}

export interface IssuedToken {
  token: string;
  expires_in: number;
}

const AUDIENCE = 'kosi-directline';

/**
 * Direct Line tokens: HS256 JWTs bound to one conversation and one user. The user id sits in the
 * `user` claim because Web Chat reads it from there and then uses it as its own user id.
 */
export class DirectLineTokens {
  constructor(
    private readonly tenants: TenantDirectory,
    private readonly ttlSeconds: number,
    private readonly clock: () => Date,
  ) {}

  async issue(claims: TokenClaims): Promise<IssuedToken> {
    const keys = this.tenants.get(claims.tenantId);
    if (!keys) throw new Error(`unknown tenant ${claims.tenantId}`);
    const now = Math.floor(this.clock().getTime() / 1000);
    const token = await new SignJWT({ tid: claims.tenantId, conv: claims.conversationId, user: claims.userId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(keys.tokenKey);
    return { token, expires_in: this.ttlSeconds };
  }

  /** The token's claims and its remaining lifetime; 401 when it is not ours, 403 TokenExpired when it expired. */
  async verify(token: string): Promise<TokenClaims & { expiresIn: number }> {
    let tenantId: unknown;
    try {
      tenantId = decodeJwt(token)['tid'];
    } catch {
      throw unauthorized('the Authorization header holds neither a valid token nor a secret');
    }
    const keys = typeof tenantId === 'string' ? this.tenants.get(tenantId) : undefined;
    if (!keys) throw unauthorized('the token was not issued by this service');
    try {
      const now = this.clock();
      const { payload } = await jwtVerify(token, keys.tokenKey, { algorithms: ['HS256'], audience: AUDIENCE, currentDate: now });
      const { conv, user, exp } = payload;
      if (typeof conv !== 'string' || typeof user !== 'string' || typeof exp !== 'number') throw unauthorized('the token lacks its claims');
      return { tenantId: keys.tenant.id, conversationId: conv, userId: user, expiresIn: Math.max(0, exp - Math.floor(now.getTime() / 1000)) };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw tokenExpired();
      if (error instanceof errors.JOSEError) throw unauthorized('the token was not issued by this service');
      throw error;
    }
  }
}
