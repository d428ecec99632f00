import type { TenantConfig } from '../platform/config/config-types.js';
import type { Logger } from '../platform/logging/logger.js';
import type { Feature } from './feature-module.js';

/**
 * Each feature loads its demo content (its demo/ folder) into a tenant that has none of that feature's
 * content yet, with dates relative to `now`, so a fresh `npm start` shows a living service.
 */
export async function loadDemoContent(tenants: readonly TenantConfig[], features: readonly Feature[], now: Date, logger: Logger): Promise<void> {
  for (const tenant of tenants) {
    if (tenant.demoContent.length === 0) continue;
    for (const feature of features) {
      if (!feature.loadDemoContent) continue;
      await feature.loadDemoContent(tenant.id, tenant.demoContent, now);
    }
    logger.debug({ tenantId: tenant.id, sets: tenant.demoContent }, 'demo content checked');
  }
}
