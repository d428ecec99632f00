import type { Clock } from './clock.js';
import type { AppConfig, TenantConfig } from './config/config-types.js';
import type { Translator } from './i18n/translator.js';
import type { Logger } from './logging/logger.js';
import type { DocumentStore } from './store/document-store.js';

/** What the composition root builds first and hands to every part: the platform. */
export interface PlatformServices {
  config: AppConfig;
  tenants: ReadonlyMap<string, TenantConfig>;
  store: DocumentStore;
  logger: Logger;
  clock: Clock;
  translator: Translator;
}
