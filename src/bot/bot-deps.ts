import type { TenantConfig } from '../platform/config/config-types.js';
import type { Translator } from '../platform/i18n/translator.js';
import type { Logger } from '../platform/logging/logger.js';
import type { AccountKey } from '../foundation/profiles/profile.js';
import type { ProfileService } from '../foundation/profiles/profile-service.js';
import type { PrivacyService } from '../foundation/privacy/privacy-service.js';
import type { JourneyRegistry } from './journey-registry.js';
import type { WaitingAnnouncements } from '../features/broadcasts/delivery/webchat-announcements.js';

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
