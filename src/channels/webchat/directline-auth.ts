import type { Request } from 'express';
import type { DirectLineTokens } from './directline-tokens.js';
import { forbidden, unauthorized } from './directline-error.js';
import type { TenantDirectory } from './tenant-keys.js';

/** Who called: the tenant's server (with the secret) or a client holding a conversation token. */
export type Caller =
  | { kind: 'secret'; tenantId: string }
  | { kind: 'token'; tenantId: string; conversationId: string; userId: string; token: string; expiresIn: number };

export class DirectLineAuth {
  constructor(
    private readonly tenants: TenantDirectory,
    private readonly tokens: DirectLineTokens,
  ) {}

  /** 401 without a usable Authorization header, 403 TokenExpired for an expired token. */
  async authenticate(req: Request): Promise<Caller> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (!match?.[1]) throw unauthorized('send "Authorization: Bearer <token or secret>"');
    return this.authenticatePresented(match[1]);
  }

  private async authenticatePresented(presented: string): Promise<Caller> {
    const bySecret = this.tenants.matchSecret(presented);
    if (bySecret) return { kind: 'secret', tenantId: bySecret.tenant.id };
    const claims = await this.tokens.verify(presented);
    return { kind: 'token', ...claims, token: presented };
  }

  /**
   * A stream's token, from its URL (`t`, as a browser's WebSocket cannot send headers): the checks
   * of the polling routes, but only a conversation token is taken, never the secret (URLs end up in
   * proxy logs). 401 without one, 403 TokenExpired for an expired one.
   */
  async authenticateStream(presented: string | undefined): Promise<Extract<Caller, { kind: 'token' }>> {
    if (!presented) throw unauthorized('the stream URL must carry its token (t=…) as given in streamUrl');
    const caller = await this.authenticatePresented(presented);
    if (caller.kind !== 'token') throw unauthorized('a stream takes a conversation token, never the secret');
    return caller;
  }

  async authenticateToken(req: Request): Promise<Extract<Caller, { kind: 'token' }>> {
    const caller = await this.authenticate(req);
    if (caller.kind !== 'token') throw unauthorized('this call needs a conversation token, not the secret');
    return caller;
  }
}

/** A token opens exactly its own conversation; the secret opens every conversation of its tenant. */
export function assertConversationAccess(caller: Caller, conversationId: string): void {
  const allowed = caller.kind === 'token' ? caller.conversationId === conversationId : conversationId.startsWith(`${caller.tenantId}:`);
  if (!allowed) throw forbidden('the token is not valid for this conversation');
}
