import { jwtVerify, SignJWT } from 'jose';
import { DirectLineError } from './directline-error.js';
import { newWebUserId } from './ids.js';
import type { TenantKeys } from './tenant-keys.js';

const AUDIENCE = 'kosi-webchat-ticket';
/** The browser keeps its ticket in localStorage; each visit renews it, so only half a year of absence forgets a person. */
export const TICKET_TTL_SECONDS = 180 * 24 * 3600;

export const invalidTicket = (): DirectLineError =>
  new DirectLineError(401, 'InvalidTicket', 'the ticket is not valid for this tenant; drop it and ask again without one');

/**
 * A web user's identity: a signed ticket over a random user id. The same browser presents it again
 * and is the same person; nobody can claim someone else's id without the tenant's key.
 */
export class UserTickets {
  constructor(private readonly clock: () => Date) {}

  async issue(keys: TenantKeys, userId: string = newWebUserId()): Promise<{ ticket: string; userId: string }> {
    const now = Math.floor(this.clock().getTime() / 1000);
    const ticket = await new SignJWT({ tid: keys.tenant.id })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + TICKET_TTL_SECONDS)
      .sign(keys.ticketKey);
    return { ticket, userId };
  }

  /** The user id the ticket names; 401 InvalidTicket when forged, expired or from another tenant. */
  async verify(keys: TenantKeys, ticket: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(ticket, keys.ticketKey, { algorithms: ['HS256'], audience: AUDIENCE, currentDate: this.clock() });
      if (payload['tid'] !== keys.tenant.id || typeof payload.sub !== 'string') throw invalidTicket();
      return payload.sub;
    } catch {
      throw invalidTicket();
    }
  }
}
