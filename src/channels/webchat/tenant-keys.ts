import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { TenantConfig } from '../../platform/config/config-types.js';

export interface TenantKeys {
  tenant: TenantConfig;
  /** HS256 key of Direct Line tokens; derived, so the secret itself never signs anything. */
  tokenKey: Uint8Array;
  /** HS256 key of web user tickets; a separate key, so a token never passes as a ticket. */
  ticketKey: Uint8Array;
  secretDigest: Buffer;
}

function derive(secret: string, purpose: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', secret).update(`kosi-webchat/${purpose}`).digest());
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** The tenants that have a web chat, with their keys derived once at start. */
export class TenantDirectory {
  private readonly byId = new Map<string, TenantKeys>();
  readonly first: TenantKeys;

  constructor(tenants: readonly TenantConfig[]) {
    for (const tenant of tenants) {
      // An empty secret would make every token forgeable: refuse to start instead.
      if (!tenant.webchat.secret) throw new Error(`tenant ${tenant.id}: webchat.secret is empty`);
      this.byId.set(tenant.id, {
        tenant,
        tokenKey: derive(tenant.webchat.secret, 'directline-token'),
        ticketKey: derive(tenant.webchat.secret, 'user-ticket'),
        secretDigest: digest(tenant.webchat.secret),
      });
    }
    const first = this.byId.values().next().value;
    if (!first) throw new Error('the web chat needs at least one tenant');
    this.first = first;
  }

  get(tenantId: string): TenantKeys | undefined {
    return this.byId.get(tenantId);
  }

  /** The tenant whose secret this is. Compares digests in constant time and always checks every tenant. */
  matchSecret(presented: string): TenantKeys | undefined {
    if (presented.length === 0) return undefined;
    const presentedDigest = digest(presented);
    let match: TenantKeys | undefined;
    for (const keys of this.byId.values()) {
      if (timingSafeEqual(presentedDigest, keys.secretDigest) && !match) match = keys;
    }
    return match;
  }
}
