import type { TenantConfig } from '../config/config-types.js';
import type { Translator } from '../i18n/translator.js';
import type { Logger } from '../logging/logger.js';
import type { AccountKey } from '../domain/profiles/profile.js';
import type { ProfileService } from '../domain/profiles/profile-service.js';
import type { PrivacyService } from '../domain/privacy/privacy-service.js';
import type { JourneyRegistry } from './journey-registry.js';
import type { WaitingAnnouncements } from '../broadcasts/delivery/webchat-announcements.js';

/** Everything the bot and its dialogs use, handed in by the composition root. */
export interface BotDeps {
  tenants: ReadonlyMap<string, TenantConfig>;
  translator: Translator;
  profiles: ProfileService;
  privacy: PrivacyService;
  journeys: JourneyRegistry;
  logger: Logger;
  /** Further conversations of an account that hold its data (e.g. earlier web chat visits). */
  conversationsOf(account: AccountKey): Promise<string[]>;
  /** Announcements waiting for a web chat visitor, shown at the start of their turn. */
  announcements?: WaitingAnnouncements;
}
